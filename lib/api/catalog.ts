// GET /api/v1/catalog: what a tenant can order and run, from the one module that holds the figures.
import { DEMO_PRICES, LICENCES, NODE_TYPES, REGIONS, STORAGE_TIERS, licenceSku, tierSku } from "@/lib/domain/catalogue";
import { VM_TEMPLATES } from "@/lib/catalog/templates";

export function catalogOf(regionId: string) {
  const region = regionId.toLowerCase();
  return {
    region: REGIONS.find((r) => r.code === regionId) ?? null,
    nodeTypes: Object.values(NODE_TYPES),
    storageTiers: Object.values(STORAGE_TIERS).map((t) => ({ ...t, sku: tierSku(t.code, region) })),
    licences: Object.values(LICENCES).map((l) => ({ ...l, sku: licenceSku(l.code, region) })),
    templates: VM_TEMPLATES,
    demoPrices: { note: "Demo prices, the project's own: the provider publishes none.", ...DEMO_PRICES },
  };
}
