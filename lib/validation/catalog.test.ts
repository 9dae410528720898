import { describe, expect, it, test } from "vitest";
import { ed25519PublicKey } from "@/test/ssh-key";
import { cloudInitFields, isCloudConfigYaml, parseSshPublicKey, registerIsoSchema, USER_DATA_MAX_BYTES } from "./catalog";
import { z } from "zod";

const cloudInit = z.object(cloudInitFields);

describe("SSH public keys", () => {
  it("accepts a real ed25519 key with its comment", () => {
    const k = ed25519PublicKey("ops@bastion");
    expect(parseSshPublicKey(k.line)).toMatchObject({ type: "ssh-ed25519", comment: "ops@bastion" });
  });

  test.each([
    ["a DSA key (type not accepted)", "ssh-dss AAAAB3NzaC1kc3MAAACBAP1"],
    ["a blob of another type than announced", `ssh-rsa ${ed25519PublicKey().line.split(" ")[1]}`],
    ["no blob", "ssh-ed25519"],
    ["a private key", "-----BEGIN OPENSSH PRIVATE KEY-----"],
    ["not base64", "ssh-ed25519 not*base64"],
  ])("refuses %s", (_what, line) => {
    expect(parseSshPublicKey(line)).toBeNull();
  });

  it("reads one key a line from a textarea and says which is wrong", () => {
    const a = ed25519PublicKey().line;
    expect(cloudInit.parse({ sshKeys: `${a}\n\n` }).sshKeys).toEqual([a]);
    const r = cloudInit.safeParse({ sshKeys: `${a}\nssh-rsa nope` });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("v.sshKey");
  });
});

describe("cloud-init user data", () => {
  test.each([
    ["#cloud-config\npackages: [nginx]\n", true],
    ["users:\n  - name: ops\n", true],
    ["- just\n- a list\n", false],
    ["plain text", false],
    ["key: [unclosed", false],
  ])("%j is cloud-config: %s", (text, ok) => {
    expect(isCloudConfigYaml(text)).toBe(ok);
  });

  it("is at most 16 KiB", () => {
    const big = `#cloud-config\nwrite_files: "${"x".repeat(USER_DATA_MAX_BYTES)}"\n`;
    expect(cloudInit.safeParse({ userData: big }).error?.issues[0]?.message).toBe("v.userDataSize");
    expect(cloudInit.parse({ userData: "  " }).userData).toBeUndefined();
  });
});

describe("an ISO's metadata", () => {
  it("takes a SHA-256 of 64 hex characters, in either case", () => {
    expect(registerIsoSchema.parse({ name: "tools.iso", sizeBytes: "1024", sha256: "A".repeat(64) }).sha256).toBe("a".repeat(64));
    expect(registerIsoSchema.safeParse({ name: "tools.iso", sizeBytes: 1024, sha256: "abc" }).success).toBe(false);
  });
});
