import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { TENANT_STATIC_PAGES, tenantSwitchHref } from "./tenant-path";

const tenantDir = path.resolve(import.meta.dirname, "../../app/t/[tenant]");

function pagesUnder(dir: string, rel = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isFile()) return e.name === "page.tsx" ? [rel] : [];
    return e.isDirectory() ? pagesUnder(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name) : [];
  });
}

describe("the tenant switcher", () => {
  it("knows every tenant page without an id, and no other", () => {
    expect([...TENANT_STATIC_PAGES].sort()).toEqual(pagesUnder(tenantDir).filter((p) => !p.includes("[")).sort());
  });

  it.each([
    ["/t/production/compute/vms", "", "/t/recette/compute/vms"],
    ["/t/production/compute/vms/cmabc123", "", "/t/recette/compute/vms"],
    ["/t/production/compute/vms/new", "", "/t/recette/compute/vms/new"],
    ["/t/production/dashboards/pools/cmpool1", "?range=7d", "/t/recette/dashboards/capacity?range=7d"],
    ["/t/production/dashboards/pools/cmpool1", "", "/t/recette/dashboards/capacity"],
    ["/t/production/dashboards/capacity", "?range=30d&sort=overLine&dir=desc", "/t/recette/dashboards/capacity?range=30d"],
    ["/t/production/dashboards/datastores/cmds1", "?range=30d&x=1", "/t/recette/dashboards?range=30d"],
    ["/t/production/storage/cmds1", "", "/t/recette/storage"],
    ["/t/production/orders/cmorder1", "", "/t/recette/orders"],
    ["/t/production/iam/users/cmuser1", "", "/t/recette/iam"],
    ["/t/production/activities/cmact1", "", "/t/recette/activities"],
    ["/t/production/compute/vms", "?q=web&tag=env:prod&page=3", "/t/recette/compute/vms"],
    ["/t/production", "", "/t/recette"],
  ])("from %s%s lands on %s, never on another tenant's id", (pathname, search, expected) => {
    expect(tenantSwitchHref(pathname, search, "recette")).toBe(expected);
  });
});
