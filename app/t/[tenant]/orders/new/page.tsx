import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { orderFormContext } from "@/lib/services/orders";
import { ORDER_KINDS, type OrderKind } from "@/lib/validation/orders";
import { PageHeader } from "@/components/ui/page-header";
import { cn } from "@/lib/cn";
import { OrderForm } from "@/components/orders/order-form";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orderForm"))("title") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default tenantPage({ permission: "order:write", title: ["orderForm", "title"] }, async ({ ctx, searchParams }) => {
  const asked = one(searchParams.kind);
  const kind: OrderKind = (ORDER_KINDS as readonly string[]).includes(asked ?? "") ? (asked as OrderKind) : "datastore";
  const [form, t] = await Promise.all([orderFormContext(ctx, { poolId: one(searchParams.poolId), datastoreId: one(searchParams.datastoreId) }), getTranslations("orderForm")]);
  const base = `/t/${ctx.tenant.slug}/orders/new`;
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <nav aria-label={t("kindsLabel")} className="mb-5 flex flex-wrap gap-2">
        {ORDER_KINDS.map((k) => (
          <Link
            key={k}
            href={`${base}?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              k === kind ? "border-brand-600 bg-brand-50 font-semibold text-brand-700 dark:border-brand-300 dark:bg-brand-700/25 dark:text-brand-100" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
            )}
          >
            {t(`kinds.${k}`)}
          </Link>
        ))}
      </nav>
      <h2 className="mb-1 text-lg font-semibold">{t(`kinds.${kind}`)}</h2>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t(`explain.${kind}`)}</p>
      <OrderForm
        key={`${kind}-${form.plan.pool?.id ?? ""}-${form.plan.datastore?.id ?? ""}`}
        tenantId={ctx.tenant.id}
        tenantSlug={ctx.tenant.slug}
        kind={kind}
        plan={form.plan}
        zones={form.zones}
        pools={form.pools}
        datastores={form.datastores}
      />
    </>
  );
});
