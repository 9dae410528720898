import "server-only";
import { Gauge, Registry } from "prom-client";
import { db } from "@/lib/db/client";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { listPools } from "./pools";
import { listDatastores } from "./datastores";
import { assertPermission, type TenantContext } from "./context";

// GET /api/v1/metrics/prometheus: the tenant's pool and datastore figures in Prometheus
// text format, for users who graph in Grafana. The figures come from the same services as the
// pages (inventory and the domain's rules); the latest telemetry sample of each resource, when the
// simulated infrastructure has recorded any, is exposed beside them. A registry per request: no
// tenant's series ever sits in a process-wide registry another tenant's scrape could read.

export async function prometheusText(ctx: TenantContext): Promise<{ text: string; contentType: string }> {
  assertPermission(ctx, "metric:read");
  // The figures are the pages' own; the scrape's token needs metric:read only.
  const reader = { ...ctx, permissions: [...ctx.permissions, "compute:read" as const, "storage:read" as const] };
  const [pools, datastores] = await Promise.all([listPools(reader), listDatastores(reader)]);
  const registry = new Registry();
  registry.setDefaultLabels({ tenant: ctx.tenant.slug });
  const g = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });

  const poolLabels = ["pool", "pool_id", "az", "node_type"];
  const hosts = g("console_pool_hosts", "Hypervisors in the pool", poolLabels);
  const activated = g("console_pool_memory_activated_gb", "Activated (billed) memory of the pool, GB", poolLabels);
  const used = g("console_pool_memory_used_gb", "Memory used by powered-on VMs, GB", poolLabels);
  const usedPct = g("console_pool_memory_used_ratio", `Memory used over usable activated memory (pressure above ${MEMORY_PRESSURE_LIMIT})`, poolLabels);
  const pressure = g("console_pool_memory_pressure", `1 when the pool is above the ${Math.round(MEMORY_PRESSURE_LIMIT * 100)} % memory rule`, poolLabels);
  for (const p of pools) {
    const l = { pool: p.name, pool_id: p.id, az: p.azId, node_type: p.nodeTypeCode };
    hosts.set(l, p.memory.hostCount);
    activated.set(l, p.memory.activatedGb);
    used.set(l, p.usedMemoryGb);
    usedPct.set(l, Number.isFinite(p.memory.usedPctOfActivated) ? p.memory.usedPctOfActivated / 100 : 1);
    pressure.set(l, p.memory.inPressure ? 1 : 0);
  }

  const dsLabels = ["datastore", "datastore_id", "az", "tier"];
  const size = g("console_datastore_size_gib", "Datastore capacity, GiB", dsLabels);
  const dsUsed = g("console_datastore_used_gib", "Space used, GiB", dsLabels);
  const free = g("console_datastore_free_gib", "Free space, GiB", dsLabels);
  const provisioned = g("console_datastore_provisioned_gib", "Space provisioned to disks (thin disks may exceed capacity), GiB", dsLabels);
  const iopsLimit = g("console_datastore_iops_limit", "IOPS limit from tier and size (absent for Mass Storage)", dsLabels);
  const iopsDemand = g("console_datastore_iops_demand", "IOPS demanded by the datastore's VMs", dsLabels);
  for (const d of datastores) {
    const l = { datastore: d.name, datastore_id: d.id, az: d.azId, tier: d.tierCode };
    size.set(l, d.figures.sizeGib);
    dsUsed.set(l, d.figures.usedGib);
    free.set(l, d.figures.freeGib);
    provisioned.set(l, d.figures.provisionedGib);
    if (d.figures.iopsLimit !== null) iopsLimit.set(l, d.figures.iopsLimit);
    iopsDemand.set(l, d.figures.iopsDemand);
  }

  // Latest telemetry per (resource, metric), read with DISTINCT ON in the database.
  const samples = await db().$queryRaw<{ resourceType: string; resourceId: string; metric: string; value: number }[]>`
    SELECT DISTINCT ON ("resourceType", "resourceId", metric) "resourceType"::text AS "resourceType", "resourceId", metric, value
    FROM "MetricSample"
    WHERE "tenantId" = ${ctx.tenant.id} AND "resourceType"::text IN ('POOL', 'DATASTORE') AND at > now() - interval '1 day'
    ORDER BY "resourceType", "resourceId", metric, at DESC`;
  const telemetry = g("console_telemetry_latest", "Latest telemetry sample of a pool or datastore", ["resource_type", "resource_id", "metric"]);
  for (const s of samples) telemetry.set({ resource_type: s.resourceType.toLowerCase(), resource_id: s.resourceId, metric: s.metric }, s.value);

  return { text: await registry.metrics(), contentType: registry.contentType };
}
