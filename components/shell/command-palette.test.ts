import { describe, it, expect } from "vitest";
import type { SearchHit } from "@/lib/search-view";
import { hitHref } from "./command-palette-dialog";

const hit = (kind: SearchHit["kind"], id: string, name: string): SearchHit => ({ kind, id, name, detail: {}, tenant: { slug: "recette", name: "Recette" } });

describe("where a palette hit opens: in its own tenant", () => {
  it.each([
    [hit("vm", "vm1", "rec-web-001"), "/t/recette/compute/vms/vm1"],
    [hit("pool", "p1", "rec-eco-par7s"), "/t/recette/compute/pools/p1"],
    [hit("datastore", "d1", "ds-rec-standard-01"), "/t/recette/storage/d1"],
    [hit("vlan", "v1", "recette-front"), "/t/recette/network?q=recette-front"],
    [hit("order", "o1", "o1"), "/t/recette/orders/o1"],
    [hit("activity", "a1", "rec-web-001"), "/t/recette/activities/a1"],
  ])("%o → %s", (h, href) => {
    expect(hitHref(h)).toBe(href);
  });
});
