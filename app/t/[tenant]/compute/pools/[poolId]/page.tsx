import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getPool } from "@/lib/services/pools";
import { hasPermission } from "@/lib/permissions";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { checkMaintenanceReadiness } from "@/lib/domain/pool";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { NotFoundError } from "@/lib/errors";
import { poolVmPage } from "@/lib/validation/pools";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { Violations } from "@/components/ui/violations";
import { Pager } from "@/components/ui/list/pager";
import { buttonVariants } from "@/components/ui/button";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { ActivatedMemoryForm } from "@/components/pools/activated-memory-form";
import { HaSwitch, MaintenanceButton } from "@/components/pools/pool-controls";
import { AffinityRuleForm } from "@/components/affinity/rule-form";
import { AffinityRuleActions } from "@/components/affinity/rule-actions";
import { tenantPage } from "../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("poolPage"))("title") };
}

const HOST_TONE = { CONNECTED: "green", MAINTENANCE: "amber", PROVISIONING: "blue", DISCONNECTED: "red" } as const;
const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;

export default tenantPage<{ poolId: string }>({ permission: "compute:read", title: ["poolPage", "title"] }, async ({ ctx, params, searchParams }) => {
  const page = poolVmPage.parse(searchParams.vmPage);
  const pool = await getPool(ctx, params.poolId, page).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [t, hosts, ps, format, locale] = await Promise.all([getTranslations("poolPage"), getTranslations("hosts"), getTranslations("powerState"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const base = `/t/${ctx.tenant.slug}`;
  const m = pool.memory;
  // The same check a maintenance runs, so the summary never promises what HOST.MAINTENANCE_CAPACITY refuses.
  const maintenance = checkMaintenanceReadiness(pool.state);
  const gb = (n: number) => t("gb", { value: format.number(n) });
  const pct = (r: number) => (Number.isFinite(r) ? format.number(r, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const limit = format.number(MEMORY_PRESSURE_LIMIT, { style: "percent" });
  const manage = hasPermission(ctx.permissions, "compute:management");
  const write = hasPermission(ctx.permissions, "compute:write");
  const vmHref = (p: number) => (p > 1 ? `${base}/compute/pools/${pool.id}?vmPage=${p}` : `${base}/compute/pools/${pool.id}`);

  return (
    <>
      <PageHeader title={pool.name} subtitle={t("subtitle", { nodeType: pool.nodeType.label, az: pool.azId, ram: format.number(pool.nodeType.ramGb) })}>
        {hasPermission(ctx.permissions, "order:write") && (
          <Link href={`${base}/orders/new?kind=hosts&poolId=${pool.id}`} className={buttonVariants({ variant: "primary", size: "md" })}>{t("orderHosts")}</Link>
        )}
      </PageHeader>
      {pool.busy && (
        <div className="mb-4">
          <ActivityProgress activity={pool.busy} />
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="pool-memory" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="pool-memory" className="mb-3 font-semibold">{t("memory")}</h2>
          <UsageBar ratio={m.usedRatio} limit={MEMORY_PRESSURE_LIMIT} label={t("usedOfCapacity", { used: gb(m.usedGb), capacity: gb(m.capacityGb), percent: pct(m.usedRatio) })} />
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="pool-figures">
            <dt className="text-slate-600 dark:text-slate-400">{t("activated")}</dt>
            <dd>{t("activatedOf", { activated: gb(m.activatedGb), min: format.number(m.minActivatedGb), max: format.number(m.maxActivatedGb) })}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("capacity")}</dt>
            <dd>{t("capacityOf", { capacity: gb(m.capacityGb), hosts: m.availableHostCount, share: gb(Math.round(m.hostShareGb * 100) / 100) })}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("line", { limit })}</dt>
            <dd>
              {gb(m.pressureLimitGb)}{" "}
              {m.inPressure ? <Badge tone="red">{t("pressure", { limit })}</Badge> : <span className="text-slate-600 dark:text-slate-400">{t("headroom", { value: gb(Math.floor(m.headroomGbBefore85)) })}</span>}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("nPlusOne")}</dt>
            <dd>{m.nPlusOneOk ? <Badge tone="green">{t("nPlusOneOk")}</Badge> : <Badge tone="amber">{t("nPlusOneNo")}</Badge>}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("maintenance")}</dt>
            <dd data-testid="pool-maintenance">{maintenance.ok ? <Badge tone="green">{t("maintenanceOk")}</Badge> : <Badge tone="amber">{t("maintenanceNo")}</Badge>}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("sla")}</dt>
            <dd>{m.slaEligible ? <Badge tone="green">{t("slaEligible")}</Badge> : <Badge tone="amber">{t("slaIneligible")}</Badge>}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("ha")}</dt>
            <dd className="flex items-center gap-3">
              {pool.haEnabled ? t("haOn") : t("haOff")}
              {manage && <HaSwitch tenantId={ctx.tenant.id} poolId={pool.id} haEnabled={pool.haEnabled} consequence={toViolationViews(pool.haConsequence, lang)} disabled={Boolean(pool.busy)} />}
            </dd>
          </dl>
          {pool.slaWhy.length > 0 && <Violations className="mt-3" items={toViolationViews(pool.slaWhy, lang)} title={t("slaWhy")} />}
          {!maintenance.ok && <Violations className="mt-3" items={toViolationViews(maintenance.violations, lang)} title={t("maintenanceNo")} />}
          <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{t("nPlusOneHint", { limit })}</p>
        </section>

        <section aria-labelledby="pool-activated" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="pool-activated" className="mb-3 font-semibold">{t("changeActivated")}</h2>
          {manage ? <ActivatedMemoryForm key={pool.activatedMemoryGb} tenantId={ctx.tenant.id} pool={pool.state} disabled={Boolean(pool.busy)} /> : <p className="text-sm">{t("needsManagement")}</p>}
        </section>
      </div>

      <section aria-labelledby="pool-hosts" className="mt-6">
        <h2 id="pool-hosts" className="mb-2 text-lg font-semibold">{t("hosts", { count: pool.hosts.length })}</h2>
        <Table label={t("hostsTable")}>
          <THead>
            <Th>{hosts("columns.name")}</Th>
            <Th>{hosts("columns.status")}</Th>
            <Th>{hosts("columns.memory")}</Th>
            <Th align="right">{hosts("columns.vms")}</Th>
            {manage && <Th>{t("maintenance")}</Th>}
          </THead>
          <TBody>
            {pool.hosts.map((h) => (
              <Tr key={h.id}>
                <RowHeader>{h.name}</RowHeader>
                <Td>{h.busy ? <ActivityProgress activity={h.busy} compact /> : <Badge tone={HOST_TONE[h.status]} dot>{hosts(`status.${h.status}`)}</Badge>}</Td>
                <Td>
                  {h.status === "CONNECTED" ? (
                    <UsageBar ratio={h.usedRatio} limit={1} label={hosts("heldOf", { held: gb(h.usedGb), share: gb(Math.round(h.shareGb * 100) / 100) })} />
                  ) : (
                    <span className="text-xs text-slate-600 dark:text-slate-400">{hosts("noShare")}</span>
                  )}
                </Td>
                <Td align="right">{format.number(h.vmCount)}</Td>
                {manage && (
                  <Td>
                    <MaintenanceButton
                      tenantId={ctx.tenant.id}
                      host={{ id: h.id, name: h.name, status: h.status }}
                      disabled={Boolean(h.busy)}
                      verdict={
                        h.maintenance === null
                          ? null
                          : h.maintenance.ok
                            ? { ok: true, warnings: toViolationViews(h.maintenance.warnings, lang), moves: h.maintenance.moves }
                            : { ok: false, violations: toViolationViews(h.maintenance.violations, lang) }
                      }
                    />
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="pool-rules" className="mt-6">
        <h2 id="pool-rules" className="mb-2 text-lg font-semibold">{t("rules")}</h2>
        {pool.rules.length === 0 ? (
          <EmptyState>{t("noRules")}</EmptyState>
        ) : (
          <Table label={t("rules")}>
            <THead>
              <Th>{t("ruleName")}</Th>
              <Th>{t("ruleKind")}</Th>
              <Th>{t("ruleVms")}</Th>
              <Th>{t("ruleState")}</Th>
              {write && <Th>{t("ruleActions")}</Th>}
            </THead>
            <TBody>
              {pool.rules.map((r) => (
                <Tr key={r.id}>
                  <RowHeader>{r.name}</RowHeader>
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
        {write && (
          <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <summary className="cursor-pointer font-medium">{t("newRule")}</summary>
            <div className="mt-3">
              <AffinityRuleForm tenantId={ctx.tenant.id} pool={pool.state} vms={pool.state.vms.map((v) => ({ id: v.id, name: v.name ?? v.id, memoryGb: v.memoryGb })).sort((a, b) => a.name.localeCompare(b.name))} />
            </div>
          </details>
        )}
      </section>

      <section aria-labelledby="pool-vms" className="mt-6">
        <h2 id="pool-vms" className="mb-2 text-lg font-semibold">{t("vms", { count: pool.vms.total })}</h2>
        {pool.vms.total === 0 ? (
          <EmptyState>{t("noVms")}</EmptyState>
        ) : (
          <Table label={t("vmsTable")}>
            <THead>
              <Th>{t("vmName")}</Th>
              <Th>{t("vmState")}</Th>
              <Th>{t("vmHost")}</Th>
              <Th align="right">{t("vmMemory")}</Th>
            </THead>
            <TBody>
              {pool.vms.rows.map((v) => (
                <Tr key={v.id}>
                  <RowHeader>
                    <Link href={`${base}/compute/vms/${v.id}`} className="hover:underline">{v.name}</Link>
                  </RowHeader>
                  <Td><Badge tone={POWER_TONE[v.powerState]} dot>{ps(v.powerState)}</Badge></Td>
                  <Td>{v.host?.name ?? "—"}</Td>
                  <Td align="right">{format.number(v.memoryGb)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pager page={pool.vms.page} pages={pool.vms.pages} hrefFor={vmHref} />
      </section>
    </>
  );
});
