import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { listVms } from "@/lib/services/vms";
import { vmMigrateOptions } from "@/lib/services/vm-migrate";
import { pageWindow } from "@/lib/list-query";
import { parseVmListQuery, vmListHref, POWER_STATES, VM_PAGE_SIZES, type VmSortColumn } from "@/lib/validation/vm-list";
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
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vms"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
// Tags is the one column without a sort (a VM has several).
const COLUMNS: { key: VmSortColumn | "tags"; align?: "right" }[] = [
  { key: "name" },
  { key: "powerState" },
  { key: "pool" },
  { key: "host" },
  { key: "memoryGb", align: "right" },
  { key: "cpu", align: "right" },
  { key: "datastore" },
  { key: "encryption" },
  { key: "tags" },
  { key: "createdAt" },
];

export default tenantPage({ permission: "compute:read", title: ["vms", "title"] }, async ({ ctx, searchParams }) => {
  const q = parseVmListQuery(searchParams);
  const base = `/t/${ctx.tenant.slug}/compute/vms`;
  const [{ total, rows }, migrateOptions, t, list, ps, ui, format, locale] = await Promise.all([
    listVms(ctx, q),
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

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        {can("compute:write") && (
          <Link href={`${base}/new`} className={primaryButtonClass}>
            {ui("create")}
          </Link>
        )}
      </PageHeader>
      <FilterBar action={base} label={t("filters")} keep={{ sort: q.sort !== "name" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
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
          <Table label={t("title")}>
            <THead>
              {COLUMNS.map(({ key, align }) => {
                if (key === "tags") return <Th key={key}>{ui("tagsColumn")}</Th>;
                const label = t(`columns.${key}`);
                const active = q.sort === key;
                return (
                  <SortableTh
                    key={key}
                    label={label}
                    align={align}
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
              {rows.map((vm) => (
                <Tr key={vm.id}>
                  <RowHeader>
                    <span className="inline-flex items-center gap-2">
                      <RowCheckbox id={vm.id} name={vm.name} />
                      <Link href={`${base}/${vm.id}`} className="hover:underline">{vm.name}</Link>
                    </span>
                  </RowHeader>
                  <Td>{vm.busy ? <ActivityProgress activity={vm.busy} compact /> : <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>}</Td>
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
                    <EncryptionPadlock
                      tenantId={ctx.tenant.id}
                      canManage={can("compute:management")}
                      compact
                      vm={{ id: vm.id, name: vm.name, encryption: vm.encryption, busy: vm.busy, blockers: toViolationViews(vm.encryptionBlockers, lang) }}
                    />
                  </Td>
                  <Td>
                    <TagList tags={vm.tags} hrefFor={(tag) => vmListHref(base, q, { tag, page: 1 })} label={ui("tagsOf", { name: vm.name })} empty={ui("noTags")} />
                  </Td>
                  <Td className="text-slate-600 tabular-nums dark:text-slate-300">
                    <time dateTime={vm.createdAt.toISOString()}>{format.dateTime(vm.createdAt, { dateStyle: "medium" })}</time>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </VmSelection>
      )}

      <Pager page={q.page} pages={w.pages} hrefFor={(page) => vmListHref(base, q, { page })} />
    </>
  );
});
