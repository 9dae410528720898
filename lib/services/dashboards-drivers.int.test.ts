import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { memberContext } from "@/test/integration/context";
import { floorSlot, telemetryModel, TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { loadTelemetryInventory, writeSamples } from "@/lib/metrics/collector";
import { getPoolDashboard } from "./dashboards-pool";
import { getDatastoreDashboard } from "./dashboards-datastore";

// "What drove the peak": the VMs listed under a chart add up to the chart's value at its peak,
// heaviest first, computed from the same model the collector wrote the samples with, and only
// ever the tenant's own VMs.

const s = { ctx: null as unknown as TenantContext, tenantId: "", pool: "", ds: "", other: new Set<string>(), now: new Date(), vmMem: new Map<string, number>(), vmIops: new Map<string, number>() };
const MEM = [64, 48, 32, 32, 24, 16, 16, 12, 8, 8, 8, 4];
const IOPS = [900, 700, 500, 400, 300, 250, 200, 150, 100, 80, 60, 40];

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 0 });
  const o = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 0 });
  s.tenantId = t.id;
  s.ctx = await memberContext(t.id);
  const ds = await createDatastore(db(), { tenantId: t.id, tierCode: "STANDARD", sizeGib: 4096, name: "ds-drivers" });
  const { pool, hosts } = await createPool(db(), { tenantId: t.id, hosts: 3, nodeTypeCode: "ECO_V3", name: "p-drivers" });
  s.pool = pool.id;
  s.ds = ds.id;
  for (let i = 0; i < MEM.length; i++) {
    const vm = await createVm(db(), { tenantId: t.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[i % 3]!.id, name: `drv-${String(i).padStart(2, "0")}`, memoryGb: MEM[i], iopsDemand: IOPS[i], powerState: "POWERED_ON" });
    s.vmMem.set(vm.id, MEM[i]!);
    s.vmIops.set(vm.id, IOPS[i]!);
  }
  // A stopped VM counts for nothing; the other tenant's heavier VMs, in a pool and datastore of the same names, never show.
  await createVm(db(), { tenantId: t.id, poolId: pool.id, datastoreId: ds.id, name: "drv-off", memoryGb: 256, iopsDemand: 5000, powerState: "POWERED_OFF" });
  const ods = await createDatastore(db(), { tenantId: o.id, tierCode: "STANDARD", sizeGib: 4096, name: "ds-drivers" });
  const { pool: opool } = await createPool(db(), { tenantId: o.id, hosts: 3, nodeTypeCode: "ECO_V3", name: "p-drivers" });
  for (let i = 0; i < 3; i++) s.other.add((await createVm(db(), { tenantId: o.id, poolId: opool.id, datastoreId: ods.id, memoryGb: 128, iopsDemand: 3000, powerState: "POWERED_ON" })).id);

  // Two hours of samples from the collector's own model, for both tenants.
  const end = floorSlot(Date.now());
  s.now = new Date(end + 60_000);
  const m = telemetryModel(await loadTelemetryInventory(db(), [t.id, o.id]));
  const samples = [];
  for (let at = end - 2 * 3_600_000; at <= end; at += TELEMETRY_SLOT_MS) samples.push(...m.samplesAt(at));
  await writeSamples(db(), samples);
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("what drove the peak", () => {
  it("pool: the top 10 VMs by configured memory, heaviest first, and the rest add up to the consumed peak", async () => {
    const d = await getPoolDashboard(s.ctx, s.pool, "24h", s.now);
    const dr = d.drivers!;
    expect(dr.total).toBe(d.peakGb);
    expect(dr.total).toBeGreaterThan(0);
    expect(dr.rows.map((r) => r.name)).toEqual(["drv-00", "drv-01", "drv-02", "drv-03", "drv-04", "drv-05", "drv-06", "drv-07", "drv-08", "drv-09"]);
    // 64 of the 272 GB running: 23.5 % of the peak.
    expect(dr.rows[0]!.share).toBeCloseTo(64 / 272, 6);
    expect(dr.rows[0]!.figure).toBeCloseTo((dr.total * 64) / 272, 1);
    expect(dr.others).toMatchObject({ count: 2 });
    expect(Math.round((sum(dr.rows.map((r) => r.figure)) + dr.others.figure) * 10) / 10).toBe(dr.total);
    for (let i = 1; i < dr.rows.length; i++) expect(dr.rows[i - 1]!.figure).toBeGreaterThanOrEqual(dr.rows[i]!.figure);
    expect(dr.rows.some((r) => s.other.has(r.id) || r.name === "drv-off")).toBe(false);
    // The instant explained is the chart's own peak point.
    expect(d.points.find((p) => p.at === dr.at)!.usedMaxGb).toBe(dr.total);
  });

  it("datastore: the top 10 VMs by IOPS demand add up to the peak demand", async () => {
    const d = await getDatastoreDashboard(s.ctx, s.ds, "24h", s.now);
    const dr = d.drivers!;
    expect(dr.total).toBe(d.peakIops);
    expect(dr.rows.map((r) => s.vmIops.get(r.id))).toEqual(IOPS.slice(0, 10));
    expect(dr.rows[0]!.figure).toBe(Math.round((dr.total * 900) / 3680));
    expect(sum(dr.rows.map((r) => r.figure)) + dr.others.figure).toBe(dr.total);
    expect(dr.others.count).toBe(2);
    expect(dr.rows.some((r) => s.other.has(r.id))).toBe(false);
  });
});
