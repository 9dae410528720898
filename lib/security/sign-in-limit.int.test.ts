import { describe, it, expect, beforeAll, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { SIGN_IN_BACKOFF, SignInRefused, backoffSeconds, signInWithLimits } from "./sign-in-limit";

// Exponential backoff on failed sign-ins, per account and per address (the per-second rate is the
// other layer, tested with next-auth in lib/auth/sessions.int.test.ts and end to end). The clock is
// passed in: no test waits.
vi.mock("@/lib/rate-limit", () => ({ limiter: () => ({ consume: async () => ({ ok: true }) }) }));

const PASSWORD = "correct horse battery";
const t0 = new Date("2026-12-07T10:00:00Z").getTime();
const at = (ms: number) => () => new Date(t0 + ms);
let n = 0;
const addr = () => `198.51.100.${++n}`;

async function account() {
  const org = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id });
  const u = await createUser(db(), { password: PASSWORD, cost: 4 });
  await grantMembership(db(), { userId: u.id, tenantId: tenant.id });
  return u;
}

const attempt = (email: unknown, password: string, address: string, now: () => Date) => signInWithLimits({ email, password, address }, now);
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof SignInRefused ? e.retryAfterSeconds : Promise.reject(e)));

describe("backoff", () => {
  it.each([
    [5, 0],
    [6, 1],
    [7, 2],
    [8, 4],
    [15, 512],
    [16, 900],
    [1000, 900],
  ])("after %i failures in a row an account waits %i s", (failures, seconds) => {
    expect(backoffSeconds(failures, SIGN_IN_BACKOFF.account)).toBe(seconds);
  });

  it("after 20 failures from one address, that address waits 1 s, then 2 s", () => {
    expect([20, 21, 22].map((f) => backoffSeconds(f, SIGN_IN_BACKOFF.address))).toEqual([0, 1, 2]);
  });
});

describe("an account under attack from many addresses", () => {
  let email = "";
  let id = "";
  beforeAll(async () => {
    ({ email, id } = await account());
  });

  it("blocks the account after its 6th failure, even with the right password, whatever address or spelling, then doubles the wait", async () => {
    for (let i = 0; i < 6; i++) expect(await attempt(email, "wrong", addr(), at(0))).toBeNull();
    // Blocked 1 s: the right password from a fresh address, in capitals, is refused unchecked.
    expect(await refusal(attempt(`  ${email.toUpperCase()} `, PASSWORD, addr(), at(500)))).toBe(1);
    // After the wait a 7th failure blocks for 2 s.
    expect(await attempt(email, "wrong", addr(), at(1100))).toBeNull();
    expect(await refusal(attempt(email, PASSWORD, addr(), at(1200)))).toBe(2);
    // Once that passes, the right password works and the count starts again.
    expect(await attempt(email, PASSWORD, addr(), at(3200))).toMatchObject({ id });
    expect(await attempt(email, "wrong", addr(), at(3300))).toBeNull();
    expect(await attempt(email, PASSWORD, addr(), at(3400))).toMatchObject({ id });
  });

  it("audits each failure with its address and each refusal with its wait, for the organization's owners to see", async () => {
    const rows = await db().auditEvent.findMany({ where: { actorId: id }, orderBy: { createdAt: "asc" } });
    const failed = rows.filter((r) => r.action === "auth.sign_in_failed");
    const throttled = rows.filter((r) => r.action === "auth.sign_in_throttled");
    expect(failed).toHaveLength(8);
    expect(failed[0]!.details).toMatchObject({ address: expect.stringMatching(/^198\.51\.100\./) });
    expect(throttled.map((r) => r.details)).toEqual([expect.objectContaining({ retryAfterSeconds: 1 }), expect.objectContaining({ retryAfterSeconds: 2 })]);
    expect(throttled.every((r) => r.outcome === "DENIED" && r.organizationId)).toBe(true);
  });

  it("forgets failures an hour after the last one", async () => {
    const { email: e2 } = await account();
    for (let i = 0; i < 5; i++) await attempt(e2, "wrong", addr(), at(0));
    const later = SIGN_IN_BACKOFF.forgetAfterSeconds * 1000 + 1;
    // The count restarted at 1: no block after this failure.
    expect(await attempt(e2, "wrong", addr(), at(later))).toBeNull();
    expect(await attempt(e2, PASSWORD, addr(), at(later + 1))).toMatchObject({ email: e2 });
  });
});

describe("one address spraying many accounts", () => {
  it("blocks the address after its 21st failure, for every account including a real one, and leaves other addresses alone", async () => {
    const { email, id } = await account();
    const from = addr();
    // Concurrently: each failure is counted in one statement, so none is lost.
    const spray = await Promise.all([...Array(21)].map((_, i) => attempt(`spray-${i}-${n}@example.test`, "wrong", from, at(0))));
    expect(spray).toEqual(Array(21).fill(null));
    expect(await refusal(attempt(email, PASSWORD, from, at(100)))).toBe(1);
    // A body whose e-mail is not a string (JSON lets a client send anything) is still counted on the address.
    expect(await refusal(attempt({ $ne: "" }, PASSWORD, from, at(100)))).toBe(1);
    expect(await attempt(email, PASSWORD, addr(), at(100))).toMatchObject({ id });
  }, 120_000);
});
