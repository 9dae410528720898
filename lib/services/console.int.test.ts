import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import { CONSOLE_LIMITS } from "@/lib/domain/console";
import { consoleCommandSchema } from "@/lib/validation/console";
import { closeConsole, listConsoleHistory, openConsole, runConsoleCommand } from "./console";
import { memberContext } from "@/test/integration/context";

// Tenant a: a running VM "web-01" (two disks, one adapter on VLAN 100), a powered-off one and a
// suspended one. Tenant b, of the same organization: its own running VM.
const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, vm: "", off: "", suspended: "", theirs: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  const [ta, tb] = [await createTenant(db(), { organizationId: org.id }), await createTenant(db(), { organizationId: org.id })];
  s.a = await memberContext(ta.id);
  s.b = await memberContext(tb.id);
  const { pool, hosts } = await createPool(db(), { tenantId: ta.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: ta.id });
  const on = { tenantId: ta.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id };
  const vm = await createVm(db(), { ...on, name: "web-01", powerState: "POWERED_ON", cpu: 4, memoryGb: 16, guestOs: "Ubuntu 24.04 LTS" });
  s.vm = vm.id;
  await db().vmDisk.create({ data: { tenantId: ta.id, vmId: vm.id, datastoreId: ds.id, label: "Hard disk 2", sizeGib: 200, usedGib: 50, provisioning: "THIN", createdAt: new Date(Date.now() + 1000) } });
  const vlan = await db().vlan.create({ data: { tenantId: ta.id, tag: 100, name: "front" } });
  await db().vmNic.create({ data: { tenantId: ta.id, vmId: vm.id, vlanId: vlan.id, label: "Network adapter 1", type: "VMXNET3", mac: "00:50:56:0a:1b:2c" } });
  s.off = (await createVm(db(), { ...on, name: "db-01", powerState: "POWERED_OFF" })).id;
  s.suspended = (await createVm(db(), { ...on, name: "batch-01", powerState: "SUSPENDED" })).id;
  const poolB = await createPool(db(), { tenantId: tb.id, hosts: 1 });
  const dsB = await createDatastore(db(), { tenantId: tb.id });
  s.theirs = (await createVm(db(), { tenantId: tb.id, poolId: poolB.pool.id, datastoreId: dsB.id, hostId: poolB.hosts[0]!.id, name: "secret-01", powerState: "POWERED_ON" })).id;
});

