// How fast the audit log and the activity history answer on a busy tenant: 100 000 audit rows
// and 50 000 activities in the tenant under test beside as many in another, on a fresh database
// cloned from the test template. Times the page queries (count + page, as the pages run them)
// for the filters people use, and the CSV export of every row (rows a second, streamed in
// batches); prints the median and p95 in ms and writes bench/results/audit-log.json.
// Run: node --conditions=react-server --import tsx bench/audit-log.bench.ts
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const AUDIT_ROWS = 100_000;
const ACTIVITIES = 50_000;
const RUNS = 40;
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_audit_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const { auditEventBatches, listAuditEvents } = await import("@/lib/db/audit");
const { listActivities } = await import("@/lib/db/activities");
const { ACTIVITY_SELECT, toActivityView } = await import("@/lib/services/activities");
const { toAuditEventView, auditCsvLine } = await import("@/lib/audit-view");
const { auditDateBounds, parseAuditListQuery } = await import("@/lib/validation/audit-list");
const { parseActivityListQuery } = await import("@/lib/validation/activity-list");
const f = await import("@/lib/db/factories");

// Rows are generated in SQL (generate_series): through the client, 300 000 rows take minutes.
async function fill(organizationId: string, tenantId: string, userId: string) {
  await db().$executeRawUnsafe(
    `INSERT INTO "AuditEvent" (id, "organizationId", "tenantId", "actorType", "actorLabel", action, outcome, "targetType", "targetId", "targetName", details, "createdAt")
     SELECT $2 || '-a' || g, $1, $2, 'USER',
            (ARRAY['admin.prod@demo.test', 'ops@demo.test', 'owner@demo.test', 'ci@demo.test (token deploy)'])[1 + g % 4],
            (ARRAY['vm.power_on', 'vm.power_off', 'vm.resize', 'vm.create', 'vm.tags_set', 'vm.encrypt'])[1 + g % 6],
            (CASE WHEN g % 17 = 0 THEN 'REFUSED' WHEN g % 101 = 0 THEN 'DENIED' ELSE 'SUCCEEDED' END)::"AuditOutcome",
            'vm', 'vm-' || (g % 2000), (ARRAY['web', 'app', 'db', 'cache', 'batch'])[1 + g % 5] || '-' || lpad((g % 2000)::text, 4, '0'),
            CASE WHEN g % 17 = 0
              THEN '{"violations":[{"code":"CPOOL.MEMORY_PRESSURE","severity":"refuse","message":"Over the 85 % line.","limit":870.4,"actual":900}]}'::jsonb
              ELSE '{"before":{"cpu":2},"after":{"cpu":4}}'::jsonb END,
            timestamp '2026-01-01' + g * interval '90 seconds'
       FROM generate_series(0, $3 - 1) g`,
    organizationId,
    tenantId,
    AUDIT_ROWS,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "Activity" (id, "tenantId", type, state, progress, "initiatorId", "concernedItems", "resourceType", "resourceId", "resourceName", "createdAt")
     SELECT $1 || '-v' || g, $1,
            (ARRAY['vm.power_on', 'vm.power_off', 'vm.resize', 'vm.create', 'vm.tags_set', 'vm.encrypt'])[1 + g % 6],
            (CASE WHEN g % 53 = 0 THEN 'FAILED' ELSE 'COMPLETED' END)::"ActivityState", 100, $2,
            jsonb_build_array(jsonb_build_object('type', 'vm', 'id', 'vm-' || (g % 2000), 'name', (ARRAY['web', 'app', 'db', 'cache', 'batch'])[1 + g % 5] || '-' || lpad((g % 2000)::text, 4, '0'))),
            'vm', 'vm-' || (g % 2000), (ARRAY['web', 'app', 'db', 'cache', 'batch'])[1 + g % 5] || '-' || lpad((g % 2000)::text, 4, '0'),
            timestamp '2026-01-01' + g * interval '180 seconds'
       FROM generate_series(0, $3 - 1) g`,
    tenantId,
    userId,
    ACTIVITIES,
  );
}

const org = await f.createOrganization(db());
const tenant = await f.createTenant(db(), { organizationId: org.id });
const other = await f.createTenant(db(), { organizationId: org.id });
const user = await f.createUser(db(), { cost: 4 });
const t0 = Date.now();
await fill(org.id, tenant.id, user.id);
await fill(org.id, other.id, user.id);
await db().$executeRawUnsafe("ANALYZE");
console.log(`seeded ${2 * AUDIT_ROWS} audit rows and ${2 * ACTIVITIES} activities in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

async function time(fn: () => Promise<number>) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const s = process.hrtime.bigint();
    total = await fn();
    if (i >= 5) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2), total };
}

