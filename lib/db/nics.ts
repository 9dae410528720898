import "server-only";
import type { Tx } from "@/lib/db/client";
import { allocateNicAddress, generateMac } from "@/lib/domain/nics";
import type { Decision } from "@/lib/domain/result";

const DRAWS = 16;

/**
 * A generated MAC (VMware's range, lib/domain/nics.ts) that no adapter of the tenant holds, for a
 * new adapter. A few random draws are checked in one indexed query (the unique (tenantId, mac));
 * the tenant's whole list is read only if every draw is taken, which needs it to hold a large share
 * of the 2^22 addresses. The unique index still decides between two adapters made at one instant.
 */
export async function freeGeneratedMac(tx: Tx, tenantId: string): Promise<string> {
  const draws = Array.from({ length: DRAWS }, () => generateMac(new Set()));
  const taken = new Set((await tx.vmNic.findMany({ where: { tenantId, mac: { in: draws } }, select: { mac: true } })).map((n) => n.mac));
  const free = draws.find((mac) => !taken.has(mac));
  if (free) return free;
  return generateMac(new Set((await tx.vmNic.findMany({ where: { tenantId }, select: { mac: true } })).map((n) => n.mac)));
}

/**
 * The address of a new adapter on `vlan` (lib/domain/nics.ts): the lowest free of its subnet, read
 * from the adapters on it (at most the subnet's size, on the (vlanId, ipAddress) index), which also
 * decides between two adapters given one address at the same instant.
 */
export async function addressForNewNic(tx: Tx, vlan: { id: string; tag: number; name: string; subnet: string | null }): Promise<Decision<string | null>> {
  if (!vlan.subnet) return allocateNicAddress(vlan, new Set());
  const held = await tx.vmNic.findMany({ where: { vlanId: vlan.id, ipAddress: { not: null } }, select: { ipAddress: true } });
  return allocateNicAddress(vlan, new Set(held.map((n) => n.ipAddress!)));
}
