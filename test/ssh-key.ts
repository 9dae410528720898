// A real OpenSSH ed25519 public key line for tests, built from a key pair of node:crypto (the blob is
// string "ssh-ed25519" then string <32-byte key>, each length-prefixed), and its fingerprint as
// `ssh-keygen -l` prints it.
import { createHash, generateKeyPairSync } from "node:crypto";

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

export function ed25519PublicKey(comment = "alice@laptop"): { line: string; fingerprint: string } {
  const { publicKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  const blob = Buffer.concat([sshString(Buffer.from("ssh-ed25519")), sshString(raw)]);
  return { line: `ssh-ed25519 ${blob.toString("base64")} ${comment}`, fingerprint: `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}` };
}
