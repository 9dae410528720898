// Monthly cost lines from an inventory and a price list (DEMO_PRICES unless told otherwise).
import {
  DEMO_PRICES,
  GIB_PER_TIB,
  LICENCES,
  NODE_TYPES,
  NODE_TYPE_CODES,
  STORAGE_TIERS,
  STORAGE_TIER_CODES,
  licenceSku,
  tierSku,
  type LicenceCode,
  type NodeTypeCode,
  type PriceList,
  type StorageTierCode,
} from "./catalogue";
import type { StorageReplicationKind } from "./storage";

export type Inventory = {
  /** Region of the SKUs (the node SKUs of the reference are fixed to fr1). */
  region: string;
  hosts: readonly { nodeType: NodeTypeCode; count: number }[];
  datastores: readonly { tier: StorageTierCode; sizeGib: number; replication?: StorageReplicationKind | null }[];
  backupStorageTib: number;
  /** VMs with a backup policy. */
  backedUpVms: number;
  /** VMs under VM replication. */
  replicatedVms: number;
  /** VMs encrypted via HSM/KMS. */
  encryptedVms: number;
};

export type CostLine = { sku: string; label: string; quantity: number; unit: string; unitPrice: number; total: number };
export type MonthlyCost = { currency: PriceList["currency"]; lines: CostLine[]; total: number };

const cents = (eur: number) => Math.round(eur * 100);

function line(sku: string, label: string, quantity: number, unit: string, unitPrice: number): CostLine {
  return { sku, label, quantity, unit, unitPrice, total: cents(quantity * unitPrice) / 100 };
}

/** Billing units of a datastore: GiB for flash, started TiB for Mass Storage. */
export function billedUnits(tier: StorageTierCode, sizeGib: number): number {
  return Math.ceil(sizeGib / STORAGE_TIERS[tier].unitGib);
}

/**
 * One line per SKU (standby copies of mirrored datastores on their own line, same SKU: the
 * standby doubles the storage and its bill), lines of quantity 0 left out, totals to the cent.
 */
export function monthlyCost(inventory: Inventory, prices: PriceList = DEMO_PRICES): MonthlyCost {
  const lines: CostLine[] = [];
  for (const code of NODE_TYPE_CODES) {
    const count = inventory.hosts.filter((h) => h.nodeType === code).reduce((n, h) => n + h.count, 0);
    if (count > 0) lines.push(line(NODE_TYPES[code].sku, NODE_TYPES[code].label, count, "host", prices.nodeTypes[code]));
  }
  let globalMirrorTib = 0;
  for (const tier of STORAGE_TIER_CODES) {
    const stores = inventory.datastores.filter((d) => d.tier === tier);
    const units = stores.reduce((n, d) => n + billedUnits(tier, d.sizeGib), 0);
    const standbyUnits = stores.filter((d) => d.replication).reduce((n, d) => n + billedUnits(tier, d.sizeGib), 0);
    globalMirrorTib += stores.filter((d) => d.replication === "GLOBAL_MIRROR").reduce((n, d) => n + Math.ceil(d.sizeGib / GIB_PER_TIB), 0);
    const unit = STORAGE_TIERS[tier].unitGib === 1 ? "GiB" : "TiB";
    const sku = tierSku(tier, inventory.region);
    const label = STORAGE_TIERS[tier].label;
    if (units > 0) lines.push(line(sku, label, units, unit, prices.tiers[tier]));
    if (standbyUnits > 0) lines.push(line(sku, `${label} (standby copy)`, standbyUnits, unit, prices.tiers[tier]));
  }
  const licenceQuantities: Record<LicenceCode, number> = {
    BACKUP_STORAGE: inventory.backupStorageTib,
    GLOBAL_MIRROR: globalMirrorTib,
    VM_REPLICATION: inventory.replicatedVms,
    BACKUP_VM: inventory.backedUpVms,
    HSM_ENCRYPTION: inventory.encryptedVms,
  };
  for (const [code, quantity] of Object.entries(licenceQuantities) as [LicenceCode, number][]) {
    if (quantity > 0) lines.push(line(licenceSku(code, inventory.region), LICENCES[code].label, quantity, LICENCES[code].unit, prices.licences[code]));
  }
  return { currency: prices.currency, lines, total: lines.reduce((n, l) => n + cents(l.total), 0) / 100 };
}
