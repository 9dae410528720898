// The demo data set: one organization, three tenants, their people and infrastructure.
// Idempotent: the catalogue is upserted every time; the rest is created once, when the
// demo organization does not exist yet. Deterministic (seeded PRNG), so every fresh
// start shows the same console.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import { ROLE_BUNDLES } from "@/lib/permissions";
import { backfillTelemetry } from "@/lib/metrics/collector";
import {
  seedCatalogue,
  createOrganization,
  createTenant,
  createUser,
  grantMembership,
  createPool,
  createDatastore,
  createVm,
  createBackupPolicy,
} from "./factories";

import { DEMO_ORG_SLUG, DEMO_PASSWORD, DEMO_USERS } from "./demo-accounts";
import { nthHostAddress, subnetForTag } from "@/lib/domain/nics";

export { DEMO_ORG_SLUG, DEMO_PASSWORD, DEMO_USERS };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type TenantPlan = {
  slug: string;
  name: string;
  keyProvider: boolean;
  advancedProtection: boolean;
  vmCount: number;
  pools: { name: string; az: string; nodeType: NodeTypeCode; hosts: number; activatedPerHostGb: number }[];
  datastores: { name: string; az: string; tier: StorageTierCode; sizeGib: number }[];
};

const PLANS: TenantPlan[] = [
  {
    slug: "production",
    name: "Production",
    keyProvider: true,
    advancedProtection: true,
    vmCount: 72,
    pools: [
      { name: "prd-std-par7s", az: "PAR7S", nodeType: "STANDARD_V3", hosts: 4, activatedPerHostGb: 256 },
      { name: "prd-perf2-th3s", az: "TH3S", nodeType: "PERF2_V3", hosts: 3, activatedPerHostGb: 384 },
    ],
    datastores: [
      { name: "ds-prd-premium-01", az: "PAR7S", tier: "PREMIUM", sizeGib: 8192 },
      { name: "ds-prd-standard-01", az: "PAR7S", tier: "STANDARD", sizeGib: 4096 },
      { name: "ds-prd-ultra-01", az: "TH3S", tier: "ULTRA", sizeGib: 2048 },
      { name: "ds-prd-mass-01", az: "TH3S", tier: "MASS", sizeGib: 10240 },
    ],
  },
  {
    slug: "recette",
    name: "Recette",
    keyProvider: true,
    advancedProtection: false,
    vmCount: 48,
    pools: [
      { name: "rec-eco-par7s", az: "PAR7S", nodeType: "ECO_V3", hosts: 2, activatedPerHostGb: 192 },
      { name: "rec-std-az07", az: "AZ07", nodeType: "STANDARD_V3", hosts: 1, activatedPerHostGb: 128 },
    ],
    datastores: [
      { name: "ds-rec-essentiel-01", az: "PAR7S", tier: "ESSENTIEL", sizeGib: 6144 },
      { name: "ds-rec-standard-01", az: "AZ07", tier: "STANDARD", sizeGib: 3072 },
    ],
  },
  {
    slug: "analytics",
    name: "Analytics",
    keyProvider: false,
    advancedProtection: false,
    vmCount: 56,
    pools: [
      { name: "ana-adv-th3s", az: "TH3S", nodeType: "ADVANCE_V3", hosts: 3, activatedPerHostGb: 512 },
      { name: "ana-gpu-par7s", az: "PAR7S", nodeType: "PERF4_V3", hosts: 2, activatedPerHostGb: 256 },
    ],
    datastores: [
      { name: "ds-ana-enterprise-01", az: "TH3S", tier: "ENTERPRISE", sizeGib: 6144 },
      { name: "ds-ana-premium-01", az: "PAR7S", tier: "PREMIUM", sizeGib: 4096 },
    ],
  },
];

const GUESTS = ["Debian 12", "Ubuntu 24.04", "RHEL 9", "Windows Server 2022", "Rocky Linux 9"];
const ROLES = ["web", "app", "db", "cache", "batch", "ad", "proxy", "mq", "ci", "etl"];
const MEMORY = [2, 4, 4, 8, 8, 8, 16, 16, 32, 64];

