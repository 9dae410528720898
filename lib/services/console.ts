import "server-only";
import type { Tx } from "@/lib/db/client";
import { lockVmOrThrow } from "@/lib/db/vms";
import {
  closeConsoleSession,
  createConsoleSession,
  getConsoleInventory,
  listConsoleCommands,
  listOpenConsoleSessions,
  lockConsoleSession,
  recordConsoleCommand,
  sessionLines,
  type ConsoleActor,
} from "@/lib/db/console";
import { actorLabel, actorUserId, AUDIT_ACTOR_TYPE } from "@/lib/auth/context";
import { bootLog, checkConsoleOpen, CONSOLE_LIMITS, guestHostname, loginPrompt, runShell, type GuestInventory, type ShellResult } from "@/lib/domain/console";
import { decide, type Decision } from "@/lib/domain/result";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { After } from "@/lib/list-query";
import type { CloseConsoleInput, ConsoleCommandInput, OpenConsoleInput } from "@/lib/validation/console";
import { assertPermission, type TenantContext } from "./context";
import { audit } from "./audit";
import { transaction } from "./tx";

// The simulated web console of a VM. Typing at a guest acts on it as its power button does, so
// every step asks vm:power (README, "The web console"). A console is audited twice — opened, and
// closed with the count of its commands — and each command is kept in the VM's console history,
// never as an audit row of its own.

type ConsoleVm = NonNullable<Awaited<ReturnType<typeof getConsoleInventory>>>;

function inventoryOf(vm: ConsoleVm): GuestInventory {
  return {
    name: vm.name,
    guestOs: vm.guestOs,
    templateCode: vm.templateCode,
    cpu: vm.cpu,
    memoryGb: vm.memoryGb,
    disks: vm.disks,
    nics: vm.nics.map((n) => ({ label: n.label, type: n.type, mac: n.mac, connected: n.connected, vlanTag: n.vlan?.tag ?? null })),
  };
}

function consoleActor(ctx: TenantContext): ConsoleActor {
  return { actorType: AUDIT_ACTOR_TYPE[ctx.actor.type], userId: actorUserId(ctx.actor), actorLabel: actorLabel(ctx.actor) };
}

/** The VM, locked (its console's steps queue behind one another), and its inventory; another tenant's is not found. */
async function lockConsoleVm(tx: Tx, ctx: TenantContext, vmId: string): Promise<ConsoleVm> {
  await lockVmOrThrow(tx, ctx.tenant.id, vmId);
  const vm = await getConsoleInventory(ctx.tenant.id, vmId, tx);
  if (!vm) throw new NotFoundError("vm", vmId);
  return vm;
}

const target = (vm: { id: string; name: string }) => ({ type: "vm", id: vm.id, name: vm.name });

async function auditClose(tx: Tx, ctx: TenantContext, vm: { id: string; name: string }, s: { id: string; commandCount: number }, reason: "closed" | "exit" | "reopened") {
  await audit(tx, ctx, { action: "vm.console_close", target: target(vm), extra: { sessionId: s.id, commands: s.commandCount, reason } });
}

export type OpenedConsole = { sessionId: string; hostname: string; bootLog: string; loginPrompt: string };

/**
 * Opens a console on a powered-on VM (CONSOLE.VM_NOT_RUNNING otherwise, audited as refused): the
 * guest's boot log and its login prompt. The same person's consoles still open on the VM are closed
 * first (a tab closed without saying so leaves one), each audited with its count.
 */
export async function openConsole(ctx: TenantContext, input: OpenConsoleInput): Promise<Decision<OpenedConsole>> {
  assertPermission(ctx, "vm:power");
  return transaction(async (tx) => {
    const vm = await lockConsoleVm(tx, ctx, input.vmId);
    const verdict = checkConsoleOpen(vm);
    if (!verdict.ok) {
      await audit(tx, ctx, { action: "vm.console_open", outcome: "REFUSED", target: target(vm), violations: verdict.violations });
      return verdict;
    }
    const actor = consoleActor(ctx);
    for (const stale of await listOpenConsoleSessions(tx, ctx.tenant.id, vm.id, actor.userId)) {
      await closeConsoleSession(tx, stale.id);
      await auditClose(tx, ctx, vm, stale, "reopened");
    }
    const session = await createConsoleSession(tx, ctx.tenant.id, vm.id, actor);
    await audit(tx, ctx, { action: "vm.console_open", target: target(vm), extra: { sessionId: session.id } });
    const inv = inventoryOf(vm);
    return decide([], { sessionId: session.id, hostname: guestHostname(inv), bootLog: bootLog(inv), loginPrompt: loginPrompt(inv) });
  });
}

