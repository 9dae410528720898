import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { listVms } from "@/lib/db/vms";
import { parseVmListQuery, vmListHref, POWER_STATES, VM_SORT_COLUMNS, type VmListQuery } from "@/lib/validation/vm-list";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Th, Td, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vms"))("title") };
}

type Column = "name" | "powerState" | "pool" | "host" | "memoryGb" | "cpu" | "datastore" | "encryption" | "createdAt";
const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
const ENCRYPTION_KEY = { ENCRYPTED: "encrypted", ENCRYPTING: "encrypting", NONE: "notEncrypted" } as const;

export default async function VmsPage({ params, searchParams }: Props) {
  const [{ tenant: slug }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireTenant(slug);
  const q = parseVmListQuery(raw);
  const [{ total, rows }, t, ps, format] = await Promise.all([listVms(ctx.tenant.id, q), getTranslations("vms"), getTranslations("powerState"), getFormatter()]);
  const base = `/t/${ctx.tenant.slug}/compute/vms`;
  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  const from = total === 0 ? 0 : (q.page - 1) * q.pageSize + 1;
  const to = Math.min(total, q.page * q.pageSize);
  const filtered = Boolean(q.q || q.state);

  const sortLink = (column: VmListQuery["sort"], label: string) => {
    const active = q.sort === column;
    const dir = active && q.dir === "asc" ? "desc" : "asc";
    return (
      <Link href={vmListHref(base, q, { sort: column, dir, page: 1 })} aria-label={t("sortBy", { column: label })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden className="text-slate-400">{active ? (q.dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </Link>
    );
  };
  const header = (column: Column, align: "left" | "right" = "left") => {
    const label = t(`columns.${column}`);
    return (
      <Th align={align} key={column}>
        {(VM_SORT_COLUMNS as readonly string[]).includes(column) ? sortLink(column as VmListQuery["sort"], label) : label}
      </Th>
    );
  };

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium">{t("filterName")}</span>
          <input name="q" type="search" defaultValue={q.q} placeholder={t("filterPlaceholder")} maxLength={100} className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium">{t("state")}</span>
          <select name="state" defaultValue={q.state ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            <option value="">{t("allStates")}</option>
            {POWER_STATES.map((s) => <option key={s} value={s}>{ps(s)}</option>)}
          </select>
        </label>
        {q.sort !== "name" && <input type="hidden" name="sort" value={q.sort} />}
        {q.dir !== "asc" && <input type="hidden" name="dir" value={q.dir} />}
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">{t("apply")}</button>
        {filtered && <Link href={base} className="py-1.5 text-brand-600 hover:underline dark:text-brand-100">{t("clear")}</Link>}
        <p className="ml-auto py-1.5 text-slate-500 dark:text-slate-400" aria-live="polite">{t("showing", { from, to, total })}</p>
      </form>

      {rows.length === 0 ? (
        <EmptyState>
          {filtered ? (
            <>
              <p>{t("none")}</p>
              <Link href={base} className="mt-2 inline-block text-brand-600 hover:underline dark:text-brand-100">{t("clear")}</Link>
            </>
          ) : (
            <p>{t("noneAtAll")}</p>
          )}
        </EmptyState>
      ) : (
        <Table label={t("title")}>
          <thead className="bg-slate-50 dark:bg-slate-900">
            <tr>
              {header("name")}
              {header("powerState")}
              {header("pool")}
              {header("host")}
              {header("memoryGb", "right")}
              {header("cpu", "right")}
              {header("datastore")}
              {header("encryption")}
              {header("createdAt")}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((vm) => (
              <tr key={vm.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                <Td className="font-medium">{vm.name}</Td>
                <Td><Badge tone={POWER_TONE[vm.powerState]}>{ps(vm.powerState)}</Badge></Td>
                <Td>{vm.pool.name}</Td>
                <Td>{vm.host?.name ?? t("unplaced")}</Td>
                <Td align="right">{vm.memoryGb}</Td>
                <Td align="right">{vm.cpu}</Td>
                <Td>{vm.datastore.name}</Td>
                <Td>{vm.encryption === "NONE" ? <span className="text-slate-500">{t("notEncrypted")}</span> : <Badge tone="blue">{t(ENCRYPTION_KEY[vm.encryption])}</Badge>}</Td>
                <Td>{format.dateTime(vm.createdAt, { dateStyle: "medium" })}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {pages > 1 && (
        <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between">
          {q.page > 1 ? <Link className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700" href={vmListHref(base, q, { page: q.page - 1 })}>{t("previous")}</Link> : <span />}
          <span className="text-slate-500 dark:text-slate-400">{t("page", { page: q.page, pages })}</span>
          {q.page < pages ? <Link className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700" href={vmListHref(base, q, { page: q.page + 1 })}>{t("next")}</Link> : <span />}
        </nav>
      )}
    </>
  );
}
