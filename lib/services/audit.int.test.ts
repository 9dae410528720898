import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { ForbiddenError } from "@/lib/errors";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { parseAuditListQuery, type AuditListQuery } from "@/lib/validation/audit-list";
import { exportAuditEvents, listAuditEvents } from "./audit";
import { createVm as createVmService, powerVm } from "./vms";

// Tenant A's trail, written by the real services: an accepted create, a refused one (pool past
// 85 %), a power-off, a denied attempt; plus rows with fixed dates for the date range.
// Tenant B's rows must never appear in A's trail.
const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, org: "", pool: "", ds: "", policy: "", created: "", theirVm: "" };

async function ctxFor(tenantId: string, permissions: readonly Permission[] = PERMISSIONS, email?: string) {
  const user = await createUser(db(), { cost: 4, email });
  await grantMembership(db(), { userId: user.id, tenantId, permissions });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

const q = (params: Record<string, string> = {}): AuditListQuery => parseAuditListQuery(params);
const vmInput = (name: string, memoryGb: number) => ({ name, templateCode: "debian-12" as const, poolId: s.pool, datastoreId: s.ds, cpu: 2, memoryGb, diskGib: 40, diskProvisioning: "THIN" as const, backupPolicyId: s.policy, powerOn: true });

beforeAll(async () => {
  const org = await createOrganization(db());
  s.org = org.id;
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await ctxFor(a.id, PERMISSIONS, `alice-${Date.now()}@example.test`);
  s.b = await ctxFor(b.id);
  // 2 hosts, 256 GB activated: 85 % is 217.6 GB; web-ok (16 GB) runs, so web-huge (210 GB) would bring it to 226,
  // past the 85 % line and within the activated memory.
  const { pool } = await createPool(db(), { tenantId: a.id, hosts: 2, activatedMemoryGb: 256 });
  const ds = await createDatastore(db(), { tenantId: a.id, sizeGib: 4096 });
  const policy = await createBackupPolicy(db(), { tenantId: a.id });
  Object.assign(s, { pool: pool.id, ds: ds.id, policy: policy.id });

  // Two rows from last spring, for the date range.
  for (const [day, name] of [["2026-03-01", "old-a"], ["2026-03-02", "old-b"]] as const) {
    const row = await recordAudit({ organizationId: org.id, tenantId: a.id, actorType: "SYSTEM", actorLabel: "system (seed)", action: "vm.tags_set", targetType: "vm", targetId: name, targetName: name });
    await db().auditEvent.update({ where: { id: row.id }, data: { createdAt: new Date(`${day}T23:30:00Z`) } });
  }
  const ok = await createVmService(s.a, vmInput("web-ok", 16));
  if (!ok.ok) throw new Error("setup");
  s.created = ok.value.vmId;
  const refused = await createVmService(s.a, vmInput("web-huge", 210));
  if (refused.ok) throw new Error("setup: expected a refusal");
  // A member without vm:power is denied, and that is audited too.
  const noPower = await ctxFor(a.id, PERMISSIONS.filter((p) => p !== "vm:power"), `bob-${Date.now()}@example.test`);
  const denied = await authorize(noPower.actor, { id: a.id }, "vm:power");
  if (denied.ok) throw new Error("setup: expected a denial");

  const theirPool = await createPool(db(), { tenantId: b.id, hosts: 1 });
  const theirDs = await createDatastore(db(), { tenantId: b.id });
  s.theirVm = (await createVm(db(), { tenantId: b.id, poolId: theirPool.pool.id, datastoreId: theirDs.id, name: "web-ok", powerState: "POWERED_ON", hostId: theirPool.hosts[0]!.id })).id;
  await powerVm(s.b, { vmId: s.theirVm, action: "off" });
});

describe("a tenant's audit trail", () => {
  it("shows every mutation and every refused or denied attempt, newest first, with who, what and why", async () => {
    const { total, rows } = await listAuditEvents(s.a, q());
    expect(total).toBe(5);
    expect(rows.map((r) => [r.action, r.outcome, r.target?.name ?? null])).toEqual([
      ["authz.denied", "DENIED", null],
      ["vm.create", "REFUSED", "web-huge"],
      ["vm.create", "SUCCEEDED", "web-ok"],
      ["vm.tags_set", "SUCCEEDED", "old-b"],
      ["vm.tags_set", "SUCCEEDED", "old-a"],
    ]);
    const [denied, refused, created] = rows;
    expect(denied).toMatchObject({ actorType: "USER", permission: "vm:power" });
    expect(denied!.actorLabel).toMatch(/^bob-/);
    expect(refused!.actorLabel).toBe(s.a.actor.type === "user" ? s.a.actor.email : "");
    expect(refused!.violations).toContainEqual(expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", limit: 217.6, actual: 226 }));
    expect(created).toMatchObject({ target: { type: "vm", id: s.created, name: "web-ok" }, after: { memoryGb: 16, cpu: 2, powerOn: true } });
    expect(created!.activityId).toEqual(expect.any(String));
  });

  it.each([
    [{ action: "vm.create" }, ["web-huge", "web-ok"]],
    [{ outcome: "REFUSED" }, ["web-huge"]],
    [{ outcome: "DENIED" }, [null]],
    [{ actor: "ALICE-" }, ["web-huge", "web-ok"]],
    [{ actor: "system" }, ["old-b", "old-a"]],
    [{ target: "web" }, ["web-huge", "web-ok"]],
    [{ target: "OLD-A" }, ["old-a"]],
    [{ from: "2026-03-02" , to: "2026-03-02" }, ["old-b"]],
    [{ to: "2026-03-01" }, ["old-a"]],
    [{ from: "2026-03-01", to: "2026-03-02", target: "old" }, ["old-b", "old-a"]],
    [{ action: "vm.create", outcome: "SUCCEEDED" }, ["web-ok"]],
  ])("filters %j in the database", async (filter, names) => {
    const r = await listAuditEvents(s.a, q(filter));
    expect(r.rows.map((x) => x.target?.name ?? null)).toEqual(names);
    expect(r.total).toBe(names.length);
  });

  it("finds a resource's own trail by type and id, and by its exact id in the target filter", async () => {
    expect((await listAuditEvents(s.a, q({ targetType: "vm", targetId: s.created }))).rows.map((r) => r.action)).toEqual(["vm.create"]);
    expect((await listAuditEvents(s.a, q({ target: s.created }))).total).toBe(1);
  });

  it("pages in the database without overlap", async () => {
    const all = (await listAuditEvents(s.a, q())).rows.map((r) => r.id);
    const pages = await Promise.all([1, 2, 3].map(async (page) => (await listAuditEvents(s.a, { ...q(), pageSize: 2, page })).rows.map((r) => r.id)));
    expect(pages.flat()).toEqual(all);
  });

  it("never shows another tenant's rows", async () => {
    expect((await listAuditEvents(s.a, q({ targetId: s.theirVm }))).total).toBe(0);
    const theirs = await listAuditEvents(s.b, q());
    expect(theirs.rows.map((r) => [r.action, r.target?.id])).toEqual([["vm.power_off", s.theirVm]]);
  });

  it("exports exactly what the filters show, in batches, in the same order (rows of one instant included)", async () => {
    // Three rows of one instant: the keyset between batches must neither skip nor repeat them.
    const at = new Date("2026-04-01T12:00:00Z");
    for (const n of ["same-1", "same-2", "same-3"]) {
      const row = await recordAudit({ organizationId: s.org, tenantId: s.a.tenant.id, actorType: "SYSTEM", actorLabel: "system (seed)", action: "vm.tags_set", targetType: "vm", targetId: n, targetName: n });
      await db().auditEvent.update({ where: { id: row.id }, data: { createdAt: at } });
    }
    const listed = (await listAuditEvents(s.a, q({ pageSize: "100" }))).rows.map((r) => r.id);
    const batches: string[][] = [];
    for await (const b of exportAuditEvents(s.a, q(), 2)) batches.push(b.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2]);
    expect(batches.flat()).toEqual(listed);
    const refused: string[] = [];
    for await (const b of exportAuditEvents(s.a, q({ outcome: "REFUSED" }))) refused.push(...b.map((r) => r.target?.name ?? ""));
    expect(refused).toEqual(["web-huge"]);
    await db().auditEvent.deleteMany({ where: { tenantId: s.a.tenant.id, targetName: { startsWith: "same-" } } });
  });

  it("says a refusal in the reader's language, from the code and figures it keeps", async () => {
    const refusal = (lang: "en" | "fr") => listAuditEvents(s.a, q({ outcome: "REFUSED" }), lang).then((r) => r.rows[0]!.violations.find((v) => v.code === "CPOOL.MEMORY_PRESSURE")!);
    const en = await refusal("en");
    const fr = await refusal("fr");
    expect(en).toMatchObject({ code: "CPOOL.MEMORY_PRESSURE", limit: 217.6, actual: 226, unit: "GB" });
    expect(fr).toMatchObject({ code: "CPOOL.MEMORY_PRESSURE", limit: 217.6, actual: 226, unit: "GB" });
    expect(en.message).toMatch(/^A pool's allocated memory .* must stay at or below 85 % of its activated memory, here 217\.6 GB of 256 GB/);
    expect(fr.message).toMatch(/^Un pool doit garder sa mémoire allouée .* à 85 % au plus de sa mémoire activée, soit 217,6 Go sur 256 Go/);
    // The export stays English, like its column names.
    const exported: string[] = [];
    for await (const b of exportAuditEvents(s.a, q({ outcome: "REFUSED" }))) exported.push(...b.flatMap((r) => r.violations.map((v) => v.message)));
    expect(exported).toContain(en.message);
  });

  it("shows a refusal recorded before sentences were kept in both languages as it was recorded", async () => {
    const row = await recordAudit({
      organizationId: s.org,
      tenantId: s.a.tenant.id,
      actorType: "SYSTEM",
      actorLabel: "system (seed)",
      action: "vm.resize",
      outcome: "REFUSED",
      targetType: "vm",
      targetId: "legacy-vm",
      targetName: "legacy-vm",
      details: { violations: [{ code: "CPOOL.MEMORY_PRESSURE", severity: "refuse", message: "Over 85 %.", limit: 217.6, actual: 316 }] },
    });
    const fr = await listAuditEvents(s.a, q({ target: "legacy-vm" }), "fr");
    expect(fr.rows[0]!.violations).toEqual([{ code: "CPOOL.MEMORY_PRESSURE", severity: "refuse", message: "Over 85 %.", limit: 217.6, actual: 316 }]);
    await db().auditEvent.delete({ where: { id: row.id } });
  });

  it("needs audit:read", async () => {
    const reader = await ctxFor(s.a.tenant.id, PERMISSIONS.filter((p) => p !== "audit:read"));
    await expect(listAuditEvents(reader, q())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportAuditEvents(reader, q()).next()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
