// What lib/db and lib/services throw when there is no decision to return: the resource is not there (or is
// another tenant's: the same answer), the actor lacks a permission, or the resource is busy.
// Every entry point maps these the same way (lib/actions/result.ts, lib/api): a rule's refusal
// is never thrown, it is returned as the domain's Decision.
import type { LocalizedText } from "@/lib/domain/result";
import type { Permission } from "@/lib/permissions";

export class NotFoundError extends Error {
  constructor(readonly resource: string, readonly id?: string) {
    super(`${resource} ${id ?? ""} not found`);
    this.name = "NotFoundError";
  }
}

/** A tenant permission, or a role in the organization (reviewing needs its owner). */
export type Requirement = Permission | `organization:${"OWNER" | "OPERATOR" | "MEMBER"}`;

export class ForbiddenError extends Error {
  constructor(readonly permission: Requirement) {
    super(`missing permission ${permission}`);
    this.name = "ForbiddenError";
  }
}

/** The resource exists and may be changed, but not now (an activity is already changing it). */
export class ConflictError extends Error {
  constructor(readonly text: LocalizedText, readonly code = "CONFLICT") {
    super(text.en);
    this.name = "ConflictError";
  }
}

/**
 * Input that passed its schema but not the inventory (a datastore of another AZ, a name already
 * taken): said next to the field, like a schema's own error.
 */
export class InvalidInputError extends Error {
  constructor(readonly fields: Record<string, LocalizedText>) {
    super(Object.values(fields)[0]?.en ?? "invalid input");
    this.name = "InvalidInputError";
  }
}

/**
 * Thrown by an activity's `complete` when the rules, checked again at the end of the activity,
 * now say no (an order's delivery: the inventory changed since the approval). The runner fails
 * the activity with this code and sentence and lets the handler's `revert` put everything back.
 */
export class ActivityRefused extends Error {
  constructor(readonly failure: { code: string; message: LocalizedText }) {
    super(failure.message.en);
    this.name = "ActivityRefused";
  }
}
