import { describe, it, expect, vi } from "vitest";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/auth/[...nextauth]/route";

// Sign-in limits (issue 10): 5 a second per account whatever the address a client claims, and 5 a
// second per address whatever the account. Each answer that is not a 429 went on to next-auth,
// stood in for here by a handler that says so (next-auth needs a live Next request scope).
vi.mock("next-auth", () => ({ default: () => async () => new Response("reached next-auth", { status: 200 }) }));

function attempt(email: string, xff: string) {
  const body = new URLSearchParams({ email, password: "wrong-password", csrfToken: "x", json: "true" });
  return POST(new NextRequest("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": xff }, body }), {
    params: Promise.resolve({ nextauth: ["callback", "credentials"] }),
  });
}

async function atSecondStart() {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));
}

describe("sign-in rate limits", () => {
  it("refuses the 6th attempt on one account within a second even from a new forged address each time, with Retry-After and the form's error", async () => {
    await atSecondStart();
    const email = `target-${Math.random()}@example.test`;
    const answers = await Promise.all([...Array(6)].map((_, i) => attempt(email, `198.51.100.${i}`)));
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(refused[0]!.headers.get("retry-after")).toBe("1");
    expect(await refused[0]!.json()).toEqual({ url: "http://localhost/signin?error=RateLimited" });
  });

  it("refuses the 6th attempt from one address within a second across accounts, and leaves other addresses alone", async () => {
    await new Promise((r) => setTimeout(r, 1100));
    await atSecondStart();
    const answers = await Promise.all([...Array(6)].map((_, i) => attempt(`spray-${i}-${Math.random()}@example.test`, "203.0.113.77")));
    expect(answers.filter((r) => r.status === 429)).toHaveLength(1);
    expect((await attempt(`other-${Math.random()}@example.test`, "203.0.113.78")).status).toBe(200);
  });
});
