import "server-only";
import { db, type Tx } from "./client";

// The tenant's catalogue, its VMs' CD/DVD drives and cloud-init. Every query names the tenant: another
// tenant's item is not found.

const ITEM = {
  id: true,
  kind: true,
  name: true,
  templateCode: true,
  cpu: true,
  memoryGb: true,
  diskGib: true,
  source: true,
  sourceVmName: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
  mounts: { select: { vm: { select: { id: true, name: true } } } },
} as const;

export async function listCatalogItems(tenantId: string, tx: Tx = db()) {
  return tx.catalogItem.findMany({ where: { tenantId }, select: ITEM, orderBy: [{ kind: "asc" }, { name: "asc" }] });
}

export async function findCatalogItem(tx: Tx, tenantId: string, itemId: string) {
  return tx.catalogItem.findFirst({ where: { id: itemId, tenantId }, select: ITEM });
}

export async function catalogNameTaken(tx: Tx, tenantId: string, name: string): Promise<boolean> {
  return (await tx.catalogItem.count({ where: { tenantId, name } })) > 0;
}

/** A VM's CD/DVD drive (what it holds, if anything) and the cloud-init it was created with. */
export async function getVmCatalogSide(tenantId: string, vmId: string, tx: Tx = db()) {
  const [mount, cloudInit] = await Promise.all([
    tx.vmIsoMount.findFirst({ where: { tenantId, vmId }, select: { id: true, item: { select: { id: true, name: true, sizeBytes: true } } } }),
    tx.vmCloudInit.findFirst({ where: { tenantId, vmId }, select: { userData: true, sshKeys: true } }),
  ]);
  return { mount, cloudInit };
}
