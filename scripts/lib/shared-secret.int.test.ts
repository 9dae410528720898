import { describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { sharedSecret } from "./shared-secret";

// Two checkouts started on one DATABASE_URL without NEXTAUTH_SECRET: each proposes its own
// secret, and both must sign with the same one, or a session made on one is forged on the other.
describe("the signing secret shared through the database", () => {
  const url = process.env.DATABASE_URL!;

  it("is the first one stored: a later start with another candidate gets it back", async () => {
    const name = `test-${randomUUID()}`;
    expect(await sharedSecret(url, name, "first-instance-secret")).toBe("first-instance-secret");
    expect(await sharedSecret(url, name, "second-instance-secret")).toBe("first-instance-secret");
  });

  it("is one value when several instances start at the same moment", async () => {
    const name = `test-${randomUUID()}`;
    const got = await Promise.all(Array.from({ length: 6 }, (_, i) => sharedSecret(url, name, `candidate-${i}`)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(/^candidate-\d$/);
  });
});
