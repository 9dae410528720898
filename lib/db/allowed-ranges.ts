import "server-only";
import { db, type Tx } from "./client";

export type AllowedRangeRow = { cidr: string; label: string };

/** A tenant's allowed address ranges, in the order they were saved. */
export async function listAllowedRanges(tenantId: string, tx: Tx = db()): Promise<AllowedRangeRow[]> {
  return tx.tenantAllowedRange.findMany({ where: { tenantId }, orderBy: { position: "asc" }, select: { cidr: true, label: true } });
}

/** Replaces a tenant's whole list (inside the caller's transaction). */
export async function replaceAllowedRanges(tenantId: string, ranges: readonly AllowedRangeRow[], tx: Tx) {
  await tx.tenantAllowedRange.deleteMany({ where: { tenantId } });
  if (ranges.length) await tx.tenantAllowedRange.createMany({ data: ranges.map((r, position) => ({ tenantId, cidr: r.cidr, label: r.label, position })) });
}
