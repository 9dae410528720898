// Who is acting and where: one context for every caller (a server action, the REST API, a job).
// No framework here: services take this context whatever the entry point.
import type { Permission } from "@/lib/permissions";

export type Actor =
  /** A person signed in to the console. */
  | { type: "user"; userId: string; email: string; name: string }
  /** A personal access token, acting for its user with at most the user's rights. */
  | { type: "token"; tokenId: string; tokenName: string; userId: string; email: string; permissions: readonly Permission[] }
  /** The platform itself (a job, a delivery, the seed). */
  | { type: "system"; name: string };

export type TenantRef = { id: string; slug: string; name: string; organizationId: string; regionId: string };

export type TenantContext = {
  actor: Actor;
  tenant: TenantRef;
  /** What the actor may do in this tenant, already narrowed for a token. */
  permissions: readonly Permission[];
  isOwner: boolean;
};

/** The person behind an actor (a token acts for its user); null for the system. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "system" ? null : actor.userId;
}

/** How the audit trail and the activities name an actor, readable even once the account is gone. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return actor.email;
    case "token":
      return `${actor.email} (token ${actor.tokenName})`;
    case "system":
      return `system (${actor.name})`;
  }
}

export const AUDIT_ACTOR_TYPE = { user: "USER", token: "TOKEN", system: "SYSTEM" } as const satisfies Record<Actor["type"], string>;
