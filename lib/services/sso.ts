import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import * as oidc from "openid-client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { msg, type Decision } from "@/lib/domain/result";
import { checkSsoAccount, checkSsoIdentity, emailDomain, normalizeDomains } from "@/lib/domain/sso";
import { InvalidInputError } from "@/lib/errors";
import { actorLabel, actorUserId, AUDIT_ACTOR_TYPE } from "@/lib/auth/context";
import { openSecret, sealSecret } from "@/lib/security/secret-box";
import type { SetSsoInput } from "@/lib/validation/sso";
import { assertOrganizationRole, type OrganizationContext } from "./context";

// Single sign-on through OpenID Connect, per organization: openid-client drives the authorization
// code flow with PKCE, state and nonce; the pending flow lives in a sealed, short-lived cookie (no
// table); the ID token is validated by openid-client (issuer, audience, signature, expiry, nonce).
// The console then signs the person in as next-auth's credentials sign-in does (same session
// cookie, same session version), so sign-out, disabling and the tenant gates apply unchanged.

const SECRET_PURPOSE = "sso-client-secret";
const PENDING_PURPOSE = "sso-pending";
/** A sign-in at the provider must come back within 10 minutes. */
export const SSO_PENDING_SECONDS = 600;

/** Tests run a provider on http://127.0.0.1; anything else must be https. */
const insecureOk = (issuer: string) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(issuer) && process.env.NODE_ENV !== "production";

// ───────────────────────── the owner's settings ─────────────────────────

export type SsoSettingsView = { issuer: string; clientId: string; domains: string[]; passwordAllowed: boolean; hasSecret: true; updatedAt: Date } | null;

/** The organization's settings, without the secret (never shown back). */
export async function getSsoSettings(org: OrganizationContext): Promise<SsoSettingsView> {
  assertOrganizationRole(org, "OWNER");
  const s = await db().organizationSso.findUnique({ where: { organizationId: org.organization.id }, select: { issuer: true, clientId: true, domains: true, passwordAllowed: true, updatedAt: true } });
  return s ? { ...s, hasSecret: true } : null;
}

/** Saves the provider; an empty secret keeps the stored one. A domain another organization covers is refused. */
export async function setSso(org: OrganizationContext, input: SetSsoInput): Promise<Decision<{ organizationId: string }>> {
  assertOrganizationRole(org, "OWNER");
  const domains = normalizeDomains(input.domains);
  return db().$transaction(async (tx) => {
    const taken = await tx.organizationSso.findFirst({ where: { organizationId: { not: org.organization.id }, domains: { hasSome: domains } }, select: { domains: true } });
    if (taken) {
      const d = domains.find((x) => taken.domains.includes(x))!;
      throw new InvalidInputError({ domains: msg(() => `${d} is already covered by another organization's single sign-on.`, () => `${d} est déjà couvert par l’authentification unique d’une autre organisation.`) });
    }
    const before = await tx.organizationSso.findUnique({ where: { organizationId: org.organization.id }, select: { clientSecretSealed: true } });
    if (!before && !input.clientSecret) throw new InvalidInputError({ clientSecret: msg(() => "The client secret is required the first time.", () => "Le secret client est requis la première fois.") });
    const clientSecretSealed = input.clientSecret ? sealSecret(SECRET_PURPOSE, input.clientSecret) : before!.clientSecretSealed;
    const data = { issuer: input.issuer.replace(/\/$/, ""), clientId: input.clientId, clientSecretSealed, domains, passwordAllowed: input.passwordAllowed };
    await tx.organizationSso.upsert({ where: { organizationId: org.organization.id }, create: { organizationId: org.organization.id, ...data }, update: data });
    await recordAudit(
      { organizationId: org.organization.id, tenantId: null, actorType: AUDIT_ACTOR_TYPE[org.actor.type], actorId: actorUserId(org.actor), actorLabel: actorLabel(org.actor), action: "iam.sso_set", targetType: "organization", targetId: org.organization.id, targetName: org.organization.name, details: { issuer: data.issuer, clientId: data.clientId, domains, passwordAllowed: input.passwordAllowed, secretChanged: !!input.clientSecret } },
      tx,
    );
    return { ok: true, value: { organizationId: org.organization.id }, warnings: [] };
  });
}

