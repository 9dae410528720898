import "server-only";
import type { Tx } from "@/lib/db/client";
import { generateMac } from "@/lib/domain/nics";

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
