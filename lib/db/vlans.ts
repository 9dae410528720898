import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageWindow } from "@/lib/list-query";
import type { VlanListQuery, VlanSort } from "@/lib/validation/network";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

// Level-2 VLANs: a tenant's own, and those a sibling tenant propagated to it. A received VLAN shows
// only its own propagation: the other tenants it reaches are none of the receiver's business.

const ORDER: Record<VlanSort, (dir: Prisma.SortOrder) => Prisma.VlanOrderByWithRelationInput[]> = {
  tag: (dir) => [{ tag: dir }, { id: dir }],
  name: (dir) => [{ name: dir }, { tag: "asc" }, { id: "asc" }],
};

export async function listVlans<Q extends VlanListQuery & Partial<Paging>>(tenantId: string, q: Q, tx: Tx = db()) {
  if (q.after && q.sort !== "tag") throw new Error(`keyset paging of VLANs sorted by ${q.sort} is not written`);
  const received: Prisma.VlanWhereInput = { tenantId: { not: tenantId }, propagations: { some: { tenantId } } };
  const scope: Prisma.VlanWhereInput = q.scope === "own" ? { tenantId } : q.scope === "received" ? received : { OR: [{ tenantId }, received] };
  const tag = q.q && /^\d{1,4}$/.test(q.q) ? Number(q.q) : null;
  const where: Prisma.VlanWhereInput = {
    AND: [scope, ...(q.q ? [{ OR: [{ name: { contains: likeLiteral(q.q), mode: "insensitive" as const } }, ...(tag !== null ? [{ tag }] : [])] }] : [])],
  };
  const w = pageWindow(q, 0);
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.vlan.count({ where })),
    tx.vlan.findMany({
      // A received VLAN may carry the tag of one of the tenant's own: the id breaks the tie.
      where: q.after ? { AND: [where, afterWhere("tag", q.dir, q.dir, q.after)] } : where,
      orderBy: ORDER[q.sort](q.dir),
      skip: w.skip,
      take: w.take,
      select: {
        id: true,
        tag: true,
        name: true,
        subnet: true,
        tenantId: true,
        tenant: { select: { id: true, name: true, slug: true } },
        propagations: { orderBy: { createdAt: "asc" }, select: { id: true, tenantId: true, busyActivityId: true, createdAt: true, tenant: { select: { id: true, name: true, slug: true } } } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((v) => ({ ...v, own: v.tenantId === tenantId, propagations: v.tenantId === tenantId ? v.propagations : v.propagations.filter((p) => p.tenantId === tenantId) })),
  };
}

/** The tenant's own VLAN, locked for the rest of the transaction (propagations of one VLAN queue); another tenant's is not found. */
export async function lockVlan(tx: Tx, tenantId: string, vlanId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Vlan" WHERE id = ${vlanId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.vlan.findFirst({ where: { id: vlanId, tenantId }, select: { id: true, tag: true, name: true } });
}

/** Several of the tenant's VLANs locked in one statement (in id order, so two callers never deadlock); those of another tenant are absent. */
export async function lockVlans(tx: Tx, tenantId: string, vlanIds: readonly string[]) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Vlan" WHERE id = ANY(${[...vlanIds]}) AND "tenantId" = ${tenantId} ORDER BY id FOR UPDATE`;
  if (rows.length === 0) return [];
  return tx.vlan.findMany({ where: { id: { in: rows.map((r) => r.id) }, tenantId }, select: { id: true, tag: true, name: true } });
}

/** The propagations of some of the tenant's own VLANs to `targetTenantId`. */
export async function findPropagations(tx: Tx, tenantId: string, vlanIds: readonly string[], targetTenantId: string) {
  return tx.vlanPropagation.findMany({ where: { vlanId: { in: [...vlanIds] }, tenantId: targetTenantId, vlan: { tenantId } }, select: { id: true, vlanId: true } });
}

/** A propagation of the tenant's own VLAN to `targetTenantId`, or null. */
export async function findPropagation(tx: Tx, tenantId: string, vlanId: string, targetTenantId: string) {
  return tx.vlanPropagation.findFirst({ where: { vlanId, tenantId: targetTenantId, vlan: { tenantId } }, select: { id: true, busyActivityId: true, tenant: { select: { id: true, name: true } } } });
}

/**
 * The VLANs a tenant's VMs may be on: its own, and those a sibling tenant propagated to it. A
 * propagation still under way, or being withdrawn, does not count (its activity holds it).
 */
const usableBy = (tenantId: string): Prisma.VlanWhereInput => ({ OR: [{ tenantId }, { propagations: { some: { tenantId, busyActivityId: null } } }] });

export async function listUsableVlans(tenantId: string, tx: Tx = db()) {
  const rows = await tx.vlan.findMany({ where: usableBy(tenantId), orderBy: [{ tag: "asc" }, { id: "asc" }], select: { id: true, tag: true, name: true, subnet: true, tenantId: true } });
  return rows.map(({ tenantId: owner, ...v }) => ({ ...v, own: owner === tenantId }));
}

/** One VLAN the tenant's VMs may be on, or null: another tenant's VLAN that was not propagated here is not found. */
export async function findUsableVlan(tx: Tx, tenantId: string, vlanId: string) {
  return tx.vlan.findFirst({ where: { AND: [{ id: vlanId }, usableBy(tenantId)] }, select: { id: true, tag: true, name: true, subnet: true } });
}
