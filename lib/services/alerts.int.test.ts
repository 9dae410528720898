import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { pressureLimitGb } from "@/lib/domain/pool";
import { floorSlot, TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { writeSamples } from "@/lib/metrics/collector";
import { evaluateAlerts } from "@/lib/metrics/alerts";
import { memberContext } from "@/test/integration/context";
import { startMailbox, type ReceivedMail } from "@/test/mailbox";
import { acknowledgeAlert, listAlerts, listOpenAlertsOf, setAlertSubscription, setAlertThreshold } from "./alerts";
import { getNotifications, markNotificationsRead } from "./notifications";
import { sendDueAlertEmails } from "./alert-mail";

// The alerts end to end on a real database: the collector's samples are written as the tick writes
// them, then the tick's evaluation runs. Pool "alert-pool": 4 STANDARD hosts, 1 024 GB activated,
// its 85 % line at 870.4 GB (the dashboards' figure).

const CAPACITY = 1024;
const LINE = pressureLimitGb(CAPACITY);
let slot = floorSlot(Date.now()) - 20 * TELEMETRY_SLOT_MS;
const s = { tenantId: "", poolId: "", dsId: "", otherPoolId: "", admin: null as unknown as TenantContext, watcher: null as unknown as TenantContext, bystander: null as unknown as TenantContext, stranger: null as unknown as TenantContext };
const people = { watcher: { id: "", email: "" }, bystander: { id: "", email: "" } };

/** One tick's sample of the pool's consumed memory, then the tick's evaluation. */
async function tick(poolId: string, tenantId: string, usedGb: number, o: { mail?: boolean } = {}) {
  slot += TELEMETRY_SLOT_MS;
  await writeSamples(db(), [{ tenantId, resourceType: "POOL", resourceId: poolId, metric: "mem_used_gb", value: usedGb, at: slot, capacity: CAPACITY, threshold: LINE }]);
  return evaluateAlerts(db(), slot + 1000, o);
}

const alertsOf = (resourceId: string) => db().alert.findMany({ where: { resourceId }, orderBy: { openedAt: "asc" } });

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id });
  s.tenantId = t.id;
  s.poolId = (await createPool(db(), { tenantId: t.id, hosts: 4, activatedMemoryGb: CAPACITY, nodeTypeCode: "STANDARD_V3", name: "alert-pool" })).pool.id;
  s.dsId = (await createDatastore(db(), { tenantId: t.id, name: "alert-ds" })).id;
  s.admin = await memberContext(t.id);
  const w = await createUser(db(), { cost: 4 });
  const b = await createUser(db(), { cost: 4 });
  people.watcher = { id: w.id, email: w.email };
  people.bystander = { id: b.id, email: b.email };
  s.watcher = await memberContext(t.id, ["metric:read"], w);
  s.bystander = await memberContext(t.id, ["metric:read"], b);
  const other = await createTenant(db(), { organizationId: org.id });
  s.otherPoolId = (await createPool(db(), { tenantId: other.id, hosts: 2, activatedMemoryGb: CAPACITY, name: "other-pool" })).pool.id;
  s.stranger = await memberContext(other.id);
  // The watcher hears of memory alerts (in the console, and by e-mail); the bystander of none.
  expect(await setAlertSubscription(s.watcher, { kind: "POOL_MEMORY", subscribed: true, email: true })).toMatchObject({ ok: true });
});

