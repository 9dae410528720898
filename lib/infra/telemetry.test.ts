import { describe, expect, it } from "vitest";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { iopsLimit } from "@/lib/domain/storage";
import { dailyHump, floorSlot, isWeekend, telemetryModel, TELEMETRY_SLOT_MS, type TelemetryInventory } from "./telemetry";

const inv: TelemetryInventory = {
  pools: [
    { id: "p1", tenantId: "t", name: "prd-std", nodeType: "STANDARD_V3", activatedMemoryGb: 1024, haEnabled: true, onMemGb: 600, hosts: [0, 1, 2, 3].map((i) => ({ id: `h${i}`, name: `esx-${i}`, maintenance: false, onMemGb: 150 })) },
    { id: "p2", tenantId: "t", name: "rec-one", nodeType: "ECO_V3", activatedMemoryGb: 128, haEnabled: true, onMemGb: 60, hosts: [{ id: "h9", name: "esx-9", maintenance: false, onMemGb: 60 }] },
  ],
  datastores: [{ id: "d1", tenantId: "t", name: "ds-std", tier: "STANDARD", sizeGib: 4096, usedGib: 900, swapGib: 600, iopsDemand: 3000 }],
  replications: [{ id: "r1", tenantId: "t", name: "GLOBAL_MIRROR:ds-std", kind: "GLOBAL_MIRROR", promisedRpoMinutes: 15 }],
};

// Wednesday 25 November 2026, 12:00 UTC (13:00 in Paris): the top of the working-day hump.
const NOON = Date.UTC(2026, 10, 25, 12, 0);
const NIGHT = Date.UTC(2026, 10, 25, 1, 0);

describe("simulated telemetry", () => {
  it("is deterministic: same inventory, seed and instant give the same samples", () => {
    expect(telemetryModel(inv, 7).samplesAt(NOON)).toEqual(telemetryModel(structuredClone(inv), 7).samplesAt(NOON));
    expect(telemetryModel(inv, 7).samplesAt(NOON)).not.toEqual(telemetryModel(inv, 8).samplesAt(NOON + TELEMETRY_SLOT_MS));
  });

  it("writes every metric of the contract for each resource", () => {
    const s = telemetryModel(inv).samplesAt(NOON);
    const keys = new Set(s.map((x) => `${x.resourceType}:${x.resourceId}:${x.metric}`));
    expect(keys).toEqual(
      new Set(["POOL:p1:mem_used_gb", "POOL:p1:mem_ballooned_gb", "POOL:p1:cpu_pct", "POOL:p2:mem_used_gb", "POOL:p2:mem_ballooned_gb", "POOL:p2:cpu_pct", ...["h0", "h1", "h2", "h3", "h9"].flatMap((h) => [`HOST:${h}:mem_used_gb`, `HOST:${h}:cpu_pct`]), "DATASTORE:d1:iops_demand", "DATASTORE:d1:latency_ms", "DATASTORE:d1:space_used_gb", "REPLICATION:r1:lag_s"]),
    );
  });

  it("follows the working day and the week", () => {
    expect(dailyHump(NOON)).toBeCloseTo(1);
    expect(dailyHump(NIGHT)).toBe(0);
    expect(isWeekend(Date.UTC(2026, 10, 28, 12))).toBe(true);
    expect(isWeekend(NOON)).toBe(false);
    const m = telemetryModel(inv);
    const calm = inv.pools.find((p) => !m.incidents.pressurePools.has(p.id))!.id;
    const used = (at: number) => m.samplesAt(at).find((s) => s.resourceId === calm && s.metric === "mem_used_gb")!.value;
    expect(used(NOON)).toBeGreaterThan(used(NIGHT));
    expect(used(NOON)).toBeGreaterThan(used(Date.UTC(2026, 10, 28, 12)));
  });

  it("the incident pool crosses 85 % at midday and balloons; the datastore goes past its tier's limit; the replication past its RPO", () => {
    const m = telemetryModel(inv);
    // One candidate of each kind: the minimum hash picks it when none falls on the modulus.
    expect([...m.incidents.pressurePools].length).toBeGreaterThan(0);
    const s = m.samplesAt(NOON);
    const v = (id: string, metric: string) => s.find((x) => x.resourceId === id && x.metric === metric)!.value;
    for (const id of m.incidents.pressurePools) {
      const pool = inv.pools.find((p) => p.id === id)!;
      expect(v(id, "mem_used_gb")).toBeGreaterThan(MEMORY_PRESSURE_LIMIT * pool.activatedMemoryGb);
      expect(v(id, "mem_ballooned_gb")).toBeGreaterThan(0);
    }
    expect(m.incidents.throttledDatastores.has("d1")).toBe(true);
    expect(v("d1", "iops_demand")).toBeGreaterThan(iopsLimit("STANDARD", 4096)!);
    expect(m.incidents.laggingReplications.has("r1")).toBe(true);
    expect(v("r1", "lag_s")).toBeGreaterThan(15 * 60);
    // At night everything is back under its line.
    const n = m.samplesAt(NIGHT);
    expect(n.find((x) => x.resourceId === "d1" && x.metric === "iops_demand")!.value).toBeLessThan(iopsLimit("STANDARD", 4096)!);
    expect(n.find((x) => x.resourceId === "r1")!.value).toBeLessThan(15 * 60);
  });

  it("places a monthly outage on a host of an HA pool and on a pool without SLA, and the host reads 0 during it", () => {
    const m = telemetryModel(inv);
    const nov = m.outagesBetween(Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1));
    const host = nov.find((o) => o.resourceType === "HOST")!;
    expect(host.endedAt - host.startedAt).toBe(3 * 60_000);
    expect(new Date(host.startedAt).getUTCDate()).toBe(12);
    expect(nov.find((o) => o.resourceType === "POOL")?.resourceId).toBe("p2");
    const during = m.samplesAt(floorSlot(host.startedAt), nov);
    expect(during.find((x) => x.resourceId === host.resourceId && x.metric === "mem_used_gb")!.value).toBe(0);
    expect(m.outagesBetween(Date.UTC(2026, 10, 13), Date.UTC(2026, 10, 19))).toEqual([]);
  });
});
