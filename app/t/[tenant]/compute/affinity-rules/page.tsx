import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { listAffinityRules } from "@/lib/services/affinity";
import { hasPermission } from "@/lib/permissions";
import { pageWindow } from "@/lib/list-query";
import { affinityList } from "@/lib/validation/affinity";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Select } from "@/components/ui/field";
import { AffinityRuleActions } from "@/components/affinity/rule-actions";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("affinity"))("title") };
}

export default tenantPage({ permission: "compute:read", title: ["affinity", "title"] }, async ({ ctx, searchParams }) => {
  const q = affinityList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/compute/affinity-rules`;
  const [{ total, rows, pools }, t] = await Promise.all([listAffinityRules(ctx, q), getTranslations("affinity")]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(affinityList.href(base, q, { page: w.pages }));
  const filtered = Boolean(q.pool || q.kind);
  const clearHref = affinityList.href(base, { ...q, pool: undefined, kind: undefined, page: 1 });
  const write = hasPermission(ctx.permissions, "compute:write");
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <FilterBar action={base} label={t("filters")} clearHref={filtered ? clearHref : undefined}>
        <Field id="rule-filter-pool" label={t("pool")}>
          {(aria) => (
            <Select {...aria} name="pool" defaultValue={q.pool ?? ""}>
              <option value="">{t("allPools")}</option>
              {pools.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          )}
        </Field>
        <Field id="rule-filter-kind" label={t("kind")}>
          {(aria) => (
            <Select {...aria} name="kind" defaultValue={q.kind ?? ""}>
              <option value="">{t("allKinds")}</option>
              {(["AFFINITY", "ANTI_AFFINITY"] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
            </Select>
          )}
        </Field>
      </FilterBar>
      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("none")} none={t("noneAtAll")} />
      ) : (
        <Table label={t("title")}>
          <THead>
            <Th>{t("name")}</Th>
            <Th>{t("pool")}</Th>
            <Th>{t("kind")}</Th>
            <Th>{t("vmsColumn")}</Th>
            <Th>{t("state")}</Th>
            {write && <Th>{t("actions")}</Th>}
          </THead>
          <TBody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <RowHeader>{r.name}</RowHeader>
                <Td>
                  <Link href={`/t/${ctx.tenant.slug}/compute/pools/${r.pool.id}`} className="hover:underline">{r.pool.name}</Link>
                </Td>
                <Td>{t(`kinds.${r.kind}`)}</Td>
                <Td className="whitespace-normal">{r.vms.map((v) => v.name).join(", ")}</Td>
                <Td className="whitespace-normal">
                  {r.enabled ? <Badge tone="green">{t("enabled")}</Badge> : <Badge tone="grey">{t("disabled")}</Badge>}
                  {r.brokenBy.length > 0 && <span className="mt-0.5 block text-xs text-amber-800 dark:text-amber-300">{t("brokenBy", { vms: r.brokenBy.join(", ") })}</span>}
                </Td>
                {write && (
                  <Td>
                    <AffinityRuleActions tenantId={ctx.tenant.id} rule={r} />
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-400">{t("createOnPool")}</p>
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => affinityList.href(base, q, { page })} />
    </>
  );
});
