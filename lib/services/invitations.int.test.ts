import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import { memberContext } from "@/test/integration/context";
import { signInAs, signOut } from "@/test/integration/session";
import { NotFoundError, InvalidInputError } from "@/lib/errors";
import type { TenantContext } from "@/lib/auth/context";
import { startMailbox, type ReceivedMail } from "@/test/mailbox";

// The mail server is real (smtp-server on a free port); only where the console finds it is given
// here, since the environment is parsed once per process.
const mailTo = { smtpUrl: "", from: "Console <console@console.test>", baseUrl: "https://console.test" };
vi.mock("@/lib/services/invitation-mail", async (orig) => ({
  ...(await orig<typeof import("@/lib/services/invitation-mail")>()),
  invitationMailConfig: () => (mailTo.smtpUrl ? mailTo : null),
  consoleBaseUrl: () => mailTo.baseUrl,
}));

const { acceptInvitation, createInvitation, describeInvitationLink, listInvitations, resendInvitation, revokeInvitation } = await import("./invitations");
const { acceptInvitationAction } = await import("@/lib/actions/account/accept-invitation");
const { createInvitationAction } = await import("@/lib/actions/iam/create-invitation");

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let received: ReceivedMail[] = [];
const s = { admin: null as unknown as TenantContext, other: null as unknown as TenantContext, tenantId: "" };

/** The token of the last link mailed to `email`. */
function lastLink(email: string): string {
  const mail = received.filter((m) => m.to.includes(email)).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  const m = mail.raw.replace(/=\r?\n/g, "").match(/https:\/\/console\.test\/invitations\/([A-Za-z0-9_-]+)/);
  return m![1]!;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  received = mailbox.received;
  mailTo.smtpUrl = mailbox.url;
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id, name: "Invite Prod" });
  const other = await createTenant(db(), { organizationId: org.id });
  s.tenantId = t.id;
  s.admin = await memberContext(t.id, ["iam:read", "iam:write"]);
  s.other = await memberContext(other.id, ["iam:read", "iam:write"]);
});
afterAll(() => mailbox.close());

