import { describe, it, expect } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

// Through the proxy: a CSP whose scripts need this response's nonce (no 'unsafe-inline'), passed
// to Next on the request so that it marks its own scripts; HSTS only over HTTPS.
describe("security headers set by the proxy", () => {
  it("sends a fresh nonce in script-src, never 'unsafe-inline' for scripts, and hands Next the same policy", async () => {
    const [a, b] = await Promise.all([proxy(new NextRequest("http://localhost/signin")), proxy(new NextRequest("http://localhost/signin"))]);
    const csp = a.headers.get("content-security-policy")!;
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });

  it("sends HSTS over https only", async () => {
    expect((await proxy(new NextRequest("http://localhost/signin"))).headers.get("strict-transport-security")).toBeNull();
    expect((await proxy(new NextRequest("https://console.example.fr/signin"))).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("answers a refused page request with the sentence, an API request with the API's problem shape", async () => {
    const page = await proxy(new NextRequest("http://localhost/t/production/compute/vms?q=%00"));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("q contains a NUL character");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const api = await proxy(new NextRequest("http://localhost/api/v1/compute/vms/%C0%AE"));
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: "INVALID", fields: { path: [expect.any(String)] } });
  });
});
