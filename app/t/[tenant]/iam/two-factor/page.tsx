import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getTotpRequirement } from "@/lib/services/totp-requirement";
import { getTotpStatus } from "@/lib/services/totp";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { TotpRequirementForm } from "@/components/iam/totp-requirement-form";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("twoFactor"))("title") };
}

export default tenantPage({ permission: "iam:read", title: ["twoFactor", "title"] }, async ({ ctx }) => {
  const [requirement, t, iam, mine] = await Promise.all([
    getTotpRequirement(ctx),
    getTranslations("twoFactor"),
    getTranslations("iam"),
    ctx.actor.type === "user" ? getTotpStatus(ctx.actor.userId) : null,
  ]);
  const canWrite = hasPermission(ctx.permissions, "iam:write");
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        <Link href={`/t/${ctx.tenant.slug}/iam`} className={linkClass}>{iam("title")}</Link>
      </PageHeader>
      <p className="mb-2 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("intro", { tenant: ctx.tenant.name })}</p>
      <p className="mb-4 text-sm" data-testid="totp-members-without">{t("status", { without: requirement.membersWithout, members: requirement.members })}</p>
      {canWrite ? (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={t("title")}>
          <TotpRequirementForm tenantId={ctx.tenant.id} tenantName={ctx.tenant.name} required={requirement.required} selfWithout={mine ? !mine.enabled : false} />
        </section>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("readOnly")}</p>
      )}
    </>
  );
});
