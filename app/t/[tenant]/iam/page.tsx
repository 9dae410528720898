import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listMembers, listOrganizationUsers } from "@/lib/services/iam";
import { authorizeSessionOrganization } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Td, Th, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import { CreateMemberForm, DisableUserButton } from "@/components/iam/member-forms";
import { InvitationActions, InviteForm } from "@/components/iam/invitation-forms";
import { listInvitations } from "@/lib/services/invitations";
import { INVITATION_SETTINGS } from "@/lib/domain/catalogue";
import { tenantPage } from "../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("iam"))("title") };
}

export default tenantPage({ permission: "iam:read", title: ["iam", "title"] }, async ({ ctx }) => {
  const base = `/t/${ctx.tenant.slug}/iam`;
  const [members, invitations, t, inv, ranges, twoFactor, sso, org] = await Promise.all([listMembers(ctx), listInvitations(ctx), getTranslations("iam"), getTranslations("invitations"), getTranslations("allowedRanges"), getTranslations("twoFactor"), getTranslations("sso"), authorizeSessionOrganization(ctx.tenant.organizationId, "OWNER")]);
  // Only an owner of the organization sees its users (and may disable one); checking is not audited here: the page asks, the action decides.
  const orgUsers = org.ok ? await listOrganizationUsers(org.ctx) : null;
  const canWrite = hasPermission(ctx.permissions, "iam:write");
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        <div className="flex items-center gap-4">
          <Link href={`${base}/tokens`} className={linkClass}>{t("tokensLink")}</Link>
          <Link href={`${base}/api`} className={linkClass}>{t("apiLink")}</Link>
          <Link href={`${base}/ranges`} className={linkClass}>{ranges("navLink")}</Link>
          <Link href={`${base}/two-factor`} className={linkClass}>{twoFactor("navLink")}</Link>
          {org.ok && <Link href={`${base}/sso`} className={linkClass}>{sso("navLink")}</Link>}
        </div>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>

      <h2 className="mb-2 text-base font-semibold">{t("members", { tenant: ctx.tenant.name })}</h2>
      <Table label={t("members", { tenant: ctx.tenant.name })}>
        <THead>
          <Th>{t("columns.user")}</Th>
          <Th>{t("columns.permissions")}</Th>
          <Th>{t("columns.owner")}</Th>
          <Th>{t("columns.status")}</Th>
        </THead>
        <TBody>
          {members.map((m) => (
            <Tr key={m.user.id}>
              <RowHeader>
                <Link href={`${base}/users/${m.user.id}`} className={linkClass} aria-label={t("details", { name: m.user.email })}>{m.user.email}</Link>
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">{m.user.name}</span>
              </RowHeader>
              <Td>{t("count", { count: m.permissions.length })}</Td>
              <Td>{m.isOwner ? <Badge tone="blue">{t("owner")}</Badge> : null}</Td>
              <Td>{m.user.disabledAt ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>

      {canWrite && (
        <section className="mt-6 rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-labelledby="add-member">
          <h2 id="add-member" className="mb-3 text-base font-semibold">{t("addMember")}</h2>
          <CreateMemberForm tenantId={ctx.tenant.id} />
        </section>
      )}

      <section className="mt-6" aria-labelledby="invitations">
        <h2 id="invitations" className="mb-1 text-base font-semibold">{inv("title")}</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{inv("intro", { hours: INVITATION_SETTINGS.validHours })}</p>
        {invitations.length === 0 ? (
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{inv("empty")}</p>
        ) : (
          <Table label={inv("title")}>
            <THead>
              <Th>{inv("columns.email")}</Th>
              <Th>{inv("columns.permissions")}</Th>
              <Th>{inv("columns.state")}</Th>
              <Th>{inv("columns.expires")}</Th>
              <Th>{inv("columns.invitedBy")}</Th>
              {canWrite && <Th>{inv("columns.actions")}</Th>}
            </THead>
            <TBody>
              {invitations.map((i) => (
                <Tr key={i.id}>
                  <RowHeader>{i.email}</RowHeader>
                  <Td>{inv("count", { count: i.permissions.length })}</Td>
                  <Td>
                    <Badge tone={i.state === "pending" ? "blue" : i.state === "accepted" ? "green" : i.state === "expired" ? "amber" : "red"}>{inv(`state.${i.state}`)}</Badge>
                  </Td>
                  <Td>{i.state === "pending" || i.state === "expired" ? i.expiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—"}</Td>
                  <Td>{i.invitedBy?.email ?? "—"}</Td>
                  {canWrite && (
                    <Td>
                      <InvitationActions tenantId={ctx.tenant.id} invitationId={i.id} email={i.email} canResend={i.state === "pending" || i.state === "expired"} canRevoke={i.state === "pending" || i.state === "expired"} />
                    </Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        {canWrite && (
          <div className="mt-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <InviteForm tenantId={ctx.tenant.id} />
          </div>
        )}
      </section>

      {org.ok && orgUsers && (
        <section className="mt-6" aria-labelledby="org-users">
          <h2 id="org-users" className="mb-1 text-base font-semibold">{t("orgUsers", { organization: org.ctx.organization.name })}</h2>
          <p className="mb-3 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("orgUsersIntro")}</p>
          <Table label={t("orgUsers", { organization: org.ctx.organization.name })}>
            <THead>
              <Th>{t("columns.email")}</Th>
              <Th>{t("columns.role")}</Th>
              <Th>{t("columns.tenants")}</Th>
              <Th>{t("columns.status")}</Th>
              <Th>{t("columns.actions")}</Th>
            </THead>
            <TBody>
              {orgUsers.map((u) => (
                <Tr key={u.id}>
                  <RowHeader>{u.email}</RowHeader>
                  <Td>{u.organizationMembers[0]?.role ?? t("noRole")}</Td>
                  <Td>{u.memberships.map((m) => `${m.tenant.name}${m.isOwner ? ` (${t("owner")})` : ""}`).join(", ")}</Td>
                  <Td>{u.disabledAt ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>}</Td>
                  <Td>
                    <DisableUserButton organizationId={org.ctx.organization.id} userId={u.id} email={u.email} disabled={u.disabledAt !== null} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      )}
    </>
  );
});
