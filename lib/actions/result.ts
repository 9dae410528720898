// What every server action answers. A rule's refusal carries the domain's violations (code,
// sentence, limit, actual); an accepted change carries the warnings it was accepted with.
import type { ViolationView } from "@/lib/decision-view";

export type ActionFailureCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "INVALID" | "REFUSED" | "CONFLICT" | "UNAVAILABLE" | "INTERNAL";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; warnings: ViolationView[] }
  | { ok: false; code: ActionFailureCode; formError: string; fieldErrors?: Record<string, string[]>; violations?: ViolationView[] };
