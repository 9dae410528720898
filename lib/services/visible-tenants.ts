import "server-only";
import { listSearchableMemberships } from "@/lib/db/search";
import { membershipGate } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/context";
import { hasPermission, type Permission } from "@/lib/permissions";

// The tenants a person may open today with a permission, as authorize() would weigh each one
// (membership, account, two-factor, allowed ranges: membershipGate) — one read of their
// memberships instead of one authorize() per tenant. The bell and the capacity table read across
// these; the palette's search applies the same gate.

export type Person = Exclude<Actor, { type: "system" }>;
export type VisibleTenant = { id: string; slug: string; name: string };

export async function visibleTenants(actor: Person, permission: Permission): Promise<VisibleTenant[]> {
  const memberships = await listSearchableMemberships(actor.userId);
  return memberships.filter((m) => membershipGate(actor, m) === null && hasPermission(m.permissions, permission)).map((m) => m.tenant);
}
