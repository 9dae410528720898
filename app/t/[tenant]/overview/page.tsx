import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { getTenantOverview } from "@/lib/services/overview";
import { POWER_STATES } from "@/lib/validation/vm-list";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;

function Card({ title, value, href, children }: { title: string; value: string; href: string; children?: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        <Link href={href} className="rounded-sm hover:text-brand-600 hover:underline dark:hover:text-brand-300">{title}</Link>
      </h2>
      <p className="my-1 text-3xl font-semibold tabular-nums">{value}</p>
      {children}
    </section>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [{ vms, compute, datastores }, t, ps, format] = await Promise.all([
    getTenantOverview(ctx),
    getTranslations("overview"),
    getTranslations("powerState"),
    getFormatter(),
  ]);
  const base = `/t/${ctx.tenant.slug}`;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { tenant: ctx.tenant.name, region: ctx.tenant.regionId })} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {vms && (
          <Card title={t("vms")} value={format.number(POWER_STATES.reduce((n, s) => n + vms[s], 0))} href={`${base}/compute/vms`}>
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("byState")}>
              {POWER_STATES.map((s) => (
                <li key={s}>
                  <Link href={`${base}/compute/vms?state=${s}`} className="rounded-full">
                    <Badge tone={POWER_TONE[s]} dot>{t("stateCount", { state: ps(s), count: format.number(vms[s]) })}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {compute && <Card title={t("pools")} value={format.number(compute.pools)} href={`${base}/compute/pools`} />}
        {compute && <Card title={t("hosts")} value={format.number(compute.hosts)} href={`${base}/compute/hosts`} />}
        {datastores !== null && <Card title={t("datastores")} value={format.number(datastores)} href={`${base}/storage`} />}
      </div>
    </>
  );
}
