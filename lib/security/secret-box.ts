import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Secrets the console must read back (a TOTP secret, to check codes) are kept encrypted with
// AES-256-GCM under a key derived from NEXTAUTH_SECRET: a copy of the database alone (a backup, a
// replica) does not give anyone the codes of every account. The key is the session signing key's
// SHA-256 under a purpose label, so it is never the signing key itself.
// Without NEXTAUTH_SECRET (tests, `next dev` without scripts/start.ts) a fixed development key is
// used; production refuses to run without one (next-auth does too).

const DEV_KEY_MATERIAL = "sovereign-console development key: not a secret";

function key(purpose: string): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret && env().NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is required to encrypt stored secrets");
  return createHash("sha256").update(`${purpose}\0${secret ?? DEV_KEY_MATERIAL}`).digest();
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url: the purpose label is bound as associated data. */
export function sealSecret(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plaintext, or a throw when the box was sealed under another key or altered. */
export function openSecret(purpose: string, sealed: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ct === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
