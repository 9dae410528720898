import { describe, it, expect, beforeAll, afterAll } from "vitest";
import PgBoss from "pg-boss";
import { db } from "@/lib/db/client";
import type { TenantContext } from "@/lib/auth/context";
import { createVm } from "@/lib/services/vms";
import { ACTIVITY_QUEUE, PGBOSS_SCHEMA } from "./queue-names";
import { runActivity } from "./runner";
import { startWorker, type WorkerHandle } from "./worker";
import { tenantForVms } from "@/test/integration/context";

// The queue for real: activities sent by the services are picked up by pg-boss workers — two
// "processes" here, the app's worker and a second pg-boss instance — and each runs once.
const s = { ctx: null as unknown as TenantContext, pool: "", ds: "", policy: "" };
let worker: WorkerHandle;
let other: PgBoss;

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  Object.assign(s, await tenantForVms());
  worker = await startWorker({ concurrency: 2, sweepSeconds: 1, telemetry: false });
  other = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: PGBOSS_SCHEMA, supervise: false, schedule: false, migrate: false });
  await other.start();
  for (let i = 0; i < 2; i++) {
    await other.work<{ activityId: string }>(ACTIVITY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await runActivity(job.data.activityId);
    });
  }
});

afterAll(async () => {
  await other?.stop({ graceful: false, wait: true });
  await worker?.stop();
});

describe("the activity worker", () => {
  it("runs every queued activity once, whichever process takes it", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await createVm(s.ctx, { name: `q-${i}`, templateCode: "debian-12", poolId: s.pool, datastoreId: s.ds, cpu: 1, memoryGb: 4, diskGib: 20, diskProvisioning: "THIN", backupPolicyId: s.policy, powerOn: true });
      if (!r.ok) throw new Error(JSON.stringify(r.violations));
      ids.push(r.value.activityId);
    }
    const rows = await until(
      () => db().activity.findMany({ where: { id: { in: ids } } }),
      (xs) => xs.every((a) => a.state === "COMPLETED"),
    );
    expect(rows.map((a) => a.state)).toEqual(ids.map(() => "COMPLETED"));
    expect(rows.map((a) => a.attempts)).toEqual(ids.map(() => 1));
    expect(await db().vm.count({ where: { poolId: s.pool, status: "ACTIVE", busyActivityId: null } })).toBe(8);
  }, 40_000);

  it("queues an activity that was recorded but never sent (a crash between commit and send)", async () => {
    const r = await createVm(s.ctx, { name: "orphan", templateCode: "debian-12", poolId: s.pool, datastoreId: s.ds, cpu: 1, memoryGb: 4, diskGib: 20, diskProvisioning: "THIN", backupPolicyId: s.policy, powerOn: false });
    if (!r.ok) throw new Error("expected the reservation");
    // As if the process died before sending: the job is gone, the activity waits, older than the sweep's grace.
    await db().$executeRawUnsafe(`DELETE FROM ${PGBOSS_SCHEMA}.job WHERE data->>'activityId' = $1`, r.value.activityId);
    await db().activity.update({ where: { id: r.value.activityId }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const a = await until(
      () => db().activity.findUniqueOrThrow({ where: { id: r.value.activityId } }),
      (x) => x.state === "COMPLETED",
    );
    expect(a).toMatchObject({ state: "COMPLETED", attempts: 1 });
  }, 40_000);
});
