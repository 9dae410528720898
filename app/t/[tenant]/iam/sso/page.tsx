import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { authorizeSessionOrganization, requireTenant } from "@/lib/auth/session";
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
  const authz = await authorizeSessionOrganization(ctx.tenant.organizationId, "OWNER");
  if (!authz.ok && authz.reason === "UNAUTHENTICATED") redirect("/signin");
  if (!authz.ok && authz.reason === "NOT_FOUND") notFound();
  if (!authz.ok) {
    return (
      <>
        <PageHeader title={t("title")} />
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          <h2 className="font-semibold">{t("ownersOnlyTitle")}</h2>
          <p className="mt-1">{t("ownersOnly", { organization: authz.organizationName })}</p>
        </div>
      </>
    );
  }
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