/** Days of history the demo has: its telemetry, and the age of its pools, hosts and datastores. */
export const DEMO_HISTORY_DAYS = 30;

export async function seedDemo(db: PrismaClient, now = new Date()): Promise<{ created: boolean }> {
  await seedCatalogue(db);
  if (await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG } })) return { created: false };

  const result = await db.$transaction(
    async (tx) => {
      const rand = prng(2026);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const org = await createOrganization(tx, { name: "Demo Industrie SA", slug: DEMO_ORG_SLUG });

      const users = {
        owner: await createUser(tx, { email: DEMO_USERS.owner, name: "Olivia Owner", password: DEMO_PASSWORD }),
        adminProd: await createUser(tx, { email: DEMO_USERS.adminProd, name: "Paul Admin", password: DEMO_PASSWORD, locale: "fr" }),
        adminRecette: await createUser(tx, { email: DEMO_USERS.adminRecette, name: "Rachel Admin", password: DEMO_PASSWORD }),
        adminAnalytics: await createUser(tx, { email: DEMO_USERS.adminAnalytics, name: "Anna Admin", password: DEMO_PASSWORD }),
        operator: await createUser(tx, { email: DEMO_USERS.operator, name: "Oscar Operator", password: DEMO_PASSWORD }),
        readOnly: await createUser(tx, { email: DEMO_USERS.readOnly, name: "Rita Reader", password: DEMO_PASSWORD }),
      };
      await tx.organizationMember.createMany({
        data: [
          { organizationId: org.id, userId: users.owner.id, role: "OWNER" },
          { organizationId: org.id, userId: users.operator.id, role: "OPERATOR" },
        ],
      });

      const tenants = [];
      for (const [index, plan] of PLANS.entries()) {
        const tenant = await createTenant(tx, {
          organizationId: org.id,
          name: plan.name,
          slug: plan.slug,
          keyProvider: plan.keyProvider,
          advancedProtection: plan.advancedProtection,
          backupQuotaTib: 20,
        });
        tenants.push(tenant);
        await grantMembership(tx, { userId: users.owner.id, tenantId: tenant.id, isOwner: true });
        const admin = [users.adminProd, users.adminRecette, users.adminAnalytics][index]!;
        await grantMembership(tx, { userId: admin.id, tenantId: tenant.id, permissions: ROLE_BUNDLES.tenantAdmin, isOwner: true });
        await grantMembership(tx, { userId: users.operator.id, tenantId: tenant.id, permissions: ROLE_BUNDLES.operator });
        if (index === 0) await grantMembership(tx, { userId: users.readOnly.id, tenantId: tenant.id, permissions: ROLE_BUNDLES.readOnly });

        const pools = [];
        for (const p of plan.pools) {
          pools.push(await createPool(tx, { tenantId: tenant.id, azId: p.az, nodeTypeCode: p.nodeType, name: p.name, hosts: p.hosts, activatedMemoryGb: p.hosts * p.activatedPerHostGb }));
        }
        const datastores = [];
        for (const d of plan.datastores) datastores.push(await createDatastore(tx, { tenantId: tenant.id, azId: d.az, tierCode: d.tier, name: d.name, sizeGib: d.sizeGib }));
        const fastStores = datastores.filter((d) => d.tierCode !== "MASS");
        // The Global-Mirrored volume: no encrypted VM may live on it (REPLICATION.VM_ENCRYPTED).
        const gmStore = datastores.find((d) => ["ESSENTIEL", "STANDARD", "PREMIUM"].includes(d.tierCode));

        // Backups are kept in another zone than the VMs (BACKUP.SAME_AZ): the zone of the region where the tenant has no pool.
        const backupAz = (await tx.availabilityZone.findMany({ where: { regionId: tenant.regionId }, orderBy: { id: "asc" }, select: { id: true } }))
          .map((z) => z.id)
          .sort((a, b) => Number(plan.pools.some((p) => p.az === a)) - Number(plan.pools.some((p) => p.az === b)))[0]!;
        const policies = [
          await createBackupPolicy(tx, { tenantId: tenant.id, name: "daily-7d", days: 7, weeks: 0, months: 0, targetAzId: backupAz }),
          await createBackupPolicy(tx, { tenantId: tenant.id, name: "gold-30d-12w-12m", days: 30, weeks: 12, months: 12, targetAzId: backupAz }),
        ];

        // Fill pools to 45–75 % of activated memory, spreading VMs over hosts.
        const used = new Map<string, number>();
        const dsUsed = new Map<string, number>();
        const vms = [];
        for (let i = 0; i < plan.vmCount; i++) {
          const { pool, hosts } = pools[i % pools.length]!;
          const memoryGb = pick(MEMORY);
          const perHost = pool.activatedMemoryGb / hosts.length;
          const host = hosts.find((h) => (used.get(h.id) ?? 0) + memoryGb <= perHost * 0.72) ?? null;
          const roll = rand();
          const powerState = host === null ? "POWERED_OFF" : roll < 0.78 ? "POWERED_ON" : roll < 0.95 ? "POWERED_OFF" : "SUSPENDED";
          if (host && powerState !== "POWERED_OFF") used.set(host.id, (used.get(host.id) ?? 0) + memoryGb);
          // A datastore of the pool's AZ with room for the disk and the swap file.
          const diskGib = pick([40, 60, 80, 120, 200]);
          const local = fastStores.filter((d) => d.azId === pool.azId);
          const fits = (d: (typeof fastStores)[number]) => (dsUsed.get(d.id) ?? 0) + diskGib + memoryGb <= d.sizeGib * 0.8;
          const ds = local.find(fits) ?? fastStores.find(fits) ?? fastStores[0]!;
          dsUsed.set(ds.id, (dsUsed.get(ds.id) ?? 0) + diskGib + memoryGb);
          const vm = await createVm(tx, {
            tenantId: tenant.id,
            poolId: pool.id,
            datastoreId: ds.id,
            hostId: powerState === "POWERED_OFF" ? null : host?.id,
            name: `${plan.slug.slice(0, 3)}-${pick(ROLES)}-${String(i + 1).padStart(3, "0")}`,
            memoryGb,
            cpu: Math.max(1, Math.min(16, memoryGb / 4)),
            guestOs: pick(GUESTS),
            powerState,
            diskGib,
            thin: rand() < 0.4,
            iopsDemand: Math.round(20 + rand() * 180),
            writeRateMbps: Math.round(rand() * 30 * 10) / 10,
            encryption: plan.advancedProtection && ds.id !== gmStore?.id && rand() < 0.15 ? "ENCRYPTED" : "NONE",
            createdAt: new Date(now.getTime() - Math.floor(rand() * 200) * 86_400_000),
          });
          vms.push(vm);
          if (powerState === "POWERED_ON" || rand() < 0.5) {
            await tx.backupPolicyAssignment.create({ data: { tenantId: tenant.id, policyId: pick(policies).id, vmId: vm.id } });
          }
          if (powerState === "POWERED_OFF" && rand() < 0.2) {
            await tx.snapshot.create({ data: { tenantId: tenant.id, vmId: vm.id, name: "before-upgrade", sizeGib: 5 } });
          }
        }

        // A few finished backups of running VMs (a day apart), so the jobs list and the restores have
        // something to show; written without drawing from the PRNG so the rest of the demo stays the same.
        const backedUp = vms.filter((v) => v.powerState === "POWERED_ON").slice(0, 3);
        for (const [k, v] of backedUp.entries()) {
          const assignment = await tx.backupPolicyAssignment.findFirst({ where: { tenantId: tenant.id, vmId: v.id }, select: { policy: { select: { id: true, name: true, targetAzId: true } } } });
          if (!assignment) continue;
          const pool = pools.find((p) => p.pool.id === v.poolId)!.pool;
          const disks = await tx.vmDisk.findMany({ where: { vmId: v.id }, orderBy: { createdAt: "asc" }, select: { label: true, sizeGib: true, usedGib: true, provisioning: true, controllerType: true, controllerBus: true } });
          const startedAt = new Date(now.getTime() - (k + 1) * 86_400_000);
          const finishedAt = new Date(startedAt.getTime() + 4 * 60_000);
          const sizeGib = disks.reduce((sum, d) => sum + d.usedGib, 0);
          await tx.backupJob.create({
            data: {
              tenantId: tenant.id,
              vmId: v.id,
              vmName: v.name,
              policyId: assignment.policy.id,
              policyName: assignment.policy.name,
              sourceAzId: pool.azId,
              targetAzId: assignment.policy.targetAzId,
              state: "COMPLETED",
              sizeGib,
              startedAt,
              finishedAt,
              contents: { guestOs: v.guestOs, templateCode: v.templateCode, cpu: v.cpu, memoryGb: v.memoryGb, iopsDemand: v.iopsDemand, writeRateMbps: v.writeRateMbps, poolId: v.poolId, datastoreId: v.datastoreId, disks },
              log: [
                { at: startedAt.toISOString(), en: `Backup of ${v.name} under the policy ${assignment.policy.name}, from ${pool.azId} to ${assignment.policy.targetAzId}.`, fr: `Sauvegarde de ${v.name} sous la politique ${assignment.policy.name}, de ${pool.azId} vers ${assignment.policy.targetAzId}.` },
                { at: finishedAt.toISOString(), en: `Backup completed: ${sizeGib} GiB written.`, fr: `Sauvegarde terminée : ${sizeGib} Gio écrits.` },
              ],
            },
          });
        }

        // Tags to filter the VM list by (environment, and the role in each VM's name),
        // written without drawing from the PRNG so the rest of the demo data stays the same.
        await tx.$executeRaw`UPDATE "Vm" SET tags = ARRAY[${`env:${plan.slug}`}::text, 'role:' || split_part(name, '-', 2)] WHERE "tenantId" = ${tenant.id}`;

        // Affinity: two DCs apart, an app next to its database.
        const firstPool = pools[0]!.pool;
        const inFirst = vms.filter((v) => v.poolId === firstPool.id && v.powerState === "POWERED_ON");
        // An enabled anti-affinity rule must hold from the start: its two VMs run on different hosts
        // (the pool page says which VMs break a rule).
        const apart = inFirst.find((v) => v.hostId !== inFirst[0]?.hostId);
        if (inFirst.length >= 4 && apart) {
          await tx.affinityRule.create({
            data: { tenantId: tenant.id, poolId: firstPool.id, name: "dc-apart", kind: "ANTI_AFFINITY", vms: { create: [{ vmId: inFirst[0]!.id }, { vmId: apart.id }] } },
          });
        }

        // Replications: Global Mirror on a compatible tier, VM replication on a few VMs.
        const otherAz = (az: string) => (az === "PAR7S" ? "TH3S" : "PAR7S");
        if (gmStore) {
          await tx.replication.create({
            data: { tenantId: tenant.id, kind: "GLOBAL_MIRROR", sourceAzId: gmStore.azId, targetAzId: otherAz(gmStore.azId), datastoreId: gmStore.id, standbyTierCode: gmStore.tierCode, promisedRpoMinutes: 15, status: "ACTIVE", lastReplicatedAt: new Date(now.getTime() - (index === 1 ? 42 : 6) * 60_000) },
          });
        }
        // data protection: where each replica's memory and disks are reserved on the standby
        // site — the AZ of the tenant's other pool, so the reservation has somewhere to live.
        const sourcePool = pools[0]!.pool;
        const standbyAz = pools.find((p) => p.pool.azId !== sourcePool.azId)?.pool.azId ?? otherAz(sourcePool.azId);
        const standby = { standbyPoolId: pools.find((p) => p.pool.azId === standbyAz)?.pool.id ?? null, standbyTierCode: datastores.find((d) => d.azId === standbyAz && d.tierCode !== "MASS")?.tierCode ?? null };
        for (const [k, vm] of vms.filter((v) => v.poolId === sourcePool.id && v.encryption === "NONE" && v.powerState === "POWERED_ON").slice(0, 3).entries()) {
          await tx.replication.create({
            data: { tenantId: tenant.id, kind: "VM_REPLICATION", sourceAzId: pools[0]!.pool.azId, targetAzId: standbyAz, ...standby, vmId: vm.id, promisedRpoMinutes: 60 * (k + 1), status: "ACTIVE", lastReplicatedAt: new Date(now.getTime() - (k === 2 ? 200 : 25) * 60_000) },
          });
        }

        const front = await tx.vlan.create({ data: { tenantId: tenant.id, tag: 100 + index * 10, name: `${plan.slug}-front`, subnet: subnetForTag(100 + index * 10) } });
        // Every demo VM on its tenant's front VLAN through one VMXNET3 adapter, with a MAC in
        // VMware's generated range (00:50:56:8x:…), unique in the tenant.
        const hex = (n: number) => n.toString(16).padStart(2, "0");
        await tx.vmNic.createMany({
          data: vms.map((vm, i) => ({ tenantId: tenant.id, vmId: vm.id, vlanId: front.id, label: "Network adapter 1", type: "VMXNET3" as const, mac: `00:50:56:${hex(0x80 + index)}:${hex(i >> 8)}:${hex(i & 0xff)}`, ipAddress: i < 245 ? nthHostAddress(subnetForTag(100 + index * 10), i) : null })),
        });
        await tx.activity.create({
          data: { tenantId: tenant.id, type: "tenant.seed", state: "COMPLETED", progress: 100, initiatorId: users.owner.id, concernedItems: [{ type: "tenant", id: tenant.id, name: tenant.name }], resourceType: "tenant", resourceId: tenant.id, resourceName: tenant.name, resultId: tenant.id, startedAt: now, completedAt: now },
        });
        await tx.auditEvent.create({
          data: { organizationId: org.id, tenantId: tenant.id, actorType: "SYSTEM", action: "tenant.seed", targetType: "tenant", targetId: tenant.id, targetName: tenant.name },
        });

        // The metric history is the collector's (backfillTelemetry below). These
        // draws stood for the first, hourly samples: kept so the rest of the demo stays the same.
        for (let i = 0; i < 169 * fastStores.length; i++) rand();
      }

      // The inventory is as old as the 30 days of telemetry drawn for it below: the cost page bills
      // its hosts and datastores from then (day 1 of the month), not from the moment the seed ran.
      const since = new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000);
      const demoTenants = { tenantId: { in: tenants.map((t) => t.id) } };
      await tx.computePool.updateMany({ where: demoTenants, data: { createdAt: since } });
      await tx.host.updateMany({ where: demoTenants, data: { createdAt: since } });
      await tx.datastore.updateMany({ where: demoTenants, data: { createdAt: since } });

      // A shared front VLAN: Production's VLAN propagated to Recette (same organization).
      const prodVlan = await tx.vlan.findFirstOrThrow({ where: { tenantId: tenants[0]!.id } });
      await tx.vlanPropagation.create({ data: { vlanId: prodVlan.id, tenantId: tenants[1]!.id } });
      return { created: true };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  // 30 days of telemetry, 5-minute samples for the raw window, hourly and
  // daily rollups before it (lib/metrics/collector.ts), outages and replication points included.
  // Raw rows only for the last 24 h (what the 24 h charts read): the seed stays a few seconds.
  await backfillTelemetry(db, now.getTime(), { days: DEMO_HISTORY_DAYS, rawHours: 24 });
  return result;
}
