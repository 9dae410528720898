import { describe, it, expect, beforeAll } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import type { TenantContext } from "@/lib/auth/context";
import type { InfraDriver } from "@/lib/infra/driver";
import { createVm } from "@/lib/services/vms";
import { MAX_ATTEMPTS, runActivity } from "./runner";
import { startWorker } from "./worker";
import { tenantForVms } from "@/test/integration/context";

// A graceful stop (a deploy, Ctrl-C) is not a crash: the activities it interrupts go back to
// waiting at once, without spending an attempt, and the next worker finishes them.
const s = { ctx: null as unknown as TenantContext, pool: "", ds: "", policy: "" };

/** Every step takes 30 s unless aborted: the activity is surely running when the stop comes. */
const slow: InfraDriver = { run: (_type, _step, signal) => sleep(30_000, undefined, { signal }) };
const instant: InfraDriver = { run: async () => undefined };

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await sleep(100);
  }
}

let n = 0;
async function newVmActivity(): Promise<string> {
  const r = await createVm(s.ctx, { name: `stop-${n++}`, templateCode: "debian-12", poolId: s.pool, datastoreId: s.ds, cpu: 1, memoryGb: 4, diskGib: 20, diskProvisioning: "THIN", backupPolicyId: s.policy, powerOn: false });
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  return r.value.activityId;
}

const activity = (id: string) => db().activity.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  Object.assign(s, await tenantForVms());
});

describe("a graceful stop", () => {
  it("hands an activity back in the middle of a step: waiting again, its attempt not spent", async () => {
    const id = await newVmActivity();
    const stop = new AbortController();
    const run = runActivity(id, slow, stop.signal);
    await until(() => activity(id), (a) => a.state === "RUNNING");
    stop.abort();
    expect(await run).toBe("handed_back");
    expect(await activity(id)).toMatchObject({ state: "WAITING", attempts: 0, heartbeatAt: null });
    expect(await runActivity(id, instant)).toBe("completed");
    expect(await activity(id)).toMatchObject({ state: "COMPLETED", attempts: 1 });
  });

  it(`does not fail an activity however many times it comes (more than the ${MAX_ATTEMPTS} attempts a crash is allowed)`, async () => {
    const id = await newVmActivity();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const stop = new AbortController();
      const run = runActivity(id, slow, stop.signal);
      await until(() => activity(id), (a) => a.state === "RUNNING");
      stop.abort();
      expect(await run).toBe("handed_back");
    }
    expect(await runActivity(id, instant)).toBe("completed");
    expect(await activity(id)).toMatchObject({ state: "COMPLETED", attempts: 1 });
  });

  it("of the worker returns at once, not after the step, and another worker finishes what it handed back", async () => {
    const first = await startWorker({ concurrency: 2, sweepSeconds: 1, telemetry: false, driver: slow });
    const ids = [await newVmActivity(), await newVmActivity()];
    await until(() => db().activity.findMany({ where: { id: { in: ids } } }), (xs) => xs.every((a) => a.state === "RUNNING"));
    const t0 = Date.now();
    await first.stop();
    const stopMs = Date.now() - t0;
    // The steps had 30 s to go: the stop did not wait for them, nor for pg-boss's 10 s timeout.
    expect(stopMs).toBeLessThan(5_000);
    const handedBack = await db().activity.findMany({ where: { id: { in: ids } } });
    expect(handedBack.map((a) => [a.state, a.attempts])).toEqual(ids.map(() => ["WAITING", 0]));

    const second = await startWorker({ concurrency: 2, sweepSeconds: 1, telemetry: false, driver: instant });
    try {
      const done = await until(() => db().activity.findMany({ where: { id: { in: ids } } }), (xs) => xs.every((a) => a.state === "COMPLETED"));
      expect(done.map((a) => [a.state, a.attempts])).toEqual(ids.map(() => ["COMPLETED", 1]));
    } finally {
      await second.stop();
    }
  }, 40_000);
});