// ───────────────────────── sign-in ─────────────────────────

type SsoRow = { organizationId: string; issuer: string; clientId: string; clientSecretSealed: string; domains: string[]; passwordAllowed: boolean; organization: { name: string } };

/** The organization whose single sign-on covers an e-mail's domain, if any (the sign-in page asks). */
export async function ssoForEmail(email: string): Promise<{ organizationId: string; organizationName: string; passwordAllowed: boolean } | null> {
  const d = emailDomain(email);
  if (!d) return null;
  const s = await db().organizationSso.findFirst({ where: { domains: { has: d } }, select: { organizationId: true, passwordAllowed: true, organization: { select: { name: true } } } });
  return s ? { organizationId: s.organizationId, organizationName: s.organization.name, passwordAllowed: s.passwordAllowed } : null;
}

async function clientConfig(s: SsoRow): Promise<oidc.Configuration> {
  const secret = openSecret(SECRET_PURPOSE, s.clientSecretSealed);
  return oidc.discovery(new URL(s.issuer), s.clientId, secret, oidc.ClientSecretBasic(secret), insecureOk(`${s.issuer}/`) ? { execute: [oidc.allowInsecureRequests] } : undefined);
}

type Pending = { o: string; s: string; n: string; v: string; e: string; x: number };

/**
 * Starts a sign-in for an e-mail: the organization covering its domain, the provider's
 * authorization URL (PKCE S256, state, nonce, login_hint), and the sealed pending flow to keep in a
 * cookie until the callback.
 */
export async function beginSsoSignIn(email: string, redirectUri: string, now = new Date()): Promise<{ url: string; pending: string } | null> {
  const d = emailDomain(email);
  const s = d ? await db().organizationSso.findFirst({ where: { domains: { has: d } }, include: { organization: { select: { name: true } } } }) : null;
  if (!s) return null;
  const config = await clientConfig(s);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: "openid email profile", code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state, nonce, login_hint: email });
  const pending: Pending = { o: s.organizationId, s: state, n: nonce, v: verifier, e: email, x: now.getTime() + SSO_PENDING_SECONDS * 1000 };
  return { url: url.href, pending: sealSecret(PENDING_PURPOSE, JSON.stringify(pending)) };
}

export type SsoSignedIn = { id: string; email: string; name: string; sessionVersion: number };

const refused = (en: string, fr: string): Decision<never> => ({ ok: false, violations: [{ code: "INPUT.INVALID", severity: "refuse", message: { en, fr } }] });

/**
 * Completes a sign-in at the callback: the code is exchanged (PKCE verifier), the ID token checked
 * (signature, issuer, audience, expiry, nonce) and the state compared, all by openid-client; then the
 * identity must be verified and in a covered domain, and have an account or an invitation. A first
 * sign-on of an invited address creates the account (no usable password) and accepts its
 * invitations in the organization. Audited as a sign-in with factor "sso".
 */
