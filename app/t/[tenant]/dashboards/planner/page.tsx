import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { plannerTargets } from "@/lib/services/planner";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/table";
import { DashboardsNav } from "@/components/dashboards-views/dashboards-nav";
import { PlannerForm } from "@/components/dashboards-views/planner-form";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboardsViews"))("planner.title") };
}

/** The capacity planner: what-if on a pool or a datastore of this tenant, nothing written. */
export default tenantPage({ permission: "metric:read", title: ["dashboardsViews", "planner.title"] }, async ({ ctx }) => {
  const [targets, t] = await Promise.all([plannerTargets(ctx), getTranslations("dashboardsViews")]);
  return (
    <>
      <PageHeader title={t("planner.title")} subtitle={ctx.tenant.name} />
      <DashboardsNav tenantSlug={ctx.tenant.slug} current="planner" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("planner.intro")}</p>
      {targets.pools.length === 0 && targets.datastores.length === 0 ? (
        <EmptyState>{t("planner.empty")}</EmptyState>
      ) : (
        <PlannerForm tenantId={ctx.tenant.id} options={targets} />
      )}
    </>
  );
});