async function open(ctx = s.a, vmId = s.vm) {
  const d = await openConsole(ctx, { vmId });
  if (!d.ok) throw new Error(JSON.stringify(d.violations));
  return d.value;
}
const type = (sessionId: string, line: string, ctx = s.a, vmId = s.vm) => runConsoleCommand(ctx, consoleCommandSchema.parse({ vmId, sessionId, line }));
const output = async (sessionId: string, line: string) => {
  const d = await type(sessionId, line);
  if (!d.ok) throw new Error(JSON.stringify(d.violations));
  return d.value;
};
const auditRows = (action: string) => db().auditEvent.findMany({ where: { tenantId: s.a.tenant.id, action }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("the web console of a running VM", () => {
  it("opens on the guest's boot log and login prompt, answers from the inventory, and keeps each command with its user", async () => {
    const c = await open();
    expect(c.bootLog).toContain("Ubuntu 24.04.1 LTS web-01 tty1");
    expect(c.bootLog).toContain("smpboot: Allowing 4 CPUs");
    expect(c.loginPrompt).toBe("web-01 login: ");
    expect((await output(c.sessionId, "hostname")).output).toBe("web-01");
    expect((await output(c.sessionId, "ip addr")).output).toContain("link/ether 00:50:56:0a:1b:2c");
    expect((await output(c.sessionId, "df -h")).output).toMatch(/\/dev\/sdb1\s+200G\s+50G/);
    expect((await output(c.sessionId, "history")).output).toBe("    1  hostname\n    2  ip addr\n    3  df -h\n    4  history");

    const rows = await db().consoleCommand.findMany({ where: { sessionId: c.sessionId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.line)).toEqual(["hostname", "ip addr", "df -h", "history"]);
    const userId = s.a.actor.type === "user" ? s.a.actor.userId : null;
    for (const r of rows) expect(r).toMatchObject({ userId, actorLabel: s.a.actor.type === "user" ? s.a.actor.email : null, vmId: s.vm });

    const page = await listConsoleHistory(s.a, s.vm, { size: 3 });
    expect(page.rows.map((r) => r.line)).toEqual(["history", "df -h", "ip addr"]);
    const next = await listConsoleHistory(s.a, s.vm, { size: 3, after: { key: [page.next!.createdAt], id: page.next!.id } });
    expect(next.rows.map((r) => r.line)).toEqual(["hostname"]);
  });

  it("audits a console once opened and once closed with its count, never per command", async () => {
    const [opensBefore, closesBefore] = [(await auditRows("vm.console_open")).length, (await auditRows("vm.console_close")).length];
    const c = await open();
    await output(c.sessionId, "uptime");
    await output(c.sessionId, "whoami");
    const closed = await closeConsole(s.a, { vmId: s.vm, sessionId: c.sessionId });
    expect(closed).toMatchObject({ ok: true, value: { commands: 2, alreadyClosed: false } });
    const opens = await auditRows("vm.console_open");
    const closes = await auditRows("vm.console_close");
    expect(opens.length - opensBefore).toBe(1);
    expect(closes.at(-1)!.details).toMatchObject({ sessionId: c.sessionId, commands: 2, reason: "closed" });
    // Closing twice changes nothing; typing at a closed console is a conflict.
    expect(await closeConsole(s.a, { vmId: s.vm, sessionId: c.sessionId })).toMatchObject({ ok: true, value: { alreadyClosed: true } });
    expect(closes.length).toBeGreaterThan(closesBefore);
    expect((await auditRows("vm.console_close")).length).toBe(closes.length);
    await expect(type(c.sessionId, "hostname")).rejects.toBeInstanceOf(ConflictError);
  });

  it("closes the console on exit, and a new console closes the same person's console left open", async () => {
    const left = await open();
    await output(left.sessionId, "hostname");
    const c = await open();
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: left.sessionId } })).toMatchObject({ commandCount: 1, closedAt: expect.any(Date) });
    expect((await auditRows("vm.console_close")).at(-1)!.details).toMatchObject({ sessionId: left.sessionId, commands: 1, reason: "reopened" });
    expect(await output(c.sessionId, "exit")).toMatchObject({ output: "logout", effect: "exit", commands: 1 });
    expect((await auditRows("vm.console_close")).at(-1)!.details).toMatchObject({ sessionId: c.sessionId, commands: 1, reason: "exit" });
  });

  it("reboots the guest on Ctrl-Alt-Del (its boot log again) without touching the VM's power state, and records it", async () => {
    const c = await open();
    const d = await runConsoleCommand(s.a, consoleCommandSchema.parse({ vmId: s.vm, sessionId: c.sessionId, key: "ctrl-alt-del" }));
    expect(d).toMatchObject({ ok: true, value: { effect: "reboot" } });
    if (d.ok) expect(d.value.output).toBe(c.bootLog);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm }, select: { powerState: true } })).toEqual({ powerState: "POWERED_ON" });
    expect((await listConsoleHistory(s.a, s.vm, { size: 1 })).rows[0]!.line).toBe("<Ctrl-Alt-Del>");
    expect(await db().activity.count({ where: { tenantId: s.a.tenant.id } })).toBe(0);
  });

  it("keeps at most the VM's latest commands, and refuses a line longer than the limit", async () => {
    expect(consoleCommandSchema.safeParse({ vmId: s.vm, sessionId: "x", line: "a".repeat(CONSOLE_LIMITS.lineChars + 1) }).success).toBe(false);
    expect(consoleCommandSchema.safeParse({ vmId: s.vm, sessionId: "x", line: "a".repeat(CONSOLE_LIMITS.lineChars) }).success).toBe(true);
    // Fill the VM's history to its limit directly, then one more command drops the oldest.
    const c = await open();
    const base = Date.now() - 3_600_000;
    await db().consoleCommand.createMany({
      data: Array.from({ length: CONSOLE_LIMITS.historyPerVm }, (_, i) => ({ tenantId: s.a.tenant.id, vmId: s.vm, sessionId: c.sessionId, line: `old ${i}`, createdAt: new Date(base + i) })),
    });
    await output(c.sessionId, "hostname");
    expect(await db().consoleCommand.count({ where: { vmId: s.vm } })).toBe(CONSOLE_LIMITS.historyPerVm);
    expect((await listConsoleHistory(s.a, s.vm, { size: 1 })).rows[0]!.line).toBe("hostname");
  });
});