describe("an alert's life", () => {
  it("opens when the pool's consumption passes the 85 % line, with its figures, and only once however many ticks see it", async () => {
    expect((await tick(s.poolId, s.tenantId, LINE)).opened).toBe(0);
    expect(await alertsOf(s.poolId)).toHaveLength(0);

    const first = await tick(s.poolId, s.tenantId, 900);
    expect(first).toMatchObject({ opened: 1, notified: 1 });
    const [a] = await alertsOf(s.poolId);
    expect(a).toMatchObject({ state: "OPEN", kind: "POOL_MEMORY", resourceName: "alert-pool", value: 900, limit: 870.4, tenantId: s.tenantId });

    // A second tick, and two at once (two instances, a retried job): still one alert, its figures updated.
    expect((await tick(s.poolId, s.tenantId, 950)).opened).toBe(0);
    const both = await Promise.all([evaluateAlerts(db(), slot + 2000), evaluateAlerts(db(), slot + 3000)]);
    expect(both.map((r) => r.opened)).toEqual([0, 0]);
    const after = await alertsOf(s.poolId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ value: 900, lastValue: 950, peak: 950 });
  });

  it("two ticks evaluating the same fresh breach at once open one alert and notify once", async () => {
    await writeSamples(db(), [{ tenantId: s.tenantId, resourceType: "DATASTORE", resourceId: s.dsId, metric: "iops_demand", value: 3000, at: slot, threshold: 3000 }]);
    const both = await Promise.all([evaluateAlerts(db(), slot + 1000), evaluateAlerts(db(), slot + 1000)]);
    expect(both.reduce((n, r) => n + r.opened, 0)).toBe(1);
    expect(await alertsOf(s.dsId)).toMatchObject([{ kind: "DATASTORE_IOPS", value: 3000, limit: 3000, state: "OPEN" }]);
  });

  it("notifies the subscribed user in the bell, not the unsubscribed one, and marks read", async () => {
    const asWatcher = { type: "user" as const, userId: people.watcher.id, email: people.watcher.email, name: "w" };
    const asBystander = { type: "user" as const, userId: people.bystander.id, email: people.bystander.email, name: "b" };
    const seen = await getNotifications(asWatcher);
    expect(seen.unread).toBe(1);
    expect(seen.items[0]!.alert).toMatchObject({ kind: "POOL_MEMORY", resourceName: "alert-pool" });
    expect(seen.items[0]!.alert.text.en).toContain("above its line of 870.4 GB");
    expect(await getNotifications(asBystander)).toEqual({ unread: 0, items: [] });
    // Someone else marking "all" read touches only their own rows.
    await markNotificationsRead(people.bystander.id, null);
    expect((await getNotifications(asWatcher)).unread).toBe(1);
    expect(await markNotificationsRead(people.watcher.id, [seen.items[0]!.id])).toBe(1);
    expect((await getNotifications(asWatcher)).unread).toBe(0);
    // A watcher who loses metric:read no longer sees the tenant's notifications.
    await db().membership.update({ where: { userId_tenantId: { userId: people.watcher.id, tenantId: s.tenantId } }, data: { permissions: [] } });
    expect((await getNotifications(asWatcher)).items).toEqual([]);
    await db().membership.update({ where: { userId_tenantId: { userId: people.watcher.id, tenantId: s.tenantId } }, data: { permissions: ["metric:read"] } });
  });

  it("is acknowledged by a member (who and when kept, audited); another tenant's member finds no such alert", async () => {
    const [a] = await alertsOf(s.poolId);
    await expect(acknowledgeAlert(s.stranger, { alertId: a!.id })).rejects.toBeInstanceOf(NotFoundError);
    const r = await acknowledgeAlert(s.bystander, { alertId: a!.id });
    expect(r).toMatchObject({ ok: true, value: { alert: { state: "ACKNOWLEDGED", acknowledgedByName: people.bystander.email } } });
    expect(await db().auditEvent.count({ where: { tenantId: s.tenantId, action: "alert.acknowledge", targetId: a!.id } })).toBe(1);
    // Acknowledging again changes nothing and records nothing more.
    await acknowledgeAlert(s.watcher, { alertId: a!.id });
    expect((await alertsOf(s.poolId))[0]).toMatchObject({ state: "ACKNOWLEDGED", acknowledgedByName: people.bystander.email });
    expect(await db().auditEvent.count({ where: { tenantId: s.tenantId, action: "alert.acknowledge", targetId: a!.id } })).toBe(1);
    // Still breached: the tick keeps it (acknowledged), no second alert.
    expect((await tick(s.poolId, s.tenantId, 910)).opened).toBe(0);
    expect(await alertsOf(s.poolId)).toMatchObject([{ state: "ACKNOWLEDGED", lastValue: 910 }]);
    expect(await listOpenAlertsOf(s.stranger, s.poolId)).toEqual([]);
  });

  it("resolves when the figure is back under the line; the history keeps it, and a new breach opens a new alert", async () => {
    const r = await tick(s.poolId, s.tenantId, 800);
    expect(r.resolved).toBe(1);
    const [a] = await alertsOf(s.poolId);
    expect(a).toMatchObject({ state: "RESOLVED", lastValue: 800 });
    expect(a!.resolvedAt).not.toBeNull();
    expect((await listAlerts(s.admin, { limit: 50 })).alerts.map((x) => x.resourceName)).toEqual(["alert-ds"]);
    expect((await listAlerts(s.admin, { limit: 50, view: "all", kind: "POOL_MEMORY" })).alerts).toMatchObject([{ id: a!.id, state: "RESOLVED" }]);
    expect((await listAlerts(s.stranger, { limit: 50, view: "all" })).alerts).toEqual([]);

    expect((await tick(s.poolId, s.tenantId, 905)).opened).toBe(1);
    expect((await alertsOf(s.poolId)).map((x) => x.state)).toEqual(["RESOLVED", "OPEN"]);
  });

  it("pages the history newest first with a cursor, filtered in the database", async () => {
    const first = await listAlerts(s.admin, { limit: 1, view: "all" });
    expect(first.total).toBe(3);
    const ids = first.alerts.map((a) => a.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await listAlerts(s.admin, { limit: 50, view: "all", cursor });
      ids.push(...next.alerts.map((a) => a.id));
      cursor = next.nextCursor;
    }
    expect(new Set(ids).size).toBe(3);
    expect((await listAlerts(s.admin, { limit: 50, state: "RESOLVED" })).total).toBe(1);
  });
});

