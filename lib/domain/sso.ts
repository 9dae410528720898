// Single sign-on through OpenID Connect for an organization: which e-mails its provider covers, and
// whether an identity it asserts may sign in. Pure; the flow itself (openid-client) is the service's.
import { decide, msg, violation, type Decision } from "./result";

/** The part after the last "@", lower-cased; "" when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).trim().toLowerCase();
}

/** Domains as an owner types them ("Example.com, @corp.example"): lower-cased, without "@", unique. */
export function normalizeDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
}

/** Whether the provider covers an e-mail: its domain is one of the configured ones exactly (no sub-domains). */
export function coversEmail(domains: readonly string[], email: string): boolean {
  const d = emailDomain(email);
  return d !== "" && normalizeDomains(domains).includes(d);
}

/**
 * Whether an identity asserted by the organization's provider may sign in: the provider must say
 * the e-mail is verified (SSO.EMAIL_NOT_VERIFIED), and its domain must be one the organization
 * configured (SSO.DOMAIN_NOT_COVERED) — a provider is trusted for its own domains, never to vouch
 * for an address elsewhere.
 */
export function checkSsoIdentity(input: { organizationName: string; domains: readonly string[]; email: string; emailVerified: boolean }): Decision<undefined> {
  if (!input.emailVerified) {
    return decide(
      [violation("SSO.EMAIL_NOT_VERIFIED", msg(() => `SSO.EMAIL_NOT_VERIFIED: ${input.organizationName}'s identity provider did not assert that ${input.email || "the e-mail"} is verified. Verify it at the provider, then sign in again.`, () => `SSO.EMAIL_NOT_VERIFIED : le fournisseur d’identité de ${input.organizationName} n’atteste pas que ${input.email || "l’e-mail"} est vérifié. Vérifiez-le chez le fournisseur, puis reconnectez-vous.`))],
      undefined,
    );
  }
  if (!coversEmail(input.domains, input.email)) {
    const list = normalizeDomains(input.domains).join(", ");
    return decide(
      [violation("SSO.DOMAIN_NOT_COVERED", msg(() => `SSO.DOMAIN_NOT_COVERED: ${input.email} is outside the domains ${input.organizationName}'s single sign-on covers (${list}). Sign in with the password of that account, or ask an owner of ${input.organizationName} to add its domain.`, () => `SSO.DOMAIN_NOT_COVERED : ${input.email} est hors des domaines couverts par l’authentification unique de ${input.organizationName} (${list}). Connectez-vous avec le mot de passe de ce compte, ou demandez à un propriétaire de ${input.organizationName} d’ajouter son domaine.`))],
      undefined,
    );
  }
  return decide([], undefined);
}

/** Authentication methods (ID token `amr`, RFC 8176) that are a second factor by themselves. */
const SECOND_FACTOR_AMR = ["mfa", "otp", "hwk", "swk", "sms", "fpt", "face"];

/** Whether the provider asserts the person proved a second factor. */
export function assertsSecondFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((m) => typeof m === "string" && SECOND_FACTOR_AMR.includes(m));
}

/**
 * Whether the asserted person has an account to sign in to: an existing one (linked by its verified
 * e-mail) or an invitation to one of the organization's tenants (SSO.NOT_INVITED: no self-sign-up);
 * and, for an account with two-factor on, a second factor asserted by the provider (SSO.SECOND_FACTOR):
 * single sign-on never skips the console's own second factor.
 */
export function checkSsoAccount(input: { organizationName: string; email: string; hasAccount: boolean; invited: boolean; totpEnabled: boolean; amr: unknown }): Decision<undefined> {
  if (!input.hasAccount && !input.invited) {
    return decide([violation("SSO.NOT_INVITED", msg(() => `SSO.NOT_INVITED: ${input.email} has no account in ${input.organizationName} and no invitation to it. Ask an administrator of a tenant to invite this address.`, () => `SSO.NOT_INVITED : ${input.email} n’a ni compte dans ${input.organizationName} ni invitation. Demandez à un administrateur d’un tenant d’inviter cette adresse.`))], undefined);
  }
  if (input.hasAccount && input.totpEnabled && !assertsSecondFactor(input.amr)) {
    return decide([violation("SSO.SECOND_FACTOR", msg(() => `SSO.SECOND_FACTOR: ${input.email} has two-factor authentication on, and ${input.organizationName}'s identity provider did not assert a second factor (amr). Sign in with the password and a code, or turn on multi-factor at the provider.`, () => `SSO.SECOND_FACTOR : ${input.email} a l’authentification à deux facteurs activée, et le fournisseur d’identité de ${input.organizationName} n’atteste aucun second facteur (amr). Connectez-vous avec le mot de passe et un code, ou activez le multi-facteur chez le fournisseur.`))], undefined);
  }
  return decide([], undefined);
}
