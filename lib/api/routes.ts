import "server-only";
import { USE_CASES } from "@/lib/use-cases";
import { READS } from "@/lib/use-cases/reads";
import { routeOf, type Method, type Read, type Route, type AnyTenantUseCase } from "@/lib/use-cases/define";

// The API's routing table, generated from the registry: each read and each use case with a route
// becomes one (method, path). Nothing here is written by hand per route.

export type ApiRoute = {
  name: string;
  method: Method;
  /** OpenAPI form, under /api/v1: "/compute/vms/{id}/power". */
  path: string;
  read?: Read;
  useCase?: AnyTenantUseCase;
  route?: Route;
};

function build(): ApiRoute[] {
  const out: ApiRoute[] = Object.entries(READS).map(([name, read]) => ({ name, method: "GET" as const, path: read.path, read }));
  for (const [name, u] of Object.entries(USE_CASES)) {
    const route = routeOf(u);
    if (!route || u.scope !== "tenant") continue;
    out.push({ name, method: route.method, path: route.path, useCase: u, route });
  }
  const seen = new Set<string>();
  for (const r of out) {
    const key = `${r.method} ${r.path.replace(/\{\w+\}/g, "{}")}`;
    if (seen.has(key)) throw new Error(`Two entries of the registry answer ${key}`);
    seen.add(key);
  }
  return out;
}

export const API_ROUTES: readonly ApiRoute[] = build();

const segmentsOf = (path: string) => path.split("/").filter(Boolean);

/** The route for a method and path; a path that exists under other methods answers which ones. */
export function matchRoute(routes: readonly ApiRoute[], method: string, segments: readonly string[]): { route: ApiRoute; params: Record<string, string> } | { allow: string[] } | null {
  const candidates: { route: ApiRoute; params: Record<string, string>; literals: number }[] = [];
  for (const route of routes) {
    const pattern = segmentsOf(route.path);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = pattern.every((p, i) => {
      const m = /^\{(\w+)\}$/.exec(p);
      if (m) return ((params[m[1]!] = segments[i]!), true);
      literals++;
      return p === segments[i];
    });
    if (fits) candidates.push({ route, params, literals });
  }
  if (candidates.length === 0) return null;
  // The most literal path wins: /compute/vms/bulk-power over /compute/vms/{id}.
  const forMethod = candidates.filter((c) => c.route.method === method).sort((a, b) => b.literals - a.literals);
  if (forMethod[0]) return { route: forMethod[0].route, params: forMethod[0].params };
  const best = Math.max(...candidates.map((c) => c.literals));
  return { allow: [...new Set(candidates.filter((c) => c.literals === best).map((c) => c.route.method))].sort() };
}
