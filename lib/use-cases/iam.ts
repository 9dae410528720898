import "server-only";
import { createMemberSchema, setMemberPermissionsSchema, setOwnerSchema, setTotpRequiredSchema, setUserDisabledSchema } from "@/lib/validation/iam";
import { createTokenSchema, revokeTokenSchema } from "@/lib/validation/tokens";
import { createMember, setMemberPermissions, setOwner, setUserDisabled } from "@/lib/services/iam";
import { createToken, revokeToken } from "@/lib/services/tokens";
import { allowedRangesSchema } from "@/lib/validation/allowed-ranges";
import { setAllowedRanges } from "@/lib/services/allowed-ranges";
import { setTotpRequired } from "@/lib/services/totp-requirement";
import { createInvitationSchema, invitationIdSchema } from "@/lib/validation/invitations";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/services/invitations";
import { setSsoSchema } from "@/lib/validation/sso";
import { setSso } from "@/lib/services/sso";
import { organizationUseCase, tenantUseCase } from "./define";

// Members, their permissions, and personal access tokens. Immediate changes: no activity.

const member = { type: "user", key: "userId" };

export const IAM_USE_CASES = {
  createMember: tenantUseCase({
    summary: "Create an account and make it a member of the tenant, or invite an existing one",
    tag: "iam",
    permission: "iam:write",
    schema: createMemberSchema,
    resource: { type: "user" },
    audit: ["iam.user_create"],
    activity: [],
    run: createMember,
    route: { method: "POST", path: "/iam/members", status: 201 },
  }),
  setMemberPermissions: tenantUseCase({
    summary: "Replace a member's permissions in the tenant",
    tag: "iam",
    permission: "iam:write",
    schema: setMemberPermissionsSchema,
    resource: member,
    audit: ["iam.permissions_set"],
    activity: [],
    run: setMemberPermissions,
    route: { method: "PUT", path: "/iam/members/{id}/permissions", params: { id: "userId" } },
  }),
  setOwner: tenantUseCase({
    summary: "Make a member an owner of the tenant, or not (a tenant keeps at least one)",
    tag: "iam",
    permission: "iam:write",
    schema: setOwnerSchema,
    resource: member,
    audit: ["iam.owner_set"],
    activity: [],
    run: setOwner,
    route: { method: "PUT", path: "/iam/members/{id}/owner", params: { id: "userId" } },
  }),
  setUserDisabled: organizationUseCase({
    summary: "Disable or enable an account of the organization",
    tag: "iam",
    role: "OWNER",
    schema: setUserDisabledSchema,
    resource: member,
    audit: ["iam.user_disable", "iam.user_enable"],
    activity: [],
    run: setUserDisabled,
    route: { consoleOnly: "An organization's accounts are an owner's, and a personal access token is bound to one tenant: it never acts for an organization (lib/auth/authorize.ts)." },
  }),
  createToken: tenantUseCase({
    summary: "Make a personal access token for oneself, with a subset of one's permissions",
    tag: "iam",
    permission: null,
    schema: createTokenSchema,
    resource: { type: "token" },
    audit: ["token.create"],
    activity: [],
    run: createToken,
    route: { consoleOnly: "Only a person makes tokens: a token cannot mint another one, which would outlive its own expiry (lib/services/tokens.ts)." },
  }),
  revokeToken: tenantUseCase({
    summary: "Revoke a token: one's own, or any of the tenant's with iam:write",
    tag: "iam",
    permission: null,
    schema: revokeTokenSchema,
    resource: { type: "token", key: "tokenId" },
    audit: ["token.revoke"],
    activity: [],
    run: revokeToken,
    route: { method: "DELETE", path: "/iam/tokens/{id}", params: { id: "tokenId" } },
  }),
  setAllowedRanges: tenantUseCase({
    summary: "Replace the tenant's allowed address ranges (IPv4/IPv6 CIDRs with labels; an empty list lifts the restriction). Refused if it would shut out the caller's own address",
    tag: "iam",
    permission: "iam:write",
    schema: allowedRangesSchema,
    resource: { type: "tenant" },
    audit: ["iam.allowed_ranges_set"],
    activity: [],
    run: setAllowedRanges,
    route: { method: "PUT", path: "/iam/allowed-ranges" },
  }),
  setTotpRequired: tenantUseCase({
    summary: "Require two-factor authentication (TOTP) of the tenant's members in the console, or stop requiring it. A member without it is sent to turn it on; personal access tokens are unaffected",
    tag: "iam",
    permission: "iam:write",
    schema: setTotpRequiredSchema,
    resource: { type: "tenant" },
    audit: ["iam.totp_required_set"],
    activity: [],
    run: setTotpRequired,
    route: { method: "PUT", path: "/iam/two-factor" },
  }),
  createInvitation: tenantUseCase({
    summary: "Invite an e-mail into the tenant with a set of permissions: a link valid 72 hours is mailed (through SMTP_URL); a pending invitation of the same e-mail is replaced. The link is in the answer only when it could not be mailed",
    tag: "iam",
    permission: "iam:write",
    schema: createInvitationSchema,
    resource: { type: "invitation" },
    audit: ["iam.invitation_create"],
    activity: [],
    run: createInvitation,
    route: { method: "POST", path: "/iam/invitations", status: 201 },
  }),
  resendInvitation: tenantUseCase({
    summary: "Send an invitation again with a new link valid 72 hours from now (the old link stops working); refused once accepted (INVITE.USED) or revoked (INVITE.REVOKED)",
    tag: "iam",
    permission: "iam:write",
    schema: invitationIdSchema,
    resource: { type: "invitation", key: "invitationId" },
    audit: ["iam.invitation_resend"],
    activity: [],
    run: resendInvitation,
    route: { method: "POST", path: "/iam/invitations/{id}/resend", params: { id: "invitationId" } },
  }),
  revokeInvitation: tenantUseCase({
    summary: "Revoke an invitation not yet accepted: its link opens nothing from now on (INVITE.REVOKED); refused once accepted (INVITE.USED)",
    tag: "iam",
    permission: "iam:write",
    schema: invitationIdSchema,
    resource: { type: "invitation", key: "invitationId" },
    audit: ["iam.invitation_revoke"],
    activity: [],
    run: revokeInvitation,
    route: { method: "DELETE", path: "/iam/invitations/{id}", params: { id: "invitationId" } },
  }),
  setSso: organizationUseCase({
    summary: "Set the organization's single sign-on: an OpenID Connect provider (issuer, client id, client secret kept sealed), the e-mail domains it covers, and whether password sign-in stays allowed for them",
    tag: "iam",
    role: "OWNER",
    schema: setSsoSchema,
    resource: { type: "organization" },
    audit: ["iam.sso_set"],
    activity: [],
    run: setSso,
    route: { consoleOnly: "An organization's sign-in is an owner's, and a personal access token is bound to one tenant: it never acts for an organization (lib/auth/authorize.ts)." },
  }),
};
