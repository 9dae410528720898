import "server-only";
import { db, type Tx } from "./client";
import { afterWhere } from "./keyset";
import type { After } from "@/lib/list-query";
import type { ActorType } from "@/lib/generated/prisma/client";

// The simulated web console's sessions and the commands typed at them (the VM's console history).
// Every function takes the tenant id and puts it in every where: another tenant's is not found.

/** What the console shows of the guest: the VM's inventory (name, image, vCPU, memory, disks, adapters). */
export async function getConsoleInventory(tenantId: string, vmId: string, tx: Tx = db()) {
  return tx.vm.findFirst({
    where: { id: vmId, tenantId },
    select: {
      id: true,
      name: true,
      guestOs: true,
      templateCode: true,
      cpu: true,
      memoryGb: true,
      powerState: true,
      disks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { label: true, sizeGib: true, usedGib: true } },
      nics: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { label: true, type: true, mac: true, connected: true, vlan: { select: { tag: true } } } },
    },
  });
}

export type ConsoleActor = { actorType: ActorType; userId: string | null; actorLabel: string | null };

export function createConsoleSession(tx: Tx, tenantId: string, vmId: string, actor: ConsoleActor) {
  return tx.consoleSession.create({ data: { tenantId, vmId, ...actor }, select: { id: true, openedAt: true } });
}

/** The same person's consoles still open on the VM (a new one closes them). */
export function listOpenConsoleSessions(tx: Tx, tenantId: string, vmId: string, userId: string | null) {
  return tx.consoleSession.findMany({ where: { tenantId, vmId, userId, closedAt: null }, select: { id: true, commandCount: true, openedAt: true } });
}

/** A session of the VM, locked for the rest of the transaction (its count moves with each command). */
export async function lockConsoleSession(tx: Tx, tenantId: string, vmId: string, sessionId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ConsoleSession" WHERE id = ${sessionId} AND "tenantId" = ${tenantId} AND "vmId" = ${vmId} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.consoleSession.findUniqueOrThrow({ where: { id: sessionId }, select: { id: true, userId: true, openedAt: true, closedAt: true, commandCount: true } });
}

export function closeConsoleSession(tx: Tx, sessionId: string, at = new Date()) {
  return tx.consoleSession.update({ where: { id: sessionId }, data: { closedAt: at }, select: { id: true, commandCount: true, openedAt: true, closedAt: true } });
}

/** The session's lines so far, oldest first (the shell's `history`), at most `limit` of the latest. */
export async function sessionLines(tx: Tx, sessionId: string, limit: number): Promise<string[]> {
  const rows = await tx.consoleCommand.findMany({ where: { sessionId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: { line: true } });
  return rows.reverse().map((r) => r.line);
}

/**
 * Records a line and counts it on its session; then drops the VM's oldest lines beyond `keep`
 * (the history is size-limited per VM, so a script typing in a loop cannot fill the database).
 */
export async function recordConsoleCommand(tx: Tx, c: { tenantId: string; vmId: string; sessionId: string; userId: string | null; actorLabel: string | null; line: string }, keep: number) {
  const row = await tx.consoleCommand.create({ data: c, select: { id: true, createdAt: true } });
  await tx.consoleSession.update({ where: { id: c.sessionId }, data: { commandCount: { increment: 1 } } });
  await tx.$executeRaw`
    DELETE FROM "ConsoleCommand" WHERE id IN (
      SELECT id FROM "ConsoleCommand" WHERE "tenantId" = ${c.tenantId} AND "vmId" = ${c.vmId}
       ORDER BY "createdAt" DESC, id DESC OFFSET ${keep})`;
  return row;
}

export type ConsoleCommandRow = { id: string; line: string; actorLabel: string | null; userId: string | null; sessionId: string; createdAt: Date };

/** One page of a VM's console history, newest first, by keyset (after the last row of the previous page). */
export async function listConsoleCommands(tenantId: string, vmId: string, page: { after?: After; size: number }): Promise<{ rows: ConsoleCommandRow[]; next: ConsoleCommandRow | null }> {
  const rows = await db().consoleCommand.findMany({
    where: { tenantId, vmId, ...afterWhere("createdAt", "desc", "desc", page.after) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.size + 1,
    select: { id: true, line: true, actorLabel: true, userId: true, sessionId: true, createdAt: true },
  });
  return { rows: rows.slice(0, page.size), next: rows.length > page.size ? rows[page.size - 1]! : null };
}
