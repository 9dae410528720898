import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { vmCreateOptions } from "@/lib/services/vms";
import { listCatalog } from "@/lib/services/catalog";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { MissingPermission } from "@/components/ui/missing-permission";
import { CreateVmForm } from "@/components/vms/create-vm-form";
import { tenantPage } from "../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vmForm"))("title") };
}

export default tenantPage({ permission: "compute:write", title: ["vmForm", "title"] }, async ({ ctx, searchParams }) => {
  const t = await getTranslations("vmForm");
  // The options are a read: without compute:read the form cannot offer any.
  if (!hasPermission(ctx.permissions, "compute:read")) return <MissingPermission title={t("title")} permission="compute:read" />;
  const [options, catalog] = await Promise.all([vmCreateOptions(ctx), listCatalog(ctx)]);
  const catalogTemplates = catalog.flatMap((i) => (i.kind === "TEMPLATE" && i.templateCode ? [{ id: i.id, name: i.name, templateCode: i.templateCode, osLabel: i.osLabel ?? i.templateCode, cpu: i.cpu ?? 1, memoryGb: i.memoryGb ?? 1, diskGib: i.diskGib ?? 1 }] : []));
  const catalogItem = typeof searchParams.catalogItem === "string" ? searchParams.catalogItem : undefined;
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-xs">
        <Link href={`/t/${ctx.tenant.slug}/compute/vms`} className="inline-flex items-center gap-0.5 text-slate-600 hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-white">
          <ChevronLeft aria-hidden className="size-3.5" />
          {t("back")}
        </Link>
      </nav>
      <PageHeader title={t("title")} subtitle={t("subtitle", { tenant: ctx.tenant.name })} />
      <CreateVmForm tenantId={ctx.tenant.id} tenantSlug={ctx.tenant.slug} options={{ ...options, catalogTemplates }} catalogItemId={catalogItem} />
    </>
  );
});
