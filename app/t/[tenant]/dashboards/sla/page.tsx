import type { Metadata } from "next";
import { connection } from "next/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getSlaDashboard } from "@/lib/services/dashboards-sla";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyRow } from "@/components/ui/table";
import { Violations } from "@/components/ui/violations";
import { CsvDownload } from "@/components/dashboards/csv-download";
import { Figure } from "@/components/dashboards/chart-card";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("slaDashboard"))("title") };
}

const RPO_TONE = { initial_copy: "blue", ok: "green", at_risk: "amber", breach: "red" } as const;

export default tenantPage({ permission: "metric:read", title: ["slaDashboard", "title"] }, async ({ ctx }) => {
  await connection();
  const d = await getSlaDashboard(ctx);
  const [t, c, format, locale] = await Promise.all([getTranslations("slaDashboard"), getTranslations("dashboardCommon"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const min = (n: number) => c("minutes", { value: format.number(Math.round(n * 100) / 100) });
  const pct = (r: number, digits = 0) => format.number(r, { style: "percent", maximumFractionDigits: digits });
  const month = format.dateTime(new Date(d.month.start), { month: "long", year: "numeric", timeZone: "UTC" });

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { month, elapsed: t("elapsedDays", { day: d.month.day, total: d.month.days }), target: pct(d.target, 2) })} />

      <section aria-labelledby="sla-tenants" className="mb-6">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 id="sla-tenants" className="font-semibold">
            {t("tenantsTable")}
          </h2>
          <CsvDownload
            label={c("csv")}
            filename={`sla-${new Date(d.month.start).toISOString().slice(0, 7)}.csv`}
            header={["tenant", "downtime_min", "allowed_min", "budget_used_pct", "availability_so_far", "target_met"]}
            rows={d.tenants.map((x) => [x.slug, x.downtimeMinutes, x.allowedMinutes, Math.round(x.budgetUsedPct * 10) / 10, x.availabilitySoFar, x.targetMet])}
          />
        </div>
        <Table label={t("tenantsTable")}>
          <THead>
            <Th>{t("tenant")}</Th>
            <Th align="right">{t("downtime")}</Th>
            <Th align="right">{t("budget")}</Th>
            <Th align="right">{t("budgetUsed")}</Th>
            <Th align="right">{t("availability")}</Th>
            <Th>{t("status")}</Th>
          </THead>
          <TBody>
            {d.tenants.map((x) => (
              <Tr key={x.id}>
                <RowHeader>{x.name}</RowHeader>
                <Td align="right">{min(x.downtimeMinutes)}</Td>
                <Td align="right">{min(x.allowedMinutes)}</Td>
                <Td align="right">
                  <span className="inline-flex items-center gap-2">
                    <span aria-hidden className="inline-block h-2 w-20 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
                      <span className={x.budgetUsedPct > 100 ? "block h-full bg-red-600" : x.budgetUsedPct > 50 ? "block h-full bg-amber-500" : "block h-full bg-emerald-600"} style={{ width: `${Math.min(100, x.budgetUsedPct)}%` }} />
                    </span>
                    {pct(x.budgetUsedPct / 100)}
                  </span>
                </Td>
                <Td align="right">{pct(x.availabilitySoFar, 4)}</Td>
                <Td>{x.targetMet ? <Badge tone="green">{t("met")}</Badge> : <Badge tone="red">{t("breached")}</Badge>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="sla-events" className="mb-6">
        <h2 id="sla-events" className="mb-2 font-semibold">
          {t("eventsTable")}
        </h2>
        <Table label={t("eventsTable")}>
          <THead>
            <Th>{t("resource")}</Th>
            <Th>{t("started")}</Th>
            <Th align="right">{t("duration")}</Th>
            <Th>{t("cause")}</Th>
          </THead>
          <TBody>
            {d.events.length === 0 && <EmptyRow colSpan={4}>{t("noEvents")}</EmptyRow>}
            {d.events.map((e) => (
              <Tr key={e.id}>
                <RowHeader>{e.resourceName}</RowHeader>
                <Td>{format.dateTime(new Date(e.startedAt), { dateStyle: "medium", timeStyle: "short" })}</Td>
                <Td align="right">
                  {min(e.minutes)} {e.open && <Badge tone="red">{t("ongoing")}</Badge>}
                </Td>
                <Td>{t.has(`cause_${e.cause.replace(/\./g, "_")}`) ? t(`cause_${e.cause.replace(/\./g, "_")}`) : e.cause}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="sla-pools" className="mb-6">
        <h2 id="sla-pools" className="mb-2 font-semibold">
          {t("poolsTable")}
        </h2>
        <Table label={t("poolsTable")}>
          <THead>
            <Th>{t("pool")}</Th>
            <Th align="right">{t("hosts")}</Th>
            <Th>{t("ha")}</Th>
            <Th>{t("status")}</Th>
          </THead>
          <TBody>
            {d.pools.length === 0 && <EmptyRow colSpan={4}>{t("noPools")}</EmptyRow>}
            {d.pools.map((p) => (
              <Tr key={p.id}>
                <RowHeader>{p.name}</RowHeader>
                <Td align="right">{format.number(p.hosts)}</Td>
                <Td>{p.haEnabled ? t("haOn") : t("haOff")}</Td>
                <Td>{p.eligible ? <Badge tone="green">{t("eligible")}</Badge> : <Violations title={t("notEligible")} items={toViolationViews(p.why, lang)} />}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="sla-rpo" className="mb-6">
        <h2 id="sla-rpo" className="mb-2 font-semibold">
          {t("rpoTable")}
        </h2>
        <Table label={t("rpoTable")}>
          <THead>
            <Th>{t("replication")}</Th>
            <Th>{t("kind")}</Th>
            <Th align="right">{t("rpo")}</Th>
            <Th align="right">{t("lag")}</Th>
            <Th>{t("status")}</Th>
          </THead>
          <TBody>
            {d.replications.length === 0 && <EmptyRow colSpan={5}>{t("noReplications")}</EmptyRow>}
            {d.replications.map((r) => (
              <Tr key={r.id}>
                <RowHeader>{r.name}</RowHeader>
                <Td>
                  {r.kind.replace(/_/g, " ").toLowerCase()} · {r.sourceAzId} → {r.targetAzId}
                </Td>
                <Td align="right">{min(r.promisedRpoMinutes)}</Td>
                <Td align="right">{r.lagMinutes === null ? t("never") : min(r.lagMinutes)}</Td>
                <Td>
                  <Badge tone={RPO_TONE[r.rpo]}>{t(`rpo_${r.rpo}`)}</Badge>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="sla-backup">
        <h2 id="sla-backup" className="mb-2 font-semibold">
          {t("backup")}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2">
          <Figure label={t("backup")} value={<span className="text-base">{t("backupCovered", { covered: d.backup.covered, total: d.backup.total, pct: pct(d.backup.coveragePct / 100) })}</span>} tone={d.backup.uncovered > 0 ? "amber" : "green"} />
          <Figure label={t("status")} value={<span className="text-base">{d.backup.runningUncovered > 0 ? t("backupRunning", { count: d.backup.runningUncovered }) : t("backupAllRunning")}</span>} tone={d.backup.runningUncovered > 0 ? "red" : "green"} />
        </dl>
      </section>
    </>
  );
});
