import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CoverageQuery, CoverageSort } from "@/lib/validation/data-protection";
import { pageWindow } from "@/lib/list-query";
import { db, type Tx } from "./client";

// Backup policies and the VMs they cover. Policies are created by service request (they arrive
// with the tenant); the console assigns them per VM.

export async function listBackupPolicies(tenantId: string, tx: Tx = db()) {
  const [policies, counts] = await Promise.all([
    tx.backupPolicy.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, retentionDays: true, retentionWeeks: true, retentionMonths: true } }),
    tx.backupPolicyAssignment.groupBy({ by: ["policyId"], where: { tenantId }, _count: { _all: true } }),
  ]);
  const covered = new Map(counts.map((c) => [c.policyId, c._count._all]));
  return policies.map((p) => ({ ...p, vmCount: covered.get(p.id) ?? 0 }));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// A VM's policy count sorts the uncovered ones first; the name breaks ties so pages never overlap.
const ORDER: Record<CoverageSort, (dir: Prisma.SortOrder) => Prisma.VmOrderByWithRelationInput[]> = {
  coverage: (dir) => [{ backups: { _count: dir } }, { name: "asc" }],
  name: (dir) => [{ name: dir }],
  powerState: (dir) => [{ powerState: dir }, { name: "asc" }],
};

/** One page of the tenant's VMs as the coverage view shows them, filtered, sorted and counted in the database. */
export async function listCoverage(tenantId: string, q: CoverageQuery, tx: Tx = db()) {
  const where: Prisma.VmWhereInput = {
    tenantId,
    ...(q.q ? { name: { contains: escapeLike(q.q), mode: "insensitive" } } : {}),
    ...(q.state ? { powerState: q.state } : {}),
    ...(q.coverage === "none" ? { backups: { none: {} } } : q.coverage === "covered" ? { backups: { some: {} } } : {}),
  };
  const w = pageWindow(q, 0);
  const [total, rows] = await Promise.all([
    tx.vm.count({ where }),
    tx.vm.findMany({
      where,
      orderBy: ORDER[q.sort](q.dir),
      skip: w.skip,
      take: w.take,
      select: {
        id: true,
        name: true,
        powerState: true,
        status: true,
        memoryGb: true,
        writeRateMbps: true,
        encryption: true,
        busyActivityId: true,
        pool: { select: { name: true, azId: true } },
        backups: { select: { policy: { select: { id: true, name: true } } }, orderBy: { policy: { name: "asc" } } },
        replications: { where: { kind: "VM_REPLICATION" }, select: { id: true, targetAzId: true, promisedRpoMinutes: true, lastReplicatedAt: true, status: true, busyActivityId: true } },
      },
    }),
  ]);
  return { total, rows };
}

/** The figures above the coverage list: how many VMs have no policy, and the data under a policy against the quota. */
export async function coverageSummary(tenantId: string, tx: Tx = db()) {
  const [total, uncovered, runningUncovered, protectedData, tenant] = await Promise.all([
    tx.vm.count({ where: { tenantId } }),
    tx.vm.count({ where: { tenantId, backups: { none: {} } } }),
    tx.vm.count({ where: { tenantId, powerState: "POWERED_ON", backups: { none: {} } } }),
    tx.vmDisk.aggregate({ where: { tenantId, excludedFromBackup: false, vm: { backups: { some: {} } } }, _sum: { usedGib: true } }),
    tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { backupQuotaTib: true } }),
  ]);
  return { total, uncovered, runningUncovered, protectedGib: protectedData._sum.usedGib ?? 0, quotaTib: tenant.backupQuotaTib };
}
