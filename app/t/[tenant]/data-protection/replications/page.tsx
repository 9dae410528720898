import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { langOf } from "@/lib/decision-view";
import { listMirrorCandidates, listReplications, standbyZones } from "@/lib/services/replication";
import { pageWindow } from "@/lib/list-query";
import { hasPermission } from "@/lib/permissions";
import { REPLICATION_KINDS, RPO_STATUSES, replicationList, type ReplicationListQuery, type ReplicationSort } from "@/lib/validation/data-protection";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { MirrorDatastoreDialog, StopReplicationButton } from "@/components/data-protection/replication-dialogs";
import { ListTools } from "@/components/ui/list/list-tools";
import { listListViews } from "@/lib/services/list-views";
import { LIST_COLUMNS, pickColumns, type ListColumn } from "@/lib/list-views";
import { tenantPage } from "../../tenant-page";
import { DataProtectionTabs } from "../tabs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dataProtection"))("tabReplication") };
}

const RPO_TONE = { initial_copy: "blue", ok: "green", at_risk: "amber", breach: "red" } as const;
const STATE_TONE = { INITIAL_COPY: "blue", ACTIVE: "green", PAUSED: "amber", FAILED_OVER: "grey" } as const;
const SORTABLE: Partial<Record<ListColumn<"replications">, ReplicationSort>> = { subject: "subject", kind: "kind", lastReplicatedAt: "lastReplicatedAt" };