describe("invitations by an e-mail link", () => {
  it("mails a single-use link (only its hash stored); opening it sets a password and makes a member with exactly the permissions granted", async () => {
    const r = await createInvitation(s.admin, { email: "new.person@example.test", permissions: ["compute:read", "vm:power"] });
    expect(r).toMatchObject({ ok: true, value: { email: "new.person@example.test", mailed: true } });
    expect(r.ok && r.value.link).toBeUndefined();
    const token = lastLink("new.person@example.test");
    const row = await db().invitation.findFirstOrThrow({ where: { tenantId: s.tenantId, email: "new.person@example.test" } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    // 72 hours from now
    expect(Math.round((row.expiresAt.getTime() - Date.now()) / 3_600_000)).toBe(72);

    expect(await describeInvitationLink(token)).toMatchObject({ found: true, tenantName: "Invite Prod", accountExists: false, refusal: { ok: true } });
    signOut();
    const accepted = await acceptInvitationAction(null, { token, name: "New Person", password: "a-long-password-1" });
    expect(accepted).toMatchObject({ ok: true, data: { created: true } });
    const user = await db().user.findUniqueOrThrow({ where: { email: "new.person@example.test" } });
    expect(await bcrypt.compare("a-long-password-1", user.passwordHash!)).toBe(true);
    const authz = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: s.tenantId });
    expect(authz.ok && [...authz.ctx.permissions].sort()).toEqual(["compute:read", "vm:power"]);
    expect(await db().auditEvent.findFirst({ where: { tenantId: s.tenantId, action: "iam.invitation_accept" }, select: { actorId: true } })).toEqual({ actorId: user.id });

    // Single use: the same link again says it was used, and nothing changes.
    expect(await acceptInvitation(null, { token, password: "another-password-2" })).toMatchObject({ ok: false, violations: [{ code: "INVITE.USED" }] });
    expect((await listInvitations(s.admin)).find((i) => i.email === "new.person@example.test")?.state).toBe("accepted");
  });

  it("an expired link is refused (INVITE.EXPIRED) with its remedy; sending it again makes a new link and the old one opens nothing", async () => {
    const created = await createInvitation(s.admin, { email: "late@example.test", permissions: ["compute:read"] });
    const old = lastLink("late@example.test");
    await db().invitation.update({ where: { id: created.ok ? created.value.invitationId : "" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await acceptInvitation(null, { token: old, password: "a-long-password-1" });
    expect(refused).toMatchObject({ ok: false, violations: [{ code: "INVITE.EXPIRED", limit: 72 }] });
    expect(!refused.ok && refused.violations[0]!.message.en).toContain("Ask an administrator to send it again");
    expect(await db().user.findUnique({ where: { email: "late@example.test" } })).toBeNull();
    expect((await listInvitations(s.admin)).find((i) => i.email === "late@example.test")?.state).toBe("expired");

    expect(await resendInvitation(s.admin, { invitationId: created.ok ? created.value.invitationId : "" })).toMatchObject({ ok: true, value: { mailed: true } });
    const fresh = lastLink("late@example.test");
    expect(fresh).not.toBe(old);
    expect(await describeInvitationLink(old)).toEqual({ found: false });
    expect(await acceptInvitation(null, { token: fresh, password: "a-long-password-1" })).toMatchObject({ ok: true });
  });

  it("a revoked invitation's link says so (INVITE.REVOKED); an accepted one cannot be revoked or resent (INVITE.USED)", async () => {
    const created = await createInvitation(s.admin, { email: "revoked@example.test", permissions: [] });
    const id = created.ok ? created.value.invitationId : "";
    const token = lastLink("revoked@example.test");
    expect(await revokeInvitation(s.admin, { invitationId: id })).toMatchObject({ ok: true });
    expect(await acceptInvitation(null, { token, password: "a-long-password-1" })).toMatchObject({ ok: false, violations: [{ code: "INVITE.REVOKED" }] });
    expect(await resendInvitation(s.admin, { invitationId: id })).toMatchObject({ ok: false, violations: [{ code: "INVITE.REVOKED" }] });
    const used = (await listInvitations(s.admin)).find((i) => i.state === "accepted")!;
    expect(await revokeInvitation(s.admin, { invitationId: used.id })).toMatchObject({ ok: false, violations: [{ code: "INVITE.USED" }] });
    expect(await resendInvitation(s.admin, { invitationId: used.id })).toMatchObject({ ok: false, violations: [{ code: "INVITE.USED" }] });
  });

  it("an existing account joins only when signed in as it: the link alone never opens someone's account", async () => {
    const existing = await createUser(db(), { email: "already@example.test", cost: 4 });
    await createInvitation(s.admin, { email: "already@example.test", permissions: ["storage:read"] });
    const token = lastLink("already@example.test");
    await expect(acceptInvitation(null, { token, password: "a-long-password-1" })).rejects.toBeInstanceOf(InvalidInputError);
    const stranger = await createUser(db(), { cost: 4 });
    await expect(acceptInvitation(stranger, { token })).rejects.toBeInstanceOf(InvalidInputError);
    signInAs(existing);
    expect(await acceptInvitationAction(null, { token })).toMatchObject({ ok: true, data: { created: false } });
    expect(await db().membership.findFirst({ where: { userId: existing.id, tenantId: s.tenantId }, select: { permissions: true } })).toEqual({ permissions: ["storage:read"] });
    signOut();
  });

  it("refuses to invite a member; a second invitation of the same e-mail replaces the first; another tenant's invitation is not found", async () => {
    const member = await db().membership.findFirstOrThrow({ where: { tenantId: s.tenantId }, select: { user: { select: { email: true } } } });
    await expect(createInvitation(s.admin, { email: member.user.email, permissions: [] })).rejects.toBeInstanceOf(InvalidInputError);
    await createInvitation(s.admin, { email: "twice@example.test", permissions: [] });
    const first = lastLink("twice@example.test");
    await createInvitation(s.admin, { email: "twice@example.test", permissions: ["compute:read"] });
    expect(await acceptInvitation(null, { token: first, password: "a-long-password-1" })).toMatchObject({ ok: false, violations: [{ code: "INVITE.REVOKED" }] });
    const theirs = (await listInvitations(s.admin))[0]!;
    await expect(revokeInvitation(s.other, { invitationId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendInvitation(s.other, { invitationId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an unknown token is not found; without a mail server the inviter gets the link to hand over", async () => {
    await expect(acceptInvitation(null, { token: "x".repeat(43), password: "a-long-password-1" })).rejects.toBeInstanceOf(NotFoundError);
    const url = mailTo.smtpUrl;
    mailTo.smtpUrl = "";
    try {
      const r = await createInvitation(s.admin, { email: "nomail@example.test", permissions: [] });
      expect(r).toMatchObject({ ok: true, value: { mailed: false, link: expect.stringMatching(/^https:\/\/console\.test\/invitations\/[A-Za-z0-9_-]{43}$/) } });
    } finally {
      mailTo.smtpUrl = url;
    }
  });

  it("the console's invite action needs iam:write", async () => {
    const reader = await memberContext(s.tenantId, ["iam:read"]);
    if (reader.actor.type !== "user") throw new Error("user expected");
    signInAs({ id: reader.actor.userId, email: reader.actor.email, name: reader.actor.name });
    expect(await createInvitationAction(s.tenantId, null, { email: "x@example.test", permissions: [] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signOut();
  });
});
