import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireOrganizationOwner, requireTenant } from "@/lib/auth/session";
import { OwnersOnly } from "@/components/ui/owners-only";
import { getSsoSettings } from "@/lib/services/sso";
import { consoleBaseUrl } from "@/lib/services/invitation-mail";
import { PageHeader } from "@/components/ui/page-header";
import { SsoSettingsForm } from "@/components/iam/sso-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sso"))("title") };
}

/**
 * The organization's single sign-on, for its owners: like the order review, the gate is the
 * organization's role; the tenant in the URL only says where the owner stands.
 */
export default async function SsoPage(props: { params: Promise<{ tenant: string }> }) {
  const params = await props.params;
  const ctx = await requireTenant(params.tenant);
  const t = await getTranslations("sso");
  const authz = await requireOrganizationOwner(ctx.tenant.organizationId);
  if (!authz.ok) return <OwnersOnly title={t("title")} heading={t("ownersOnlyTitle")} body={t("ownersOnly", { organization: authz.organizationName })} />;
  const settings = await getSsoSettings(authz.ctx);
  return (
    <>
      <PageHeader title={t("title")} subtitle={authz.ctx.organization.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("intro", { organization: authz.ctx.organization.name, redirect: `${consoleBaseUrl()}/api/sso/callback` })}</p>
      {!settings && <p className="mb-4 text-sm">{t("notSet")}</p>}
      <SsoSettingsForm organizationId={authz.ctx.organization.id} settings={settings && { issuer: settings.issuer, clientId: settings.clientId, domains: settings.domains, passwordAllowed: settings.passwordAllowed }} />
    </>
  );
}
