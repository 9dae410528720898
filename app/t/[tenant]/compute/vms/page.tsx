import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { MissingPermission } from "@/components/ui/missing-permission";
import { listVms } from "@/lib/db/vms";
import { parseVmListQuery, vmListHref, POWER_STATES, VM_PAGE_SIZES, type VmListQuery, type VmSortColumn } from "@/lib/validation/vm-list";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { inputClass, primaryButtonClass, secondaryButtonClass, linkClass } from "@/components/ui/styles";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vms"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
const COLUMNS: { key: VmSortColumn; align?: "right" }[] = [
  { key: "name" },
  { key: "powerState" },
  { key: "pool" },
  { key: "host" },
  { key: "memoryGb", align: "right" },
  { key: "cpu", align: "right" },
  { key: "datastore" },
  { key: "encryption" },
  { key: "createdAt" },
];

export default async function VmsPage({ params, searchParams }: Props) {
  const [{ tenant: slug }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireTenant(slug);
  if (!hasPermission(ctx.permissions, "compute:read")) return <MissingPermission title={(await getTranslations("vms"))("title")} permission="compute:read" />;
  const q = parseVmListQuery(raw);
  const base = `/t/${ctx.tenant.slug}/compute/vms`;
  const [{ total, rows }, t, ps, format] = await Promise.all([listVms(ctx.tenant.id, q), getTranslations("vms"), getTranslations("powerState"), getFormatter()]);

  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  // A link to a page past the end (the list shrank since it was shared) opens the last one.
  if (q.page > pages) redirect(vmListHref(base, q, { page: pages }));
  const from = total === 0 ? 0 : (q.page - 1) * q.pageSize + 1;
  const to = Math.min(total, q.page * q.pageSize);
  const filtered = Boolean(q.q || q.state);
  const clearHref = vmListHref(base, { ...q, q: "", state: undefined, page: 1 });

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <form method="get" action={base} role="search" aria-label={t("filters")} className="mb-3 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="vm-filter-q" className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("filterName")}</label>
          <input id="vm-filter-q" name="q" type="search" defaultValue={q.q} placeholder={t("filterPlaceholder")} maxLength={100} autoComplete="off" className={`w-60 ${inputClass}`} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="vm-filter-state" className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("state")}</label>
          <select id="vm-filter-state" name="state" defaultValue={q.state ?? ""} className={inputClass}>
            <option value="">{t("allStates")}</option>
            {POWER_STATES.map((s) => (
              <option key={s} value={s}>{ps(s)}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="vm-page-size" className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("pageSize")}</label>
          <select id="vm-page-size" name="pageSize" defaultValue={String(q.pageSize)} className={inputClass}>
            {VM_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </div>
        {/* The sort survives a new filter; the page does not (page 3 of another result set means nothing). */}
        {q.sort !== "name" && <input type="hidden" name="sort" value={q.sort} />}
        {q.dir !== "asc" && <input type="hidden" name="dir" value={q.dir} />}
        <button type="submit" className={primaryButtonClass}>{t("apply")}</button>
        {filtered && <Link href={clearHref} className={`py-1.5 ${linkClass}`}>{t("clear")}</Link>}
      </form>

      <p className="mb-2 min-h-4 text-xs text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
        {total > 0 && t("showing", { from, to, total })}
      </p>

      {rows.length === 0 ? (
        <EmptyState>
          {filtered ? (
            <>
              <p className="font-medium">{t("none")}</p>
              <Link href={clearHref} className={`mt-2 inline-block ${linkClass}`}>{t("clear")}</Link>
            </>
          ) : (
            <p>{t("noneAtAll")}</p>
          )}
        </EmptyState>
      ) : (
        <Table label={t("title")}>
          <THead>
            {COLUMNS.map(({ key, align }) => {
              const active = q.sort === key;
              const label = t(`columns.${key}`);
              return (
                <Th key={key} align={align} sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <Link
                    href={vmListHref(base, q, { sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })}
                    title={t("sortBy", { column: label })}
                    className={`inline-flex items-center gap-1 rounded-sm hover:text-slate-900 dark:hover:text-white ${active ? "text-slate-900 dark:text-white" : ""}`}
                  >
                    {label}
                    <span aria-hidden className={active ? "text-brand-600 dark:text-brand-300" : "text-slate-400 dark:text-slate-500"}>
                      {active ? (q.dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </Link>
                </Th>
              );
            })}
          </THead>
          <TBody>
            {rows.map((vm) => (
              <Tr key={vm.id}>
                <RowHeader>{vm.name}</RowHeader>
                <Td>
                  <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>
                </Td>
                <Td>{vm.pool.name}</Td>
                <Td>
                  {vm.host ? vm.host.name : (
                    <>
                      <span aria-hidden className="text-slate-400">—</span>
                      <span className="sr-only">{t("unplaced")}</span>
                    </>
                  )}
                </Td>
                <Td align="right">{format.number(vm.memoryGb)}</Td>
                <Td align="right">{format.number(vm.cpu)}</Td>
                <Td>{vm.datastore.name}</Td>
                <Td>
                  {vm.encryption === "NONE" ? (
                    <span className="text-slate-500 dark:text-slate-400">{t("encryption.NONE")}</span>
                  ) : (
                    <Badge tone={vm.encryption === "ENCRYPTED" ? "blue" : "amber"}>{t(`encryption.${vm.encryption}`)}</Badge>
                  )}
                </Td>
                <Td className="text-slate-600 tabular-nums dark:text-slate-300">
                  <time dateTime={vm.createdAt.toISOString()}>{format.dateTime(vm.createdAt, { dateStyle: "medium" })}</time>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      {pages > 1 && <Pager base={base} q={q} pages={pages} labels={{ nav: t("pagination"), previous: t("previous"), next: t("next"), page: t("page", { page: q.page, pages }) }} />}
    </>
  );
}

function Pager({ base, q, pages, labels }: { base: string; q: VmListQuery; pages: number; labels: { nav: string; previous: string; next: string; page: string } }) {
  const disabled = `${secondaryButtonClass} pointer-events-none opacity-40`;
  return (
    <nav aria-label={labels.nav} className="mt-3 flex items-center justify-end gap-3 text-xs">
      {q.page > 1 ? (
        <Link rel="prev" className={secondaryButtonClass} href={vmListHref(base, q, { page: q.page - 1 })}>{labels.previous}</Link>
      ) : (
        <span aria-disabled="true" className={disabled}>{labels.previous}</span>
      )}
      <span className="whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">{labels.page}</span>
      {q.page < pages ? (
        <Link rel="next" className={secondaryButtonClass} href={vmListHref(base, q, { page: q.page + 1 })}>{labels.next}</Link>
      ) : (
        <span aria-disabled="true" className={disabled}>{labels.next}</span>
      )}
    </nav>
  );
}