describe("a tenant's own line", () => {
  it("moves the pool's line (75 % of 1 024 GB = 768 GB), refused for another tenant's pool, and back to the default", async () => {
    await tick(s.poolId, s.tenantId, 800);
    expect((await alertsOf(s.poolId)).every((a) => a.state === "RESOLVED")).toBe(true);
    await expect(setAlertThreshold(s.admin, { resourceId: s.otherPoolId, kind: "POOL_MEMORY", levelPct: 75 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await setAlertThreshold(s.admin, { resourceId: s.poolId, kind: "POOL_MEMORY", levelPct: 75 })).toMatchObject({ ok: true, value: { levelPct: 75, defaultPct: 85 } });
    expect((await tick(s.poolId, s.tenantId, 800)).opened).toBe(1);
    expect((await alertsOf(s.poolId)).at(-1)).toMatchObject({ state: "OPEN", limit: 768, value: 800 });
    await setAlertThreshold(s.admin, { resourceId: s.poolId, kind: "POOL_MEMORY", levelPct: null });
    expect((await tick(s.poolId, s.tenantId, 800)).resolved).toBe(1);
  });
});

describe("alert e-mail", () => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let received: ReceivedMail[] = [];
  let port = 0;
  beforeAll(async () => {
    mailbox = await startMailbox();
    ({ received, port } = mailbox);
  });
  afterAll(() => mailbox.close());

  it("is delivered through the SMTP server to the subscriber who asked for it, with the resource, the figures and a link, once", async () => {
    await db().alertEmail.deleteMany({});
    const r = await tick(s.poolId, s.tenantId, 930, { mail: true });
    expect(r).toMatchObject({ opened: 1, mailsQueued: 1 });
    const config = { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Console <alerts@console.test>", baseUrl: "https://console.test" };
    expect(await sendDueAlertEmails(config)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([people.watcher.email]);
    const body = received[0]!.raw.replace(/=\r?\n/g, "");
    expect(body).toContain("alert-pool");
    expect(body).toContain("930 GB");
    expect(body).toContain("870.4 GB");
    expect(body).toContain(`https://console.test/t/`);
    // quoted-printable writes "=" as "=3D"
    expect(body).toMatch(/\/dashboards\/alerts\?kind=(3D)?POOL_MEMORY/);
    // Nothing left to send: a second run sends nothing again.
    expect(await sendDueAlertEmails(config)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await db().alertEmail.findMany({ where: { sentAt: null } })).toEqual([]);
  });

  it("waits and tries again when the SMTP server does not answer, keeping the error; never sent by the tick itself", async () => {
    await tick(s.poolId, s.tenantId, 800);
    const r = await tick(s.poolId, s.tenantId, 940, { mail: true });
    expect(r.mailsQueued).toBe(1);
    const down = { smtpUrl: "smtp://127.0.0.1:1", from: "alerts@console.test", baseUrl: "https://console.test" };
    expect(await sendDueAlertEmails(down)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [row] = await db().alertEmail.findMany({ where: { sentAt: null } });
    expect(row).toMatchObject({ attempts: 1 });
    expect(row!.lastError).toBeTruthy();
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: a run now sends nothing; once due, it goes through.
    expect((await sendDueAlertEmails({ ...down, smtpUrl: `smtp://127.0.0.1:${port}` })).sent).toBe(0);
    await db().alertEmail.update({ where: { id: row!.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect((await sendDueAlertEmails({ ...down, smtpUrl: `smtp://127.0.0.1:${port}` })).sent).toBe(1);
    expect(received).toHaveLength(2);
  });

  it("queues no e-mail when SMTP is not configured", async () => {
    await tick(s.poolId, s.tenantId, 800);
    expect(await tick(s.poolId, s.tenantId, 960)).toMatchObject({ opened: 1, notified: 1, mailsQueued: 0 });
  });
});
