import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { isActivityType } from "@/lib/activity-types";
import type { LocalizedText } from "@/lib/domain/result";
import { InfraFault, planFor, simulatedDriver, type InfraDriver } from "@/lib/infra/driver";
import { ActivityRefused } from "@/lib/errors";
import type { ActivityRecord } from "./handlers/handler";
import { ACTIVITY_HANDLERS } from "./handlers";
import { notifyActivity, notifyActivityNow } from "@/lib/db/live";

/** A running activity writes a heartbeat between steps; one silent this long was interrupted. */
export const STALE_SECONDS = 15;
/** An activity interrupted this many times is failed rather than tried again. */
export const MAX_ATTEMPTS = 3;

/** handed_back: a graceful stop interrupted it; it waits again, its attempt not spent. */
export type RunOutcome = "completed" | "failed" | "skipped" | "handed_back";

type Claimed = ActivityRecord & { attempts: number };

/**
 * Takes an activity for this worker: a waiting one, or a running one whose worker stopped
 * (its heartbeat is stale: the process died). One UPDATE decides, so two workers never run it.
 */
async function claim(id: string): Promise<Claimed | null> {
  const rows = await db().$queryRaw<Claimed[]>`
    UPDATE "Activity"
       SET state = 'RUNNING', "startedAt" = COALESCE("startedAt", now()), "heartbeatAt" = now(), attempts = attempts + 1
     WHERE id = ${id}
       AND (state = 'WAITING' OR (state = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${STALE_SECONDS})))
     RETURNING id, "tenantId", type, payload, "resourceType", "resourceId", attempts`;
  return rows[0] ?? null;
}

async function fail(a: ActivityRecord, failure: { code: string; message: LocalizedText }): Promise<void> {
  const handler = isActivityType(a.type) ? ACTIVITY_HANDLERS[a.type] : null;
  await db().$transaction(async (tx) => {
    if (handler) await handler.revert(tx, a);
    await tx.activity.update({
      where: { id: a.id },
      data: { state: "FAILED", failureReason: failure.message.en, failure: failure as unknown as Prisma.InputJsonValue, completedAt: new Date(), heartbeatAt: null },
    });
    await notifyActivity(tx, a.id);
  });
}

/**
 * A graceful stop (a deploy, Ctrl-C) gives the activity back: waiting again at once, not after the
 * heartbeat's 15 s, and without spending one of its attempts (only a crash counts). Any worker's
 * sweep queues it; its plan starts again, as every step is idempotent.
 */
async function handBack(id: string): Promise<void> {
  await db().$executeRaw`UPDATE "Activity" SET state = 'WAITING', attempts = GREATEST(attempts - 1, 0), "heartbeatAt" = NULL WHERE id = ${id} AND state = 'RUNNING'`;
  await notifyActivityNow(id);
}

const isAbort = (e: unknown) => e instanceof Error && e.name === "AbortError";

/**
 * Runs one activity to its end: each step of its plan on the (simulated) infrastructure with
 * progress and a heartbeat, then the handler's completion in one transaction; on a failed step
 * the handler puts the inventory back and the activity fails with the step's name. Resumable:
 * an interrupted activity starts its plan again (the steps are idempotent). `stopping` aborted
 * hands it back between two steps or in the middle of one.
 */
export async function runActivity(id: string, driver: InfraDriver = simulatedDriver, stopping?: AbortSignal): Promise<RunOutcome> {
  if (stopping?.aborted) return "skipped";
  const a = await claim(id);
  if (!a) return "skipped";
  if (!isActivityType(a.type)) {
    await fail(a, { code: "UNKNOWN_TYPE", message: { en: `No handler runs activities of type ${a.type}.`, fr: `Aucun gestionnaire n’exécute les activités de type ${a.type}.` } });
    return "failed";
  }
  if (a.attempts > MAX_ATTEMPTS) {
    await fail(a, {
      code: "INTERRUPTED",
      message: {
        en: `Interrupted ${a.attempts - 1} times by a restart of the console; nothing was changed. Start it again.`,
        fr: `Interrompue ${a.attempts - 1} fois par un redémarrage de la console ; rien n’a été modifié. Relancez-la.`,
      },
    });
    return "failed";
  }
  const plan = planFor(a.type, a.payload);
  try {
    for (const [i, step] of plan.entries()) {
      if (stopping?.aborted) {
        await handBack(id);
        return "handed_back";
      }
      // One statement: the step, the heartbeat, and the step's start appended to the activity's log (its page shows the times).
      const at = new Date();
      await db().$executeRaw`UPDATE "Activity" SET step = ${step.key}, progress = ${Math.floor((i / plan.length) * 100)}, "heartbeatAt" = ${at},
        "stepLog" = "stepLog" || jsonb_build_array(jsonb_build_object('key', ${step.key}::text, 'at', ${at.toISOString()}::text)) WHERE id = ${id}`;
      // Open tabs follow the progress (lib/domain/live.ts): the step has committed.
      await notifyActivityNow(id);
      await driver.run(a.type, step, stopping);
    }
    await db().$transaction(async (tx) => {
      const result = await ACTIVITY_HANDLERS[a.type].complete(tx, a);
      await tx.activity.update({
        where: { id },
        data: { state: "COMPLETED", progress: 100, step: null, completedAt: new Date(), heartbeatAt: null, resultId: (result && result.resultId) || a.resourceId },
      });
      await notifyActivity(tx, id);
    });
    return "completed";
  } catch (e) {
    if (stopping?.aborted && isAbort(e)) {
      await handBack(id);
      return "handed_back";
    }
    if (e instanceof InfraFault) {
      await fail(a, {
        code: "INFRA_FAULT",
        message: {
          en: `The step “${e.step.label.en}” failed on the infrastructure; nothing was changed. Try again; if it fails again, open an incident ticket.`,
          fr: `L’étape « ${e.step.label.fr} » a échoué sur l’infrastructure ; rien n’a été modifié. Réessayez ; si elle échoue encore, ouvrez un ticket d’incident.`,
        },
      });
    } else if (e instanceof ActivityRefused) {
      await fail(a, e.failure);
    } else {
      const ref = randomUUID().slice(0, 8);
      console.error(`[activity ${id} error ${ref}]`, e);
      await fail(a, {
        code: "INTERNAL",
        message: { en: `Something went wrong on our side (error ${ref}); nothing was changed. Try again or quote this id to support.`, fr: `Une erreur est survenue de notre côté (erreur ${ref}) ; rien n’a été modifié. Réessayez ou citez cet identifiant au support.` },
      });
    }
    return "failed";
  }
}

/**
 * What a restart leaves behind: running activities whose worker died (stale heartbeat), to be
 * resumed, and waiting ones that were never queued, to be queued. The claim makes both safe
 * when several workers sweep at once.
 */
export async function findOrphanActivities(): Promise<{ stale: string[]; unqueued: string[] }> {
  const rows = await db().$queryRaw<{ id: string; state: string }[]>`
    SELECT id, state::text AS state FROM "Activity"
     WHERE (state = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${STALE_SECONDS}))
        OR (state = 'WAITING' AND "createdAt" < now() - interval '5 seconds')
     ORDER BY "createdAt" LIMIT 500`;
  return { stale: rows.filter((r) => r.state === "RUNNING").map((r) => r.id), unqueued: rows.filter((r) => r.state === "WAITING").map((r) => r.id) };
}