const results: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
const report = (label: string, r: { medianMs: number; p95Ms: number; total: number }) => {
  results[label] = r;
  console.log(`${label.padEnd(40)} median ${r.medianMs.toFixed(2)} ms  p95 ${r.p95Ms.toFixed(2)} ms  (${r.total} matching)`);
};

const auditViews: Record<string, Record<string, string>> = {
  "audit: default (newest 25)": {},
  "audit: outcome REFUSED": { outcome: "REFUSED" },
  "audit: action vm.encrypt": { action: "vm.encrypt" },
  "audit: actor contains 'token'": { actor: "token" },
  "audit: target contains 'db-01'": { target: "db-01" },
  "audit: one VM's trail (type + id)": { targetType: "vm", targetId: "vm-42" },
  "audit: one week (date range)": { from: "2026-02-01", to: "2026-02-07" },
  "audit: page 2000 of 4000": { page: "2000" },
};
for (const [label, params] of Object.entries(auditViews)) {
  const q = parseAuditListQuery(params);
  const where = { ...q, createdAt: auditDateBounds(q) };
  report(label, await time(async () => (await listAuditEvents(tenant.id, where, { skip: (q.page - 1) * q.pageSize, take: q.pageSize })).total));
}

const activityViews: Record<string, Record<string, string>> = {
  "activities: default (newest 25)": {},
  "activities: state FAILED": { state: "FAILED" },
  "activities: type vm.resize": { type: "vm.resize" },
  "activities: resource name 'cache-1'": { q: "cache-1" },
  "activities: one VM's history": { resourceType: "vm", resourceId: "vm-42" },
  "activities: page 1000 of 2000": { page: "1000" },
};
for (const [label, params] of Object.entries(activityViews)) {
  const q = parseActivityListQuery(params);
  report(label, await time(async () => {
    const r = await listActivities(tenant.id, q, ACTIVITY_SELECT);
    r.rows.map(toActivityView);
    return r.total;
  }));
}

// The export: every row of the tenant, read in keyset batches and written as CSV (discarded).
const s = process.hrtime.bigint();
let rows = 0;
let bytes = 0;
for await (const batch of auditEventBatches(tenant.id, {})) {
  for (const r of batch) bytes += auditCsvLine(toAuditEventView(r)).length;
  rows += batch.length;
}
const exportMs = Number(process.hrtime.bigint() - s) / 1e6;
const exportFigures = { rows, megabytes: +(bytes / 1e6).toFixed(1), seconds: +(exportMs / 1000).toFixed(2), rowsPerSecond: Math.round(rows / (exportMs / 1000)) };
console.log(`CSV export of every row: ${rows} rows, ${exportFigures.megabytes} MB in ${exportFigures.seconds} s (${exportFigures.rowsPerSecond} rows/s)`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(
  path.join(root, "bench/results/audit-log.json"),
  JSON.stringify({ benchmark: "audit log and activities", auditRowsInTenant: AUDIT_ROWS, activitiesInTenant: ACTIVITIES, sameInOtherTenant: true, runs: RUNS, results, export: exportFigures, date: new Date().toISOString() }, null, 2),
);
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
