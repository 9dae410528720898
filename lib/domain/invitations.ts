// Invitations by an e-mail link: whether a link still opens, as a pure function of its marks and a clock.
import { INVITATION_SETTINGS } from "./catalogue";
import { decide, msg, violation, type Decision } from "./result";

export type InvitationState = "pending" | "accepted" | "expired" | "revoked";

export type InvitationMarks = { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

/** What the IAM page shows: accepted and revoked are final; pending until the expiry, then expired. */
export function invitationState(i: InvitationMarks, now: Date): InvitationState {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

/** When a link made at `now` stops opening. */
export function invitationExpiry(now: Date, hours: number = INVITATION_SETTINGS.validHours): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

/** Whether an invitation's link may be accepted at `now` (INVITE.USED, INVITE.REVOKED, INVITE.EXPIRED), each with its remedy. */
export function checkInvitationOpen(i: InvitationMarks & { tenantName: string }, now: Date): Decision<undefined> {
  const state = invitationState(i, now);
  const hours = INVITATION_SETTINGS.validHours;
  if (state === "accepted") {
    return decide([violation("INVITE.USED", msg(() => `INVITE.USED: this invitation to ${i.tenantName} was already accepted; a link works once. Sign in instead, or ask an administrator for a new invitation.`, () => `INVITE.USED : cette invitation à ${i.tenantName} a déjà été acceptée ; un lien ne sert qu’une fois. Connectez-vous, ou demandez une nouvelle invitation à un administrateur.`))], undefined);
  }
  if (state === "revoked") {
    return decide([violation("INVITE.REVOKED", msg(() => `INVITE.REVOKED: this invitation to ${i.tenantName} was revoked by an administrator. Ask them for a new one if it was a mistake.`, () => `INVITE.REVOKED : cette invitation à ${i.tenantName} a été révoquée par un administrateur. Demandez-en une nouvelle si c’était une erreur.`))], undefined);
  }
  if (state === "expired") {
    return decide(
      [violation("INVITE.EXPIRED", msg(() => `INVITE.EXPIRED: this invitation to ${i.tenantName} expired (a link is valid ${hours} hours). Ask an administrator to send it again.`, () => `INVITE.EXPIRED : cette invitation à ${i.tenantName} a expiré (un lien est valable ${hours} heures). Demandez à un administrateur de la renvoyer.`), { limit: hours })],
      undefined,
    );
  }
  return decide([], undefined);
}
