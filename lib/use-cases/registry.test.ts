import { describe, it, expect } from "vitest";
import { z } from "zod";
import { USE_CASES, routeOf, type UseCaseName } from "@/lib/use-cases";
import { API_ROUTES, matchRoute } from "@/lib/api/routes";

// The registry is the one declaration of every use case: these checks make a use case without a
// route (and no stated reason), a route that does not reach its entry, or a path that cannot fill
// the input fail here, before any request is sent.

const entries = Object.entries(USE_CASES) as [UseCaseName, (typeof USE_CASES)[UseCaseName]][];

/** The use cases the API does not offer, each for a reason stated in its entry. */
const CONSOLE_ONLY: UseCaseName[] = ["approveOrder", "rejectOrder", "setUserDisabled", "createToken", "propagateVlan", "setSso"];

describe("the use-case registry", () => {
  it("gives every use case a route under /api/v1, or says why not", () => {
    const without = entries.filter(([, u]) => !routeOf(u)).map(([n]) => n);
    expect(without.sort()).toEqual([...CONSOLE_ONLY].sort());
    for (const [name, u] of entries) {
      if ("consoleOnly" in u.route) expect(u.route.consoleOnly.length, name).toBeGreaterThan(40);
    }
  });

  it.each(entries.filter(([, u]) => routeOf(u)).map(([n]) => n))("%s: its method and path reach it, and the path fills keys of its input", (name) => {
    const u = USE_CASES[name];
    const route = routeOf(u)!;
    const segments = route.path.split("/").filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, "x-$1"));
    const found = matchRoute(API_ROUTES, route.method, segments);
    expect(found && "route" in found ? found.route.name : found).toBe(name);
    const shape = (u.schema as z.ZodObject).shape as Record<string, unknown> | undefined;
    for (const key of Object.values(route.params ?? {})) expect(shape, `${name}: ${key}`).toHaveProperty(key);
    expect([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()).toEqual(Object.keys(route.params ?? {}).sort());
  });

  it.each(entries.map(([n]) => n))("%s: declares what it records and the resource it changes", (name) => {
    const u = USE_CASES[name];
    if (u.preview) {
      expect(u.audit).toEqual([]);
      expect(u.activity).toEqual([]);
    } else expect(u.audit.length).toBeGreaterThan(0);
    if (u.resource.key) expect((u.schema as z.ZodObject).shape).toHaveProperty(u.resource.key);
  });

  it("lets only a person's own tokens and saved views go without a permission (the service decides whose, and which list's)", () => {
    expect(entries.filter(([, u]) => u.scope === "tenant" && u.permission === null).map(([n]) => n).sort()).toEqual(["createToken", "deleteListView", "revokeToken", "saveListView"]);
  });

  it("answers 405 with the methods a path has, and nothing for a path it does not know", () => {
    expect(matchRoute(API_ROUTES, "PUT", ["compute", "vms"])).toEqual({ allow: ["GET", "POST"] });
    expect(matchRoute(API_ROUTES, "GET", ["compute", "nothing-here"])).toBeNull();
    // The most literal path wins over a parameter.
    const bulk = matchRoute(API_ROUTES, "POST", ["compute", "vms", "bulk-power"]);
    expect(bulk && "route" in bulk ? bulk.route.name : bulk).toBe("bulkPower");
  });
});