describe("a console that cannot be opened", () => {
  it.each([
    ["powered off", "off", /db-01 is powered off: only a powered-on VM has a console\. Power it on/],
    ["suspended", "suspended", /batch-01 is suspended: .*Resume it with Power on/],
  ] as const)("refuses a %s VM with CONSOLE.VM_NOT_RUNNING, audited as refused, opening nothing", async (_label, key, sentence) => {
    const d = await openConsole(s.a, { vmId: s[key] });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.violations).toMatchObject([{ code: "CONSOLE.VM_NOT_RUNNING", severity: "refuse", subject: s[key] }]);
    expect(d.violations[0]!.message.en).toMatch(sentence);
    expect(await db().consoleSession.count({ where: { vmId: s[key] } })).toBe(0);
    expect((await auditRows("vm.console_open")).at(-1)).toMatchObject({ outcome: "REFUSED", targetId: s[key] });
  });

  it("refuses a command once the VM is no longer running, recording nothing", async () => {
    const c = await open();
    await db().vm.update({ where: { id: s.vm }, data: { powerState: "POWERED_OFF" } });
    try {
      const d = await type(c.sessionId, "hostname");
      expect(d).toMatchObject({ ok: false, violations: [{ code: "CONSOLE.VM_NOT_RUNNING" }] });
      expect(await db().consoleCommand.count({ where: { sessionId: c.sessionId } })).toBe(0);
    } finally {
      await db().vm.update({ where: { id: s.vm }, data: { powerState: "POWERED_ON" } });
    }
  });

  it("answers another tenant's VM, its console and its history as not found, changing nothing there", async () => {
    const theirs = await open(s.b, s.theirs);
    await expect(openConsole(s.a, { vmId: s.theirs })).rejects.toBeInstanceOf(NotFoundError);
    await expect(type(theirs.sessionId, "hostname", s.a, s.theirs)).rejects.toBeInstanceOf(NotFoundError);
    // Their session named with one of our VMs: not ours either.
    await expect(type(theirs.sessionId, "hostname", s.a, s.vm)).rejects.toBeInstanceOf(NotFoundError);
    await expect(closeConsole(s.a, { vmId: s.theirs, sessionId: theirs.sessionId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listConsoleHistory(s.a, s.theirs, { size: 10 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: theirs.sessionId } })).toMatchObject({ closedAt: null, commandCount: 0 });
  });

  it("asks vm:power to open, type and close, and audit:read to read the history", async () => {
    const ctx = await memberContext(s.a.tenant.id, PERMISSIONS.filter((p) => p !== "vm:power" && p !== "audit:read"));
    await expect(openConsole(ctx, { vmId: s.vm })).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.permission === "vm:power");
    await expect(listConsoleHistory(ctx, s.vm, { size: 5 })).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.permission === "audit:read");
  });
});
