import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { countVmsByPowerState } from "@/lib/db/vms";
import { countPoolsAndHosts } from "@/lib/db/pools";
import { countDatastores } from "@/lib/db/datastores";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

function Card({ title, value, href, more, children }: { title: string; value: number; href: string; more: string; children?: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h2>
      <p className="my-1 text-3xl font-semibold tabular-nums">{value}</p>
      {children}
      <Link href={href} className="mt-2 inline-block text-brand-600 hover:underline dark:text-brand-100">{more}</Link>
    </section>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [vms, compute, datastores, t] = await Promise.all([countVmsByPowerState(ctx.tenant.id), countPoolsAndHosts(ctx.tenant.id), countDatastores(ctx.tenant.id), getTranslations("overview")]);
  const base = `/t/${ctx.tenant.slug}`;
  const total = vms.POWERED_ON + vms.POWERED_OFF + vms.SUSPENDED;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { tenant: ctx.tenant.name, region: ctx.tenant.regionId })} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Card title={t("vms")} value={total} href={`${base}/compute/vms`} more={t("viewAll")}>
          <ul className="text-xs text-slate-600 dark:text-slate-300">
            <li>{t("poweredOn", { count: vms.POWERED_ON })}</li>
            <li>{t("poweredOff", { count: vms.POWERED_OFF })}</li>
            <li>{t("suspended", { count: vms.SUSPENDED })}</li>
          </ul>
        </Card>
        <Card title={t("pools")} value={compute.pools} href={`${base}/compute/pools`} more={t("viewAll")} />
        <Card title={t("hosts")} value={compute.hosts} href={`${base}/compute/hosts`} more={t("viewAll")} />
        <Card title={t("datastores")} value={datastores} href={`${base}/storage`} more={t("viewAll")} />
      </div>
    </>
  );
}
