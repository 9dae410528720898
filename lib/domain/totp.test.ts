import { describe, expect, test } from "vitest";
import { checkTotpCode, isRecoveryCodeShape, canonicalRecoveryCode, newRecoveryCodes, newTotpSecret, totpCodeAt, totpUri } from "./totp";
import { TOTP_SETTINGS } from "./catalogue";

// RFC 6238, appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; its 8-digit codes
// are truncated here to the 6 digits apps show.
const RFC_SECRET = new TextEncoder().encode("12345678901234567890");
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP codes (RFC 6238)", () => {
  test.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("at T=%i the code is %s", (t, code) => {
    expect(totpCodeAt(RFC_SECRET, at(t))).toBe(code);
    expect(checkTotpCode({ secret: RFC_SECRET, code, now: at(t), lastStep: null })).toEqual({ ok: true, step: Math.floor(t / 30) });
  });

  test("a code is accepted one 30 s step either side of the clock, not two", () => {
    expect(TOTP_SETTINGS).toMatchObject({ periodSeconds: 30, windowSteps: 1, digits: 6 });
    expect(checkTotpCode({ secret: RFC_SECRET, code: "287082", now: at(59 + 30), lastStep: null }).ok).toBe(true);
    expect(checkTotpCode({ secret: RFC_SECRET, code: "287082", now: at(59 - 30), lastStep: null }).ok).toBe(true);
    expect(checkTotpCode({ secret: RFC_SECRET, code: "287082", now: at(59 + 60), lastStep: null }).ok).toBe(false);
  });

  test("a code already used is refused for the rest of its window, and so is an older one", () => {
    const first = checkTotpCode({ secret: RFC_SECRET, code: "287082", now: at(59), lastStep: null });
    expect(first).toEqual({ ok: true, step: 1 });
    // Replayed 20 s later, still inside the ±1 step window.
    expect(checkTotpCode({ secret: RFC_SECRET, code: "287082", now: at(79), lastStep: 1 }).ok).toBe(false);
    // The code of the step before the last accepted one.
    expect(checkTotpCode({ secret: RFC_SECRET, code: totpCodeAt(RFC_SECRET, at(10)), now: at(59), lastStep: 1 }).ok).toBe(false);
    // The next step's code is fine.
    expect(checkTotpCode({ secret: RFC_SECRET, code: totpCodeAt(RFC_SECRET, at(61)), now: at(61), lastStep: 1 })).toEqual({ ok: true, step: 2 });
  });

  test.each(["", "28708", "2870822", "28708a", "abcdef", "287083"])("%j is refused, never thrown on", (code) => {
    expect(checkTotpCode({ secret: RFC_SECRET, code, now: at(59), lastStep: null }).ok).toBe(false);
  });

  test("spaces and dashes typed in a code are tolerated", () => {
    expect(checkTotpCode({ secret: RFC_SECRET, code: " 287 082 ", now: at(59), lastStep: null }).ok).toBe(true);
    expect(checkTotpCode({ secret: RFC_SECRET, code: "287-082", now: at(59), lastStep: null }).ok).toBe(true);
  });

  test("a new secret round-trips through its base32 form and the otpauth URI", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const now = new Date();
    expect(checkTotpCode({ secret, code: totpCodeAt(secret, now), now, lastStep: null }).ok).toBe(true);
    const uri = new URL(totpUri(secret, "alice@example.test", "Sovereign Console"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Sovereign Console");
  });
});

describe("recovery codes", () => {
  test("10 distinct codes shaped xxxxx-xxxxx, none of them a 6-digit code", () => {
    let i = 0;
    const codes = newRecoveryCodes((n) => Uint8Array.from({ length: n }, () => (i++ * 37) % 256));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(c).not.toMatch(/[ilo01]/);
      expect(isRecoveryCodeShape(c)).toBe(true);
    }
  });

  test("typed in capitals or without the dash, a code is the same code", () => {
    expect(canonicalRecoveryCode("ABCDE-FGHJK")).toBe("abcdefghjk");
    expect(canonicalRecoveryCode("abcde fghjk")).toBe("abcdefghjk");
    expect(isRecoveryCodeShape("287082")).toBe(false);
  });
});
