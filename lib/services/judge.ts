import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Decision } from "@/lib/domain/result";

// Judging a change before it is confirmed (a dialog's verdict as the form is filled, the API's
// `dryRun=true`): the use case's own service runs as it would, up to change(), which takes the
// decision inside its transaction and rolls it back, so nothing is written (no reservation, no
// activity, no audit row). The verdict is therefore the very one the service would reach now.

const judging = new AsyncLocalStorage<true>();

/** What change() throws, once decided, when the call is only judged: unwinds the service there. */
export class Judged extends Error {
  constructor(readonly decision: Decision<undefined>) {
    super("judged, rolled back");
  }
}

/** The answer to `dryRun` on a use case that is not judged (an immediate change, a bulk one, a preview). */
export const NOT_JUDGED = {
  en: "This change cannot be checked in advance: submit it to get the decision.",
  fr: "Ce changement ne peut pas être vérifié à l’avance : soumettez-le pour obtenir la décision.",
};

export const isJudging = (): boolean => judging.getStore() === true;

/**
 * Runs `service` in judging mode and answers its decision with nothing written. A service that
 * refuses before reaching change() (bad input, a rule checked first) answers its refusal as is;
 * one that accepted without going through change() would have written: that is a programming error.
 */
export async function judge(service: () => Promise<Decision<unknown>>): Promise<Decision<undefined>> {
  try {
    const d = await judging.run(true, service);
    if (d.ok) throw new Error("a judged service accepted without deciding through change()");
    return d;
  } catch (e) {
    if (e instanceof Judged) return e.decision;
    throw e;
  }
}
