// Factories shared by the demo seed and the integration tests. Each takes the client (or a
// transaction) and returns the created row; names default to unique values so tests can
// call them freely. No `server-only` here: scripts and tests run outside Next.
import bcrypt from "bcryptjs";
import type { Tx as Client } from "./client";
import { NODE_TYPES, NODE_TYPE_CODES, STORAGE_TIERS, STORAGE_TIER_CODES, REGIONS, type NodeTypeCode, type StorageTierCode } from "@/lib/domain/catalogue";
import { PERMISSIONS, type Permission } from "@/lib/permissions";

let counter = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Regions, AZs, node types and storage tiers, exactly as lib/domain/catalogue.ts. Idempotent. */
export async function seedCatalogue(db: Client): Promise<void> {
  for (const region of REGIONS) {
    await db.region.upsert({ where: { id: region.code }, update: { name: region.name }, create: { id: region.code, name: region.name } });
    for (const az of region.zones) {
      await db.availabilityZone.upsert({
        where: { id: az.code },
        update: { name: az.name, regionId: region.code },
        create: { id: az.code, name: az.name, regionId: region.code },
      });
    }
  }
  for (const code of NODE_TYPE_CODES) {
    const n = NODE_TYPES[code];
    const data = { label: n.label, ramGb: n.ramGb, baseGhz: n.baseGhz, turboGhz: n.turboGhz, cores: n.cores, threads: n.threads, network: n.network, gpu: n.gpu, sku: n.sku };
    await db.nodeType.upsert({ where: { code }, update: data, create: { code, ...data } });
  }
  for (const code of STORAGE_TIER_CODES) {
    const t = STORAGE_TIERS[code];
    const data = { label: t.label, iopsPerTb: t.iopsPerTb, unitGib: t.unitGib, skuSuffix: t.skuSuffix };
    await db.storageTier.upsert({ where: { code }, update: data, create: { code, ...data } });
  }
}

export async function createOrganization(db: Client, o: { name?: string; slug?: string } = {}) {
  const slug = o.slug ?? uniq("org");
  return db.organization.create({ data: { name: o.name ?? slug, slug } });
}

export async function createTenant(
  db: Client,
  t: { organizationId: string; name?: string; slug?: string; regionId?: string; keyProvider?: boolean; advancedProtection?: boolean; backupQuotaTib?: number },
) {
  const slug = t.slug ?? uniq("tenant");
  return db.tenant.create({
    data: {
      organizationId: t.organizationId,
      name: t.name ?? slug,
      slug,
      regionId: t.regionId ?? "FR1",
      keyProviderStatus: t.keyProvider ? "CONFIGURED" : "NONE",
      keyProviderName: t.keyProvider ? "Thales CipherTrust Manager (KMIP)" : null,
      domainKeyId: t.keyProvider ? `dk-${slug}` : null,
      advancedProtectionSince: t.advancedProtection ? new Date("2026-01-01T00:00:00Z") : null,
      backupQuotaTib: t.backupQuotaTib ?? 10,
    },
  });
}

/** bcrypt cost 10 for real accounts; tests may pass a lower cost to stay fast. */
export async function createUser(db: Client, u: { email?: string; name?: string; password?: string; locale?: string; cost?: number } = {}) {
  const email = (u.email ?? `${uniq("user")}@example.test`).toLowerCase();
  return db.user.create({
    data: { email, name: u.name ?? email.split("@")[0]!, locale: u.locale ?? "en", passwordHash: await bcrypt.hash(u.password ?? "password", u.cost ?? 10) },
  });
}

export async function grantMembership(db: Client, m: { userId: string; tenantId: string; permissions?: readonly Permission[]; isOwner?: boolean }) {
  return db.membership.upsert({
    where: { userId_tenantId: { userId: m.userId, tenantId: m.tenantId } },
    update: { permissions: [...(m.permissions ?? PERMISSIONS)], isOwner: m.isOwner ?? false },
    create: { userId: m.userId, tenantId: m.tenantId, permissions: [...(m.permissions ?? PERMISSIONS)], isOwner: m.isOwner ?? false },
  });
}

