import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listBackupPolicies, listCoverage } from "@/lib/services/backup";
import { standbyZones } from "@/lib/services/replication";
import { pageWindow } from "@/lib/list-query";
import { hasPermission } from "@/lib/permissions";
import { GIB_PER_TIB } from "@/lib/domain/catalogue";
import { coverageList, COVERAGE_PAGE_SIZES, type CoverageQuery } from "@/lib/validation/data-protection";
import { POWER_STATES } from "@/lib/validation/vm-list";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { PolicyChip, VmBackupActions } from "@/components/data-protection/backup-actions";
import { BULK_FORM_ID, BulkPolicyBar, SelectAll } from "@/components/data-protection/bulk-policy-bar";
import { ReplicateVmDialog } from "@/components/data-protection/replication-dialogs";
import { tenantPage } from "../tenant-page";
import { Card, DataProtectionTabs } from "./tabs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dataProtection"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
const RPO_TONE = { initial_copy: "blue", ok: "green", at_risk: "amber", breach: "red" } as const;

export default tenantPage({ permission: "backup:read", title: ["dataProtection", "title"] }, async ({ ctx, searchParams }) => {
  const q: CoverageQuery = coverageList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/data-protection`;
  const href = (change: Partial<CoverageQuery>) => coverageList.href(base, q, change);
  const [policies, { total, rows, summary }, t, forms, ps, list, format] = await Promise.all([
    listBackupPolicies(ctx),
    listCoverage(ctx, q),
    getTranslations("dataProtection"),
    getTranslations("dataProtectionForms"),
    getTranslations("powerState"),
    getTranslations("list"),
    getFormatter(),
  ]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(href({ page: w.pages }));
  const can = { backup: hasPermission(ctx.permissions, "backup:write"), power: hasPermission(ctx.permissions, "vm:power"), replicate: hasPermission(ctx.permissions, "replication:write") };
  const zones = standbyZones(ctx);
  const filtered = Boolean(q.q || q.coverage || q.state);
  const clearHref = href({ q: undefined, coverage: undefined, state: undefined, page: 1 });
  const tib = (gib: number) => t("tib", { value: format.number(gib / GIB_PER_TIB, { maximumFractionDigits: 2 }) });
  const quotaGib = summary.quotaTib * GIB_PER_TIB;
  const policyRefs = policies.map((p) => ({ id: p.id, name: p.name }));

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <DataProtectionTabs tenant={ctx.tenant.slug} current="backup" />

      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card title={t("uncoveredTitle")} value={t("uncoveredValue", { uncovered: format.number(summary.uncovered), total: format.number(summary.total) })}>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("uncoveredHint")}</p>
          {summary.runningUncovered > 0 && <p className="mt-1 text-xs font-medium text-amber-800 dark:text-amber-200">{t("runningUncovered", { count: summary.runningUncovered })}</p>}
        </Card>
        <Card title={t("quotaTitle")} value={t("quotaValue", { used: tib(summary.protectedGib), quota: tib(quotaGib) })}>
          <UsageBar ratio={quotaGib > 0 ? summary.protectedGib / quotaGib : 1} limit={1} label={format.number(quotaGib > 0 ? summary.protectedGib / quotaGib : 1, { style: "percent", maximumFractionDigits: 1 })} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("quotaHint")}</p>
        </Card>
      </div>

      <section aria-labelledby="policies-title" className="mb-8">
        <h2 id="policies-title" className="mb-1 text-base font-semibold">{t("policiesTitle")}</h2>
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{t("policiesNote")}</p>
        {policies.length === 0 ? (
          <EmptyState>{t("noPolicies")}</EmptyState>
        ) : (
          <Table label={t("policiesCaption")}>
            <THead>
              <Th>{t("policyColumns.name")}</Th>
              <Th>{t("policyColumns.retention")}</Th>
              <Th>{t("policyColumns.zone")}</Th>
              <Th align="right">{t("policyColumns.vms")}</Th>
            </THead>
            <TBody>
              {policies.map((p) => (
                <Tr key={p.id}>
                  <RowHeader>{p.name}</RowHeader>
                  <Td>{t("retention", { days: p.retentionDays, weeks: p.retentionWeeks, months: p.retentionMonths })}</Td>
                  <Td>{p.targetAzId}</Td>
                  <Td align="right">{format.number(p.vmCount)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="coverage-title">
        <h2 id="coverage-title" className="mb-2 text-base font-semibold">{t("coverageTitle")}</h2>
        <FilterBar action={base} label={t("coverageFilters")} keep={{ sort: q.sort !== "coverage" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
          <Field id="coverage-q" label={t("filterName")}>
            {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} maxLength={100} autoComplete="off" className="w-52" />}
          </Field>
          <Field id="coverage-filter" label={t("coverage")}>
            {(aria) => (
              <Select {...aria} name="coverage" defaultValue={q.coverage ?? ""}>
                <option value="">{t("coverageAll")}</option>
                <option value="none">{t("coverageNone")}</option>
                <option value="covered">{t("coverageCovered")}</option>
              </Select>
            )}
          </Field>
          <Field id="coverage-state" label={t("state")}>
            {(aria) => (
              <Select {...aria} name="state" defaultValue={q.state ?? ""}>
                <option value="">{t("allStates")}</option>
                {POWER_STATES.map((s) => (
                  <option key={s} value={s}>{ps(s)}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="coverage-page-size" label={list("pageSize")}>
            {(aria) => (
              <Select {...aria} name="pageSize" defaultValue={String(q.pageSize)}>
                {COVERAGE_PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>{n}</option>
                ))}
              </Select>
            )}
          </Field>
        </FilterBar>

        {can.backup && rows.length > 0 && policies.length > 0 && <BulkPolicyBar tenantId={ctx.tenant.id} policies={policyRefs} />}
        <ListSummary from={w.from} to={w.to} total={total} />

        {rows.length === 0 ? (
          <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("noneMatch")} none={t("noVms")} />
        ) : (
          <Table label={t("coverageCaption")}>
            <THead>
              {can.backup && (
                <Th>
                  <span className="sr-only">{t("columns.select")}</span>
                  <SelectAll />
                </Th>
              )}
              {(["name", "powerState"] as const).map((key) => {
                const active = q.sort === key;
                const label = t(`columns.${key}`);
                return <SortableTh key={key} label={label} active={active} dir={q.dir} title={list("sortBy", { column: label })} href={href({ sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })} />;
              })}
              <Th>{t("columns.pool")}</Th>
              <SortableTh label={t("columns.policies")} active={q.sort === "coverage"} dir={q.dir} title={list("sortBy", { column: t("columns.policies") })} href={href({ sort: "coverage", dir: q.sort === "coverage" && q.dir === "asc" ? "desc" : "asc", page: 1 })} />
              <Th>{t("columns.replication")}</Th>
              <Th>{t("columns.actions")}</Th>
            </THead>
            <TBody>
              {rows.map((vm) => {
                const busy = vm.busyActivityId !== null;
                return (
                  <Tr key={vm.id}>
                    {can.backup && (
                      <Td>
                        <input type="checkbox" name="vmIds" value={vm.id} form={BULK_FORM_ID} aria-label={forms("selectVm", { vm: vm.name })} />
                      </Td>
                    )}
                    <RowHeader>{vm.name}</RowHeader>
                    <Td>{vm.busy ? <ActivityProgress activity={vm.busy} compact /> : <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>}</Td>
                    <Td>
                      {vm.pool.name} · {vm.pool.azId}
                    </Td>
                    <Td className="whitespace-normal">
                      {vm.policies.length === 0 ? (
                        <Badge tone="amber">{t("noPolicy")}</Badge>
                      ) : (
                        <span className="flex flex-wrap gap-1">
                          {vm.policies.map((p) => (
                            <PolicyChip key={p.id} tenantId={ctx.tenant.id} vm={{ id: vm.id, name: vm.name }} policy={p} canRemove={can.backup} busy={busy} />
                          ))}
                        </span>
                      )}
                    </Td>
                    <Td>
                      {vm.replication ? (
                        <span className="flex items-center gap-1.5">
                          <Badge tone={RPO_TONE[vm.replication.rpo.status]}>{forms(`rpo.${vm.replication.rpo.status}`)}</Badge>
                          <span className="text-xs text-slate-600 dark:text-slate-400">{t("replicatedTo", { az: vm.replication.targetAzId })}</span>
                        </span>
                      ) : can.replicate ? (
                        <ReplicateVmDialog tenantId={ctx.tenant.id} vm={{ id: vm.id, name: vm.name, azId: vm.pool.azId }} zones={zones} />
                      ) : (
                        <span className="text-xs text-slate-500 dark:text-slate-400">{t("notReplicated")}</span>
                      )}
                    </Td>
                    <Td className="whitespace-normal">
                      <VmBackupActions tenantId={ctx.tenant.id} vm={{ id: vm.id, name: vm.name, pool: vm.pool.name, powerState: vm.powerState, assigned: vm.policies, busy }} policies={policyRefs} canAssign={can.backup} canPower={can.power} />
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
        <Pager page={q.page} pages={w.pages} hrefFor={(page) => href({ page })} />
      </section>
    </>
  );
});