export type ConsoleAnswer = { output: string; effect: ShellResult["effect"] | "reboot" | null; commands: number };

/**
 * A line typed at the guest's shell, or a key combination sent to it: recorded in the VM's console
 * history with its user and time (an empty line is not), then answered by the simulated shell from
 * the VM's inventory now. `exit` and Ctrl-D close the console (audited with its count);
 * Ctrl-Alt-Del reboots the guest — its boot log again — and leaves the VM's power state alone.
 * A VM no longer powered on refuses it (CONSOLE.VM_NOT_RUNNING); a closed console is a conflict.
 */
export async function runConsoleCommand(ctx: TenantContext, input: ConsoleCommandInput, now = new Date()): Promise<Decision<ConsoleAnswer>> {
  assertPermission(ctx, "vm:power");
  return transaction(async (tx) => {
    const vm = await lockConsoleVm(tx, ctx, input.vmId);
    const verdict = checkConsoleOpen(vm);
    if (!verdict.ok) return verdict;
    const session = await lockConsoleSession(tx, ctx.tenant.id, vm.id, input.sessionId);
    if (!session) throw new NotFoundError("console session", input.sessionId);
    if (session.closedAt) {
      throw new ConflictError(
        { en: "This console is closed. Open the console again to type at the guest.", fr: "Cette console est fermée. Rouvrez la console pour écrire au système invité." },
        "CONSOLE_CLOSED",
      );
    }
    const recorded = input.key === "ctrl-alt-del" ? "<Ctrl-Alt-Del>" : input.key === "ctrl-d" ? "<Ctrl-D>" : input.line.trim() ? input.line : null;
    if (recorded === null) return decide([], { output: "", effect: null, commands: session.commandCount });
    await recordConsoleCommand(tx, { tenantId: ctx.tenant.id, vmId: vm.id, sessionId: session.id, userId: actorUserId(ctx.actor), actorLabel: actorLabel(ctx.actor), line: recorded }, CONSOLE_LIMITS.historyPerVm);
    const commands = session.commandCount + 1;
    const inv = inventoryOf(vm);
    if (input.key === "ctrl-alt-del") return decide([], { output: bootLog(inv), effect: "reboot" as const, commands });
    const history = input.key ? [] : await sessionLines(tx, session.id, CONSOLE_LIMITS.historyShown);
    const result = input.key === "ctrl-d" ? runShell(inv, { user: input.user, now, bootedAt: session.openedAt, history }, "exit") : runShell(inv, { user: input.user, now, bootedAt: session.openedAt, history }, input.line);
    if (result.effect === "exit") {
      await closeConsoleSession(tx, session.id, now);
      await auditClose(tx, ctx, vm, { id: session.id, commandCount: commands }, "exit");
    }
    return decide([], { output: result.output, effect: result.effect ?? null, commands });
  });
}

/** Closes a console (leaving the page, the Close button): audited once with its count; an already closed one stays as it was. */
export async function closeConsole(ctx: TenantContext, input: CloseConsoleInput): Promise<Decision<{ commands: number; alreadyClosed: boolean }>> {
  assertPermission(ctx, "vm:power");
  return transaction(async (tx) => {
    const vm = await lockConsoleVm(tx, ctx, input.vmId);
    const session = await lockConsoleSession(tx, ctx.tenant.id, vm.id, input.sessionId);
    if (!session) throw new NotFoundError("console session", input.sessionId);
    if (session.closedAt) return decide([], { commands: session.commandCount, alreadyClosed: true });
    await closeConsoleSession(tx, session.id);
    await auditClose(tx, ctx, vm, session, "closed");
    return decide([], { commands: session.commandCount, alreadyClosed: false });
  });
}

/**
 * A page of the VM's console history, newest first: what was typed, by whom, when. It names people
 * and what they typed, so it is read with audit:read, like the audit trail.
 */
export async function listConsoleHistory(ctx: TenantContext, vmId: string, page: { after?: After; size: number }) {
  assertPermission(ctx, "audit:read");
  const vm = await getConsoleInventory(ctx.tenant.id, vmId);
  if (!vm) throw new NotFoundError("vm", vmId);
  return listConsoleCommands(ctx.tenant.id, vm.id, page);
}
