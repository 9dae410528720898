import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { listVms } from "@/lib/services/vms";
import { vmMigrateOptions } from "@/lib/services/vm-migrate";
import { pageWindow } from "@/lib/list-query";
import { parseVmListQuery, vmListHref, POWER_STATES, VM_PAGE_SIZES } from "@/lib/validation/vm-list";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { primaryButtonClass } from "@/components/ui/styles";
import { hasPermission } from "@/lib/permissions";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { RowCheckbox, SelectAllCheckbox, VmSelection } from "@/components/vms/vm-selection";
import { EncryptionPadlock } from "@/components/vms/encryption-padlock";
import { TagList } from "@/components/vms/tag-list";
import { ListTools } from "@/components/ui/list/list-tools";
import { listListViews } from "@/lib/services/list-views";
import { LIST_COLUMNS, pickColumns, type ListColumn } from "@/lib/list-views";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vms"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
// Tags is the one column without a sort (a VM has several). Which columns show, in what order, is
// the person's (the URL's `cols`, lib/list-views.ts).
const RIGHT: ReadonlySet<ListColumn<"vms">> = new Set(["memoryGb", "cpu"]);

export default tenantPage({ permission: "compute:read", title: ["vms", "title"] }, async ({ ctx, searchParams }) => {
  const q = parseVmListQuery(searchParams);
  const base = `/t/${ctx.tenant.slug}/compute/vms`;
  const columns = pickColumns("vms", q.cols);
  const [{ total, rows }, views, migrateOptions, t, list, ps, ui, format, locale] = await Promise.all([
    listVms(ctx, q),
    listListViews(ctx, "vms"),
    vmMigrateOptions(ctx),
    getTranslations("vms"),
    getTranslations("list"),
    getTranslations("powerState"),
    getTranslations("vmList"),
    getFormatter(),
    getLocale(),
  ]);
  const lang = langOf(locale);
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(ctx.permissions, p);
  const w = pageWindow(q, total);
  // A link to a page past the end (the list shrank since it was shared) opens the last one.
  if (q.page > w.pages) redirect(vmListHref(base, q, { page: w.pages }));
  const filtered = Boolean(q.q || q.state || q.tag);
  const clearHref = vmListHref(base, { ...q, q: undefined, state: undefined, tag: undefined, page: 1 });
  const labelOf = (key: ListColumn<"vms">) => (key === "tags" ? ui("tagsColumn") : t(`columns.${key}`));
  const labels = Object.fromEntries(LIST_COLUMNS.vms.all.map((k) => [k, labelOf(k)]));

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        {can("compute:write") && (
          <Link href={`${base}/new`} className={primaryButtonClass}>
            {ui("create")}
          </Link>
        )}
      </PageHeader>
      <FilterBar
        instant
        action={base}
        label={t("filters")}
        tools={<ListTools tenantId={ctx.tenant.id} list="vms" listLabel={t("title")} shown={columns} labels={labels} base={base} views={views} />}
        keep={{ sort: q.sort !== "name" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
        <Field id="vm-filter-q" label={t("filterName")}>
          {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} placeholder={t("filterPlaceholder")} maxLength={100} autoComplete="off" className="w-60" />}
        </Field>
        <Field id="vm-filter-state" label={t("state")}>
          {(aria) => (
            <Select {...aria} name="state" defaultValue={q.state ?? ""}>
              <option value="">{t("allStates")}</option>
              {POWER_STATES.map((s) => (
                <option key={s} value={s}>{ps(s)}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="vm-filter-tag" label={ui("filterTag")}>
          {(aria) => <Input {...aria} name="tag" type="search" defaultValue={q.tag} placeholder={ui("filterTagPlaceholder")} maxLength={63} autoComplete="off" className="w-44" />}
        </Field>
        <Field id="vm-page-size" label={list("pageSize")}>
          {(aria) => (
            <Select {...aria} name="pageSize" defaultValue={String(q.pageSize)}>
              {VM_PAGE_SIZES.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </Select>
          )}
        </Field>
      </FilterBar>

      <ListSummary from={w.from} to={w.to} total={total} />

      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("none")} none={t("noneAtAll")} />
      ) : (
        <VmSelection tenantId={ctx.tenant.id} vms={rows.map((v) => ({ id: v.id, name: v.name }))} canPower={can("vm:power")} migrate={{ options: migrateOptions, can: can("compute:write") }}>
          <Table label={t("title")} stack>
            <THead>
              {columns.map((key) => {
                if (key === "tags") return <Th key={key}>{labelOf(key)}</Th>;
                const label = labelOf(key);
                const active = q.sort === key;
                return (
                  <SortableTh
                    key={key}
                    label={label}
                    align={RIGHT.has(key) ? "right" : undefined}
                    active={active}
                    dir={q.dir}
                    title={list("sortBy", { column: label })}
                    href={vmListHref(base, q, { sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })}
                    before={key === "name" ? <SelectAllCheckbox ids={rows.map((v) => v.id)} /> : undefined}
                  />
                );
              })}
            </THead>
            <TBody>
              {rows.map((vm) => {
                const cell: Record<ListColumn<"vms">, React.ReactNode> = {
                  name: (
                    <RowHeader key="name" label={labels.name}>
                      <span className="inline-flex items-center gap-2">
                        <RowCheckbox id={vm.id} name={vm.name} />
                        <Link href={`${base}/${vm.id}`} className="hover:underline">{vm.name}</Link>
                      </span>
                    </RowHeader>
                  ),
                  powerState: <Td key="powerState" label={labels.powerState}>{vm.busy ? <ActivityProgress activity={vm.busy} compact /> : <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>}</Td>,
                  pool: <Td key="pool" label={labels.pool}>{vm.pool.name}</Td>,
                  host: (
                    <Td key="host" label={labels.host}>
                      {vm.host ? vm.host.name : (
                        <>
                          <span aria-hidden className="text-slate-400">—</span>
                          <span className="sr-only">{t("unplaced")}</span>
                        </>
                      )}
                    </Td>
                  ),
                  memoryGb: <Td key="memoryGb" label={labels.memoryGb} align="right">{format.number(vm.memoryGb)}</Td>,
                  cpu: <Td key="cpu" label={labels.cpu} align="right">{format.number(vm.cpu)}</Td>,
                  datastore: <Td key="datastore" label={labels.datastore}>{vm.datastore.name}</Td>,
                  encryption: (
                    <Td key="encryption" label={labels.encryption}>
                      <EncryptionPadlock
                        tenantId={ctx.tenant.id}
                        canManage={can("compute:management")}
                        compact
                        vm={{ id: vm.id, name: vm.name, encryption: vm.encryption, busy: vm.busy, blockers: toViolationViews(vm.encryptionBlockers, lang) }}
                      />
                    </Td>
                  ),
                  tags: (
                    <Td key="tags" label={labels.tags} className="whitespace-normal">
                      <TagList tags={vm.tags} hrefFor={(tag) => vmListHref(base, q, { tag, page: 1 })} label={ui("tagsOf", { name: vm.name })} empty={ui("noTags")} />
                    </Td>
                  ),
                  createdAt: (
                    <Td key="createdAt" label={labels.createdAt} className="text-slate-600 tabular-nums dark:text-slate-300">
                      <time dateTime={vm.createdAt.toISOString()}>{format.dateTime(vm.createdAt, { dateStyle: "medium" })}</time>
                    </Td>
                  ),
                };
                return <Tr key={vm.id}>{columns.map((c) => cell[c])}</Tr>;
              })}
            </TBody>
          </Table>
        </VmSelection>
      )}

      <Pager page={q.page} pages={w.pages} hrefFor={(page) => vmListHref(base, q, { page })} />
    </>
  );
});
