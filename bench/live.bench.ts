// Live updates across instances: two hubs on one database stand for two instances; instance two
// serves STREAMS open tabs (half of them members of tenant A, half of tenant B). WRITES VM power
// changes go through change() in tenant A, one after the other. Prints the delay from the write's
// call to each tab's event (median, p95, max), the events tenant B's tabs received (must be 0) and
// the listening connections (one per instance, whatever the tabs); writes bench/results/live.json.
// Run: node --conditions=react-server --import tsx bench/live.bench.ts [streams] [writes]
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const STREAMS = Number(process.argv[2] ?? 200);
const WRITES = Number(process.argv[3] ?? 50);
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_live_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);
process.env.INFRA_TIME_SCALE = "0";

const { db } = await import("@/lib/db/client");
const f = await import("@/lib/db/factories");
const { authorize } = await import("@/lib/auth/authorize");
const { ROLE_BUNDLES } = await import("@/lib/permissions");
const { createLiveHub } = await import("@/lib/services/live-hub");
const { openLiveStream } = await import("@/lib/services/live");
const { powerVm } = await import("@/lib/services/vms");

const org = await f.createOrganization(db());
const a = await f.createTenant(db(), { organizationId: org.id });
const b = await f.createTenant(db(), { organizationId: org.id });
const userA = await f.createUser(db(), { cost: 4 });
const userB = await f.createUser(db(), { cost: 4 });
await f.grantMembership(db(), { userId: userA.id, tenantId: a.id, permissions: ROLE_BUNDLES.tenantAdmin });
await f.grantMembership(db(), { userId: userB.id, tenantId: b.id, permissions: ROLE_BUNDLES.tenantAdmin });
const { pool, hosts } = await f.createPool(db(), { tenantId: a.id, hosts: 4, activatedMemoryGb: 4096 });
const ds = await f.createDatastore(db(), { tenantId: a.id, sizeGib: 65536 });
const vms: string[] = [];
for (let i = 0; i < WRITES; i++) vms.push((await f.createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[i % hosts.length]!.id, powerState: "POWERED_ON", memoryGb: 2 })).id);
const actorOf = (u: { id: string; email: string; name: string }) => ({ type: "user" as const, userId: u.id, email: u.email, name: u.name });
const authz = await authorize(actorOf(userA), { id: a.id });
if (!authz.ok) throw new Error("no context");

const one = createLiveHub(process.env.DATABASE_URL);
const two = createLiveHub(process.env.DATABASE_URL);
await Promise.all([one.ready(), two.ready()]);

// activity id → the times each tab of tenant A heard of it first
const heard = new Map<string, number[]>();
let strangerEvents = 0;
const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
for (let i = 0; i < STREAMS; i++) {
  const ofA = i % 2 === 0;
  const r = await openLiveStream(actorOf(ofA ? userA : userB), [], { hub: two });
  if (!r.ok) throw new Error(r.reason);
  const reader = r.stream.getReader();
  readers.push(reader);
  const seen = new Set<string>();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      const at = performance.now();
      for (const m of decoder.decode(value).matchAll(/event: change\ndata: (.*)\n/g)) {
        if (!ofA) strangerEvents++;
        const id = (JSON.parse(m[1]!) as { activity: { id: string } | null }).activity?.id;
        if (!id || seen.has(id)) continue;
        seen.add(id);
        (heard.get(id) ?? heard.set(id, []).get(id)!).push(at);
      }
    }
  })();
}
const listening = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'console-live' AND datname = current_database()`;

const delays: number[] = [];
for (const vmId of vms) {
  const t0 = performance.now();
  const r = await powerVm(authz.ctx, { vmId, action: "off" });
  if (!r.ok) throw new Error("refused");
  const id = r.value.activityId;
  const deadline = Date.now() + 2000;
  while ((heard.get(id)?.length ?? 0) < STREAMS / 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 1));
  for (const at of heard.get(id) ?? []) delays.push(at - t0);
}
await new Promise((res) => setTimeout(res, 300));
delays.sort((x, y) => x - y);
const q = (p: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]! * 10) / 10;
const results = {
  streams: STREAMS,
  writes: WRITES,
  delivered: delays.length,
  expected: (WRITES * STREAMS) / 2,
  medianMs: q(0.5),
  p95Ms: q(0.95),
  maxMs: q(1),
  eventsToOtherTenant: strangerEvents,
  listeningConnections: listening[0]?.n ?? 0,
};
console.log(`live: ${results.delivered}/${results.expected} events delivered to ${STREAMS / 2} tabs of tenant A over ${WRITES} writes; write call → event median ${results.medianMs} ms, p95 ${results.p95Ms} ms, max ${results.maxMs} ms; tenant B's ${STREAMS / 2} tabs got ${strangerEvents}; ${results.listeningConnections} listening connections for 2 instances`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/live.json"), JSON.stringify({ benchmark: "live updates across two instances", ...results, date: new Date().toISOString() }, null, 2));

for (const r of readers) await r.cancel().catch(() => {});
await Promise.all([one.close(), two.close()]);
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