export default tenantPage({ permission: "backup:read", title: ["dataProtection", "title"] }, async ({ ctx, searchParams }) => {
  const q: ReplicationListQuery = replicationList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/data-protection/replications`;
  const href = (change: Partial<ReplicationListQuery>) => replicationList.href(base, q, change);
  const now = new Date();
  const columns = pickColumns("replications", q.cols);
  const [stores, { total, rows }, views, t, forms, list, format, locale] = await Promise.all([
    listMirrorCandidates(ctx),
    listReplications(ctx, q, now),
    listListViews(ctx, "replications"),
    getTranslations("dataProtection"),
    getTranslations("dataProtectionForms"),
    getTranslations("list"),
    getFormatter(),
    getLocale(),
  ]);
  const lang = langOf(locale);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(href({ page: w.pages }));
  const canWrite = hasPermission(ctx.permissions, "replication:write");
  const zones = standbyZones(ctx);
  const filtered = Boolean(q.kind || q.rpo || q.q);
  const clearHref = href({ kind: undefined, rpo: undefined, q: undefined, page: 1 });
  const labels = Object.fromEntries(LIST_COLUMNS.replications.all.map((c) => [c, t(`replicationColumns.${c}`)]));
  const gib = (n: number) => t("gib", { value: format.number(n) });
  const sortHeader = (key: ReplicationSort, label: string) => {
    const active = q.sort === key;
    return <SortableTh key={key} label={label} active={active} dir={q.dir} title={list("sortBy", { column: label })} href={href({ sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })} />;
  };

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <DataProtectionTabs tenant={ctx.tenant.slug} current="replication" />

      <section aria-labelledby="mirrors-title" className="mb-8">
        <h2 id="mirrors-title" className="mb-1 text-base font-semibold">{t("mirrorsTitle")}</h2>
        <p className="mb-2 max-w-4xl text-sm text-slate-600 dark:text-slate-400">{t("mirrorsNote")}</p>
        {stores.length === 0 ? (
          <EmptyState>{t("noDatastores")}</EmptyState>
        ) : (
          <Table label={t("mirrorsCaption")}>
            <THead>
              <Th>{t("mirrorColumns.name")}</Th>
              <Th>{t("mirrorColumns.tier")}</Th>
              <Th>{t("mirrorColumns.az")}</Th>
              <Th align="right">{t("mirrorColumns.size")}</Th>
              <Th>{t("mirrorColumns.mirror")}</Th>
              {canWrite && <Th>{t("mirrorColumns.actions")}</Th>}
            </THead>
            <TBody>
              {stores.map((s) => (
                <Tr key={s.id}>
                  <RowHeader>{s.name}</RowHeader>
                  <Td>
                    {s.tierLabel}
                    {s.encryptedVms > 0 && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{t("encryptedVms", { count: s.encryptedVms })}</span>}
                  </Td>
                  <Td>{s.azId}</Td>
                  <Td align="right">{gib(s.sizeGib)}</Td>
                  <Td>{s.mirror ? <Badge tone={s.mirror.status === "ACTIVE" ? "green" : "blue"}>{t("mirrorTo", { kind: forms(`kinds.${s.mirror.kind}`), az: s.mirror.targetAzId })}</Badge> : <span className="text-slate-500 dark:text-slate-400">{t("noMirror")}</span>}</Td>
                  {canWrite && <Td>{!s.mirror && s.status === "ACTIVE" && <MirrorDatastoreDialog tenantId={ctx.tenant.id} datastore={{ id: s.id, name: s.name, azId: s.azId }} zones={zones} />}</Td>}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="replications-title">
        <h2 id="replications-title" className="mb-2 text-base font-semibold">{t("replicationsTitle")}</h2>
        <FilterBar
          instant
          action={base}
          label={t("replicationFilters")}
          keep={{ sort: q.sort !== "subject" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }}
          clearHref={filtered ? clearHref : undefined}
          tools={<ListTools tenantId={ctx.tenant.id} list="replications" listLabel={t("replicationsTitle")} shown={columns} labels={labels} base={base} views={views} />}
        >
          <Field id="replication-q" label={t("filterSubject")}>
            {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} maxLength={100} autoComplete="off" className="w-52" />}
          </Field>
          <Field id="replication-kind" label={t("kind")}>
            {(aria) => (
              <Select {...aria} name="kind" defaultValue={q.kind ?? ""}>
                <option value="">{t("allKinds")}</option>
                {REPLICATION_KINDS.map((k) => (
                  <option key={k} value={k}>{forms(`kinds.${k}`)}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="replication-rpo" label={t("rpoStatus")}>
            {(aria) => (
              <Select {...aria} name="rpo" defaultValue={q.rpo ?? ""}>
                <option value="">{t("allRpo")}</option>
                {RPO_STATUSES.map((r) => (
                  <option key={r} value={r}>{forms(`rpo.${r}`)}</option>
                ))}
              </Select>
            )}
          </Field>
        </FilterBar>
        <ListSummary from={w.from} to={w.to} total={total} />
        {rows.length === 0 ? (
          <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("noReplicationMatch")} none={t("noReplications")} />
        ) : (
          <Table label={t("replicationsCaption")} stack>
            <THead>
              {columns.map((c) => {
                const sort = SORTABLE[c];
                return sort ? sortHeader(sort, labels[c]!) : <Th key={c} align={c === "rpo" ? "right" : "left"}>{labels[c]}</Th>;
              })}
              {canWrite && <Th>{t("replicationColumns.actions")}</Th>}
            </THead>
            <TBody>
              {rows.map((r) => {
                const subject = r.vm?.name ?? r.datastore?.name ?? r.id;
                const breach = r.rpoWarnings[0];
                const cell: Record<ListColumn<"replications">, React.ReactNode> = {
                  subject: <RowHeader key="subject" label={labels.subject}>{subject}</RowHeader>,
                  kind: <Td key="kind" label={labels.kind}>{forms(`kinds.${r.kind}`)}</Td>,
                  sites: <Td key="sites" label={labels.sites}>{t("sites", { from: r.sourceAzId, to: r.targetAzId })}</Td>,
                  rpo: <Td key="rpo" label={labels.rpo} align="right">{t("minutes", { value: r.promisedRpoMinutes })}</Td>,
                  lastReplicatedAt: (
                    <Td key="lastReplicatedAt" label={labels.lastReplicatedAt} className="tabular-nums">
                      {r.kind === "METRO_MIRROR" && r.status === "ACTIVE" ? (
                        t("current")
                      ) : r.lastReplicatedAt ? (
                        <time dateTime={r.lastReplicatedAt.toISOString()} title={format.dateTime(r.lastReplicatedAt, { dateStyle: "medium", timeStyle: "short" })}>
                          {format.relativeTime(r.lastReplicatedAt, now)}
                        </time>
                      ) : (
                        t("noPoint")
                      )}
                    </Td>
                  ),
                  status: (
                    <Td key="status" label={labels.status}>
                      <Badge tone={RPO_TONE[r.rpo.status]} title={breach?.message[lang]}>
                        {forms(`rpo.${r.rpo.status}`)}
                      </Badge>
                    </Td>
                  ),
                  state: <Td key="state" label={labels.state}>{r.busy ? <ActivityProgress activity={r.busy} compact /> : <Badge tone={STATE_TONE[r.status]}>{forms(`states.${r.status}`)}</Badge>}</Td>,
                };
                return (
                  <Tr key={r.id}>
                    {columns.map((c) => cell[c])}
                    {canWrite && (
                      <Td label={t("replicationColumns.actions")}>
                        <StopReplicationButton tenantId={ctx.tenant.id} replication={{ id: r.id, subject, standbyAz: r.targetAzId, busy: r.busyActivityId !== null }} />
                      </Td>
                    )}
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
        <Pager page={q.page} pages={w.pages} hrefFor={(page) => href({ page })} />
        <p className="mt-4 max-w-4xl text-xs text-slate-600 dark:text-slate-400">{t("standbyLegend")}</p>
      </section>
    </>
  );
});