export async function createPool(
  db: Client,
  p: { tenantId: string; azId?: string; nodeTypeCode?: NodeTypeCode; name?: string; hosts?: number; activatedMemoryGb?: number; haEnabled?: boolean; hostPrefix?: string },
) {
  const hostCount = p.hosts ?? 3;
  const pool = await db.computePool.create({
    data: {
      tenantId: p.tenantId,
      azId: p.azId ?? "PAR7S",
      nodeTypeCode: p.nodeTypeCode ?? "STANDARD_V3",
      name: p.name ?? uniq("cpool"),
      activatedMemoryGb: p.activatedMemoryGb ?? hostCount * 128,
      haEnabled: p.haEnabled ?? hostCount >= 2,
    },
  });
  const prefix = p.hostPrefix ?? pool.name;
  const hosts = [];
  for (let i = 1; i <= hostCount; i++) {
    hosts.push(await db.host.create({ data: { tenantId: p.tenantId, poolId: pool.id, name: `${prefix}-esx${String(i).padStart(2, "0")}` } }));
  }
  return { pool, hosts };
}

export async function createDatastore(db: Client, d: { tenantId: string; azId?: string; tierCode?: StorageTierCode; name?: string; sizeGib?: number }) {
  return db.datastore.create({
    data: { tenantId: d.tenantId, azId: d.azId ?? "PAR7S", tierCode: d.tierCode ?? "STANDARD", name: d.name ?? uniq("ds"), sizeGib: d.sizeGib ?? 2048 },
  });
}

export async function createVm(
  db: Client,
  v: {
    tenantId: string;
    poolId: string;
    datastoreId: string;
    hostId?: string | null;
    name?: string;
    memoryGb?: number;
    cpu?: number;
    guestOs?: string;
    powerState?: "POWERED_ON" | "POWERED_OFF" | "SUSPENDED";
    diskGib?: number;
    thin?: boolean;
    iopsDemand?: number;
    writeRateMbps?: number;
    encryption?: "NONE" | "ENCRYPTED";
    createdAt?: Date;
  },
) {
  const diskGib = v.diskGib ?? 60;
  return db.vm.create({
    data: {
      tenantId: v.tenantId,
      poolId: v.poolId,
      datastoreId: v.datastoreId,
      hostId: v.hostId ?? null,
      name: v.name ?? uniq("vm"),
      memoryGb: v.memoryGb ?? 8,
      cpu: v.cpu ?? 2,
      guestOs: v.guestOs ?? "Debian 12",
      powerState: v.powerState ?? "POWERED_OFF",
      iopsDemand: v.iopsDemand ?? 50,
      writeRateMbps: v.writeRateMbps ?? 1,
      encryption: v.encryption ?? "NONE",
      encryptedAt: v.encryption === "ENCRYPTED" ? new Date() : null,
      ...(v.createdAt ? { createdAt: v.createdAt } : {}),
      disks: {
        create: {
          tenantId: v.tenantId,
          datastoreId: v.datastoreId,
          label: "Hard disk 1",
          sizeGib: diskGib,
          usedGib: v.thin ? Math.round(diskGib * 0.4) : diskGib,
          provisioning: v.thin ? "THIN" : "THICK",
        },
      },
    },
  });
}

/** A policy keeping its backups in AZ07 unless told (the factories' pools are in PAR7S by default). */
export async function createBackupPolicy(db: Client, b: { tenantId: string; name?: string; days?: number; weeks?: number; months?: number; targetAzId?: string }) {
  return db.backupPolicy.create({
    data: { tenantId: b.tenantId, name: b.name ?? uniq("policy"), retentionDays: b.days ?? 7, retentionWeeks: b.weeks ?? 4, retentionMonths: b.months ?? 0, targetAzId: b.targetAzId ?? "AZ07" },
  });
}