export async function completeSsoSignIn(sealedPending: string | undefined, callbackUrl: URL, now = new Date()): Promise<Decision<SsoSignedIn>> {
  let pending: Pending;
  try {
    pending = JSON.parse(openSecret(PENDING_PURPOSE, sealedPending ?? "")) as Pending;
  } catch {
    return refused("The single sign-on attempt was not started here or has ended: sign in again.", "La tentative d’authentification unique n’a pas commencé ici ou a pris fin : reconnectez-vous.");
  }
  if (pending.x < now.getTime()) return refused(`The single sign-on took longer than ${SSO_PENDING_SECONDS / 60} minutes: sign in again.`, `L’authentification unique a duré plus de ${SSO_PENDING_SECONDS / 60} minutes : reconnectez-vous.`);
  const s = await db().organizationSso.findUnique({ where: { organizationId: pending.o }, include: { organization: { select: { name: true } } } });
  if (!s) return refused("This organization no longer uses single sign-on: sign in with your password.", "Cette organisation n’utilise plus l’authentification unique : connectez-vous avec votre mot de passe.");
  let claims: oidc.IDToken & { email?: unknown; email_verified?: unknown; name?: unknown };
  try {
    const config = await clientConfig(s);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.v, expectedState: pending.s, expectedNonce: pending.n, idTokenExpected: true });
    claims = tokens.claims()!;
    // Many providers put the e-mail in the UserInfo answer only (a conforming ID token carries only
    // what was asked for by claims): read it there, for the ID token's own subject.
    if (typeof claims.email !== "string") {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified, name: claims.name ?? info.name };
    }
  } catch (e) {
    console.error("[sso]", e instanceof Error ? `${e.name}: ${e.message}` : e);
    return refused(`${s.organization.name}'s identity provider did not complete the sign-in (state, nonce or token refused): sign in again.`, `Le fournisseur d’identité de ${s.organization.name} n’a pas abouti (state, nonce ou jeton refusé) : reconnectez-vous.`);
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const identity = checkSsoIdentity({ organizationName: s.organization.name, domains: s.domains, email, emailVerified: claims.email_verified === true });
  if (!identity.ok) return identity as Decision<never>;

  const existing = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, sessionVersion: true, disabledAt: true, totpEnabledAt: true } });
  const invitations = await db().invitation.findMany({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, tenant: { organizationId: s.organizationId } }, select: { id: true, tenantId: true, permissions: true } });
  const account = checkSsoAccount({ organizationName: s.organization.name, email, hasAccount: !!existing, invited: invitations.length > 0, totpEnabled: !!existing?.totpEnabledAt, amr: claims.amr });
  if (!account.ok) {
    if (existing) await recordAudit({ organizationId: s.organizationId, actorType: "USER", actorId: existing.id, actorLabel: existing.email, action: "auth.sign_in_failed", outcome: "DENIED", details: { factor: "sso", code: account.violations[0]!.code } });
    return account as Decision<never>;
  }
  if (existing?.disabledAt) return refused("This account is disabled.", "Ce compte est désactivé.");

  const user = await db().$transaction(async (tx) => {
    const u =
      existing ??
      (await tx.user.create({
        // No password: this account signs in through its provider (a random hash nobody knows).
        data: { email, name: typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : email.split("@")[0]!, passwordHash: await bcrypt.hash(randomBytes(32).toString("base64url"), 10) },
        select: { id: true, email: true, name: true, sessionVersion: true, disabledAt: true, totpEnabledAt: true },
      }));
    for (const inv of invitations) {
      await tx.membership.upsert({ where: { userId_tenantId: { userId: u.id, tenantId: inv.tenantId } }, create: { userId: u.id, tenantId: inv.tenantId, permissions: inv.permissions }, update: {} });
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: now, acceptedById: u.id } });
      await recordAudit({ organizationId: s.organizationId, tenantId: inv.tenantId, actorType: "USER", actorId: u.id, actorLabel: email, action: "iam.invitation_accept", targetType: "invitation", targetId: inv.id, targetName: email, details: { permissions: inv.permissions, newAccount: !existing, via: "sso" } }, tx);
    }
    return u;
  });
  // Audited under the organization whose provider vouched for the person.
  await recordAudit({ organizationId: s.organizationId, actorType: "USER", actorId: user.id, actorLabel: user.email, action: "auth.sign_in", outcome: "SUCCEEDED", details: { factor: "sso", issuer: s.issuer, ...(Array.isArray(claims.amr) ? { amr: claims.amr as string[] } : {}) } });
  return { ok: true, value: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }, warnings: [] };
}
