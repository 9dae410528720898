import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getVm } from "@/lib/services/vms";
import { usableVlans } from "@/lib/services/vm-nics";
import { listCatalog, vmCatalogSide } from "@/lib/services/catalog";
import { listDetachedDisks } from "@/lib/services/detached-disks";
import { vmMigrateOptions } from "@/lib/services/vm-migrate";
import { listActivities } from "@/lib/services/activities";
import { listAuditEvents } from "@/lib/services/audit";
import { vmBackupState } from "@/lib/services/backup-jobs";
import { NotFoundError } from "@/lib/errors";
import { hasPermission, type Permission } from "@/lib/permissions";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { SNAPSHOTS_ADVISED_MAX, VM_REPLICATION_WRITE_HEAVY_MBPS } from "@/lib/domain/catalogue";
import { parseActivityListQuery } from "@/lib/validation/activity-list";
import { parseAuditListQuery } from "@/lib/validation/audit-list";
import { Badge } from "@/components/ui/badge";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Violations } from "@/components/ui/violations";
import { linkClass } from "@/components/ui/styles";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { ActivityTable } from "@/components/activity/activity-table";
import { AuditTable } from "@/components/audit/audit-table";
import { EncryptionPadlock } from "@/components/vms/encryption-padlock";
import { MigrateVmButton } from "@/components/vms/vm-migrate";
import { DeleteDiskButton, DeleteSnapshotButton, GrowDiskButton, RevertSnapshotButton, PowerControls, VmConfigActions } from "@/components/vms/vm-actions";
import { controllerName, systemDiskOf } from "@/lib/domain/disks";
import { TagList } from "@/components/vms/tag-list";
import { AddNicButton, EditNicButton, RemoveNicButton } from "@/components/vms/vm-nics";
import { VmBackupActions } from "@/components/data-protection/backup-actions";
import { PromoteRestoreButton, RunBackupButton } from "@/components/data-protection/backup-job-actions";
import { BackupJobTable } from "@/components/data-protection/backup-job-table";
import { ExportTemplateButton, MountIsoButton, UnmountIsoButton } from "@/components/vms/vm-cd-drive";
import { AttachDiskButton, DetachDiskButton } from "@/components/vms/vm-detached-disks";
import { ConsoleHistory, consoleCursor, parseConsoleCursor } from "@/components/vms/console-history";
import { listConsoleHistory } from "@/lib/services/console";
import { secondaryButtonClass } from "@/components/ui/styles";
import { toActionsVm } from "@/components/vms/actions-vm";
import { tenantPage } from "../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vmPage"))("title") };
}

const POWER_TONE = { POWERED_ON: "green", POWERED_OFF: "grey", SUSPENDED: "amber" } as const;
const RPO_TONE = { initial_copy: "blue", ok: "green", at_risk: "amber", breach: "red" } as const;
/** How many rows of its history and trail the VM page shows; the full pages have the rest. */
const LATEST = 10;

function Section({ title, id, action, children }: { title: string; id: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">{children}</p>;
}

export default tenantPage<{ vmId: string }>({ permission: "compute:read", title: ["vmPage", "title"] }, async ({ ctx, params, searchParams }) => {
  const can = (p: Permission) => hasPermission(ctx.permissions, p);
  const vm = await getVm(ctx, params.vmId).catch((e: unknown) => {
    // Another tenant's VM is not found, exactly like one that does not exist.
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const base = `/t/${ctx.tenant.slug}`;
  const historyQuery = { ...parseActivityListQuery({ resourceType: "vm", resourceId: vm.id }), pageSize: LATEST };
  const trailQuery = { ...parseAuditListQuery({ targetType: "vm", targetId: vm.id }), pageSize: LATEST };
  const reader = langOf(await getLocale());
  const [history, trail, vlans, migrateOptions, t, ps, tl, format, locale, backup, bt, catalogSide, catalogItems, tc, detached] = await Promise.all([
    can("activity:read") ? listActivities(ctx, historyQuery) : null,
    can("audit:read") ? listAuditEvents(ctx, trailQuery, reader) : null,
    usableVlans(ctx),
    vmMigrateOptions(ctx),
    getTranslations("vmPage"),
    getTranslations("powerState"),
    getTranslations("vmList"),
    getFormatter(),
    getLocale(),
    can("backup:read") ? vmBackupState(ctx, vm.id) : null,
    getTranslations("backupJobs"),
    vmCatalogSide(ctx, vm.id),
    listCatalog(ctx),
    getTranslations("vmCatalog"),
    listDetachedDisks(ctx, vm.datastore.id),
  ]);
  const isos = catalogItems.filter((i) => i.kind === "ISO").map((i) => ({ id: i.id, name: i.name }));
  const lang = langOf(locale);
  const now = new Date();
  const consoleAfter = parseConsoleCursor(searchParams.consoleAfter);
  const wc = await getTranslations("webConsole");
  const consoleHistory = can("audit:read") ? await listConsoleHistory(ctx, vm.id, { size: LATEST, after: consoleAfter }) : null;
  const n = (x: number) => format.number(x);
  const blockers = toViolationViews(vm.encryptionBlockers, lang);
  const actionsVm = toActionsVm(vm);
  const systemDiskId = systemDiskOf(vm.disks)?.id;
  const vmCan = { power: can("vm:power"), write: can("compute:write"), manage: can("compute:management") };
  const replications = [...vm.replications.map((r) => ({ ...r, scope: "vm" as const })), ...vm.datastoreReplications.map((r) => ({ ...r, scope: "datastore" as const }))];

  const figures: [string, React.ReactNode][] = [
    [t("figures.power"), vm.busy && vm.busy.type.startsWith("vm.power") ? <ActivityProgress activity={vm.busy} compact /> : <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>],
    [t("figures.host"), vm.host?.name ?? <span className="text-slate-500 dark:text-slate-400">{t("unplaced")}</span>],
    [t("figures.pool"), <span key="pool">{vm.pool.name} <span className="text-slate-500 dark:text-slate-400">· {vm.pool.azId} · {vm.pool.nodeType.label}</span></span>],
    [t("figures.datastore"), <span key="ds">{vm.datastore.name} <span className="text-slate-500 dark:text-slate-400">· {vm.datastore.azId} · {vm.datastore.tierCode}</span></span>],
    [t("figures.cpu"), t("figures.cpuValue", { cpu: n(vm.cpu), max: n(vm.pool.nodeType.threads) })],
    [t("figures.memory"), t("figures.gb", { value: n(vm.memoryGb) })],
    [t("figures.guestOs"), vm.guestOs],
    [t("figures.iops"), t("figures.iopsValue", { value: n(vm.iopsDemand) })],
    [
      t("figures.writeRate"),
      <span key="wr" className="inline-flex items-center gap-1.5">
        {t("figures.mbps", { value: format.number(vm.writeRateMbps, { maximumFractionDigits: 1 }) })}
        {vm.writeRateMbps > VM_REPLICATION_WRITE_HEAVY_MBPS && <Badge tone="amber">{t("figures.writeHeavy")}</Badge>}
      </span>,
    ],
    [t("figures.created"), format.dateTime(vm.createdAt, { dateStyle: "medium" })],
    [t("figures.tags"), <TagList key="tags" wrap tags={vm.tags} hrefFor={(tag) => `${base}/compute/vms?tag=${encodeURIComponent(tag)}`} label={tl("tagsOf", { name: vm.name })} empty={tl("noTags")} />],
  ];

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-xs">
        <Link href={`${base}/compute/vms`} className="inline-flex items-center gap-0.5 text-slate-600 hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-white">
          <ChevronLeft aria-hidden className="size-3.5" />
          {t("back")}
        </Link>
      </nav>
      <header className="mb-4 flex flex-col gap-3 border-b border-slate-200 pb-4 dark:border-slate-800">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <h1 className="text-xl font-semibold break-all">{vm.name}</h1>
          <Badge tone={POWER_TONE[vm.powerState]} dot>{ps(vm.powerState)}</Badge>
          {vm.status === "PROVISIONING" && <Badge tone="blue">{t("provisioning")}</Badge>}
          <EncryptionPadlock tenantId={ctx.tenant.id} canManage={vmCan.manage} vm={{ id: vm.id, name: vm.name, encryption: vm.encryption, busy: vm.busy, blockers }} />
        </div>
        <p className="text-slate-600 dark:text-slate-400">{t("subtitle", { os: vm.guestOs, pool: vm.pool.name, az: vm.pool.azId })}</p>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <PowerControls tenantId={ctx.tenant.id} vm={actionsVm} can={vmCan} />
          <span aria-hidden className="hidden h-5 w-px bg-slate-200 sm:block dark:bg-slate-700" />
          <VmConfigActions tenantId={ctx.tenant.id} tenantSlug={ctx.tenant.slug} vm={actionsVm} can={vmCan} />
          <MigrateVmButton tenantId={ctx.tenant.id} vm={actionsVm} place={{ poolId: vm.pool.id, hostId: vm.host?.id ?? null, datastoreId: vm.datastore.id }} options={migrateOptions} can={vmCan} />
          <ExportTemplateButton tenantId={ctx.tenant.id} vm={actionsVm} can={vmCan} />
          <Link href={`${base}/compute/vms/${vm.id}/console`} className={`${secondaryButtonClass} inline-flex items-center gap-1.5`} title={wc("openTitle", { name: vm.name })}>
            {wc("open")}
            <Badge tone="amber">{wc("simulated")}</Badge>
          </Link>
        </div>
      </header>

      {vm.busy && (
        <div role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-brand-500/40 bg-brand-50 px-4 py-3 dark:bg-brand-700/20" data-testid="running-activity">
          <span className="text-sm font-medium">{t("inProgress")}</span>
          <ActivityProgress activity={vm.busy} />
        </div>
      )}

      {/*
        Three blocks: the VM's make-up, its state and protection (encryption, backup, replication),
        and its long logs. On a wide screen the protection column sits on the right beside both; on
        a phone it comes before the logs, so what protects the VM is not below two tables of history.
      */}
      <div className="grid gap-6 xl:grid-cols-3 xl:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 xl:col-span-2 xl:row-start-1">
          <Section title={t("sections.figures")} id="vm-figures">
            <dl className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-800">
              {figures.map(([k, v], i) => (
                // An odd last figure fills its row: no grey hole in the grid.
                <div key={k} className={`flex items-baseline justify-between gap-3 bg-white px-3 py-2 dark:bg-slate-900 ${i === figures.length - 1 && figures.length % 2 === 1 ? "sm:col-span-2" : ""}`}>
                  <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
                  <dd className="text-right font-medium">{v}</dd>
                </div>
              ))}
            </dl>
          </Section>

          <Section title={t("sections.disks")} id="vm-disks" action={<AttachDiskButton tenantId={ctx.tenant.id} vm={actionsVm} disks={detached} can={vmCan} />}>
            {vm.disks.length === 0 ? (
              <Empty>{t("noDisks")}</Empty>
            ) : (
              <Table label={t("tableOf", { section: t("sections.disks"), name: vm.name })}>
                <THead>
                  <Th>{t("disks.label")}</Th>
                  <Th align="right">{t("disks.size")}</Th>
                  <Th align="right">{t("disks.used")}</Th>
                  <Th>{t("disks.provisioning")}</Th>
                  <Th>{t("disks.mode")}</Th>
                  <Th>{t("disks.controller")}</Th>
                  <Th>{t("disks.datastore")}</Th>
                  <Th>
                    <span className="sr-only">{t("disks.actions")}</span>
                  </Th>
                </THead>
                <TBody>
                  {vm.disks.map((d) => (
                    <Tr key={d.id}>
                      <RowHeader>
                        {d.label}
                        {d.id === systemDiskId && <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">({t("disks.system")})</span>}
                      </RowHeader>
                      <Td align="right">{n(d.sizeGib)}</Td>
                      <Td align="right">{n(d.usedGib)}</Td>
                      <Td>{t(`disks.${d.provisioning}`)}</Td>
                      <Td>
                        <span className="inline-flex flex-wrap items-center gap-1.5">
                          {t(`disks.${d.mode}`)}
                          {d.mode === "INDEPENDENT" && <Badge tone="amber">{t("disks.notBackedUp")}</Badge>}
                        </span>
                      </Td>
                      <Td>{controllerName(d)}</Td>
                      <Td>{d.datastore.name}</Td>
                      <Td align="right">
                        <span className="inline-flex gap-1">
                          <GrowDiskButton tenantId={ctx.tenant.id} vm={actionsVm} disk={{ id: d.id, label: d.label, sizeGib: d.sizeGib, system: d.id === systemDiskId }} can={vmCan} />
                          <DetachDiskButton tenantId={ctx.tenant.id} vm={actionsVm} disk={{ id: d.id, label: d.label, system: d.id === systemDiskId }} can={vmCan} />
                          <DeleteDiskButton tenantId={ctx.tenant.id} vm={actionsVm} disk={{ id: d.id, label: d.label, sizeGib: d.sizeGib, system: d.id === systemDiskId }} can={vmCan} />
                        </span>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>

          <Section title={t("sections.nics")} id="vm-nics" action={<AddNicButton tenantId={ctx.tenant.id} vm={actionsVm} vlans={vlans} can={vmCan} />}>
            {vm.nics.length === 0 ? (
              <Empty>{t("noNics")}</Empty>
            ) : (
              <Table label={t("tableOf", { section: t("sections.nics"), name: vm.name })}>
                <THead>
                  <Th>{t("nics.label")}</Th>
                  <Th>{t("nics.type")}</Th>
                  <Th>{t("nics.vlan")}</Th>
                  <Th>{t("nics.mac")}</Th>
                  <Th>{t("nics.connected")}</Th>
                  <Th>{t("nics.address")}</Th>
                  <Th>
                    <span className="sr-only">{t("nics.actions")}</span>
                  </Th>
                </THead>
                <TBody>
                  {vm.nics.map((nic) => (
                    <Tr key={nic.id}>
                      <RowHeader>{nic.label}</RowHeader>
                      <Td>{nic.type}</Td>
                      <Td>
                        {nic.vlan.name} <span className="text-slate-500 dark:text-slate-400">· VLAN {nic.vlan.tag}</span>
                      </Td>
                      <Td><span className="font-mono text-xs">{nic.mac}</span></Td>
                      <Td>
                        <Badge tone={nic.connected ? "green" : "grey"} dot>{t(nic.connected ? "nics.yes" : "nics.no")}</Badge>
                      </Td>
                      {/* Its static lease on the VLAN's subnet; a VLAN without a subnet gives none: said, not invented. */}
                      <Td>
                        {nic.ipAddress ? (
                          <span className="font-mono text-xs" title={t("nics.addressOf", { subnet: nic.vlan.subnet ?? "" })}>{nic.ipAddress}</span>
                        ) : (
                          <span title={t("nics.addressNone")}>—<span className="sr-only"> {t("nics.addressNone")}</span></span>
                        )}
                      </Td>
                      <Td align="right">
                        <span className="inline-flex gap-1">
                          <EditNicButton tenantId={ctx.tenant.id} vm={actionsVm} nic={nic} vlans={vlans} can={vmCan} />
                          <RemoveNicButton tenantId={ctx.tenant.id} vm={actionsVm} nic={nic} can={vmCan} />
                        </span>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>

          <Section title={tc("drive")} id="vm-cd-drive" action={catalogSide.drive.iso ? <UnmountIsoButton tenantId={ctx.tenant.id} vm={actionsVm} iso={catalogSide.drive.iso} can={vmCan} /> : <MountIsoButton tenantId={ctx.tenant.id} vm={actionsVm} isos={isos} can={vmCan} />}>
            <p data-testid="cd-drive" className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
              {catalogSide.drive.iso ? tc("driveHolds", { drive: catalogSide.drive.label, iso: catalogSide.drive.iso.name }) : tc("driveEmpty", { drive: catalogSide.drive.label })}
            </p>
          </Section>

          <Section title={tc("cloudInit")} id="vm-cloud-init">
            {catalogSide.cloudInit === null ? (
              <Empty>{tc("noCloudInit")}</Empty>
            ) : (
              <div className="space-y-3">
                <div>
                  <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{tc("sshKeys")}</h3>
                  {catalogSide.cloudInit.keys.length === 0 ? (
                    <p className="text-slate-600 dark:text-slate-400">{tc("noSshKeys")}</p>
                  ) : (
                    <ul className="space-y-1" aria-label={tc("sshKeys")}>
                      {catalogSide.cloudInit.keys.map((k) => (
                        <li key={k.fingerprint} className="font-mono text-xs break-all">
                          {k.type} <span title={tc("fingerprint")}>{k.fingerprint}</span> {k.comment}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <div>
                  <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{tc("userData")}</h3>
                  {catalogSide.cloudInit.userData ? (
                    <pre className="max-h-64 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{catalogSide.cloudInit.userData}</pre>
                  ) : (
                    <p className="text-slate-600 dark:text-slate-400">{tc("noUserData")}</p>
                  )}
                </div>
              </div>
            )}
          </Section>

          <Section
            title={t("sections.snapshots")}
            id="vm-snapshots"
            action={<span className="text-xs text-slate-600 dark:text-slate-400">{t("snapshots.count", { count: vm.snapshots.length, max: SNAPSHOTS_ADVISED_MAX })}</span>}
          >
            {vm.snapshots.length > SNAPSHOTS_ADVISED_MAX && (
              <p role="status" className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
                {t("snapshots.tooMany", { max: SNAPSHOTS_ADVISED_MAX, name: vm.name, count: vm.snapshots.length })}
              </p>
            )}
            {vm.snapshots.length === 0 ? (
              <Empty>{t("noSnapshots")}</Empty>
            ) : (
              <Table label={t("tableOf", { section: t("sections.snapshots"), name: vm.name })}>
                <THead>
                  <Th>{t("snapshots.name")}</Th>
                  <Th align="right">{t("snapshots.size")}</Th>
                  <Th>{t("snapshots.created")}</Th>
                  <Th>
                    <span className="sr-only">{t("snapshots.actions")}</span>
                  </Th>
                </THead>
                <TBody>
                  {vm.snapshots.map((s) => (
                    <Tr key={s.id}>
                      <RowHeader>{s.name}</RowHeader>
                      <Td align="right">{n(s.sizeGib)}</Td>
                      <Td>{format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
                      <Td align="right">
                        <span className="inline-flex gap-1">
                          <RevertSnapshotButton tenantId={ctx.tenant.id} vm={actionsVm} snapshot={{ id: s.id, name: s.name }} takenAt={format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" })} can={vmCan} />
                          <DeleteSnapshotButton tenantId={ctx.tenant.id} vm={actionsVm} snapshot={{ id: s.id, name: s.name }} can={vmCan} />
                        </span>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>

          {backup && (
            <Section
              title={bt("vmJobs")}
              id="vm-backup-jobs"
              action={backup.jobCount > 0 ? <Link href={`${base}/data-protection/jobs?vmId=${vm.id}`} className={`text-xs ${linkClass}`}>{bt("allJobs", { count: backup.jobCount })}</Link> : undefined}
            >
              {backup.jobs.length === 0 ? (
                <Empty>{bt("noJobsForVm")}</Empty>
              ) : (
                <BackupJobTable rows={backup.jobs} tenantSlug={ctx.tenant.slug} label={t("tableOf", { section: bt("vmJobs"), name: vm.name })} showVm={false} />
              )}
              {backup.restoreTests.length > 0 && (
                <ul className="mt-2 space-y-1 text-sm">
                  {backup.restoreTests.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2">
                      <Badge tone="amber">{bt("restoreTest")}</Badge>
                      <Link href={`${base}/compute/vms/${c.id}`} className={linkClass}>{c.name}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}

        </div>

        <div className="min-w-0 space-y-6 xl:col-start-3 xl:row-span-2 xl:row-start-1">
          <Section title={t("sections.encryption")} id="vm-encryption">
            <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <p className="text-sm">
                {vm.encryption === "ENCRYPTED"
                  ? t("encryption.encrypted", { date: vm.encryptedAt ? format.dateTime(vm.encryptedAt, { dateStyle: "medium" }) : "—" })
                  : vm.encryption === "ENCRYPTING"
                    ? t("encryption.encrypting")
                    : blockers.length === 0
                      ? t("encryption.ready")
                      : t("encryption.blocked")}
              </p>
              {vm.encryption === "NONE" && <Violations items={blockers} />}
            </div>
          </Section>

          <Section title={t("sections.backup")} id="vm-backup">
            <div className="space-y-3">
              {backup?.restoreTestOf && (
                <div role="note" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
                  <p>{bt("isRestoreTest", { original: backup.restoreTestOf.name })}</p>
                  {can("backup:write") && <PromoteRestoreButton tenantId={ctx.tenant.id} copy={{ id: vm.id, name: vm.name }} original={{ name: backup.restoreTestOf.name }} disabled={vm.busy !== null || backup.restoreTestOf.busyActivityId !== null} />}
                </div>
              )}
              {vm.backups.length === 0 ? (
                <Empty>{t("noBackup")}</Empty>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                  {vm.backups.map(({ policy }) => (
                    <li key={policy.id} className="px-3 py-2">
                      <span className="block font-medium">{policy.name}</span>
                      <span className="text-xs text-slate-600 dark:text-slate-400">{t("retention", { days: policy.retentionDays, weeks: policy.retentionWeeks, months: policy.retentionMonths })}</span>
                    </li>
                  ))}
                </ul>
              )}
              {backup && can("backup:write") && (
                <div className="flex flex-wrap items-start gap-2">
                  {/* Where the VM cannot start for want of a policy (BACKUP.POLICY_REQUIRED), it gets one here. */}
                  <VmBackupActions
                    tenantId={ctx.tenant.id}
                    vm={{ id: vm.id, name: vm.name, pool: vm.pool.name, powerState: vm.powerState, assigned: vm.backups.map((b) => ({ id: b.policy.id, name: b.policy.name })), busy: vm.busy !== null }}
                    policies={backup.policies.filter((p) => p.targetAzId !== vm.pool.azId).map((p) => ({ id: p.id, name: `${p.name} (${p.targetAzId})` }))}
                    canAssign
                    canPower={false}
                  />
                  {vm.backups.length > 0 && <RunBackupButton tenantId={ctx.tenant.id} vm={{ id: vm.id, name: vm.name }} disabled={vm.busy !== null} />}
                </div>
              )}
            </div>
          </Section>

          <Section title={t("sections.replication")} id="vm-replication">
            {replications.length === 0 ? (
              <Empty>{t("noReplication")}</Empty>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                {replications.map((r) => (
                  <li key={r.id} className="space-y-1 px-3 py-2">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">{t(`replication.kind.${r.kind}`)}</span>
                      <Badge tone={RPO_TONE[r.rpo.status]} dot>{t(`replication.status.${r.rpo.status}`)}</Badge>
                    </div>
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      {t(`replication.scope.${r.scope}`, { datastore: vm.datastore.name })} · {r.sourceAzId} → {r.targetAzId}
                    </p>
                    <p className="text-xs tabular-nums">
                      {r.rpo.lagMinutes === null
                        ? t("replication.never", { rpo: n(r.promisedRpoMinutes) })
                        : t("replication.lag", { lag: format.number(r.rpo.lagMinutes, { maximumFractionDigits: 0 }), rpo: n(r.promisedRpoMinutes) })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>

        <div className="min-w-0 space-y-6 xl:col-span-2 xl:row-start-2">
          <Section
            title={t("sections.history")}
            id="vm-history"
            action={history && history.total > 0 ? <Link href={`${base}/activities?resourceType=vm&resourceId=${vm.id}`} className={`text-xs ${linkClass}`}>{t("allHistory", { count: history.total })}</Link> : undefined}
          >
            {!history ? (
              <Empty>{t("needs", { permission: "activity:read" })}</Empty>
            ) : history.rows.length === 0 ? (
              <Empty>{t("noHistory")}</Empty>
            ) : (
              <ActivityTable rows={history.rows} tenantSlug={ctx.tenant.slug} label={t("tableOf", { section: t("sections.history"), name: vm.name })} showResource={false} now={now} />
            )}
          </Section>

          <ConsoleHistory
            vmName={vm.name}
            rows={consoleHistory?.rows ?? null}
            olderHref={consoleHistory?.next ? `${base}/compute/vms/${vm.id}?consoleAfter=${encodeURIComponent(consoleCursor(consoleHistory.next))}#vm-console-history` : null}
            newestHref={consoleAfter ? `${base}/compute/vms/${vm.id}#vm-console-history` : null}
          />

          <Section
            title={t("sections.audit")}
            id="vm-audit"
            action={trail && trail.total > 0 ? <Link href={`${base}/audit?targetType=vm&targetId=${vm.id}`} className={`text-xs ${linkClass}`}>{t("allAudit", { count: trail.total })}</Link> : undefined}
          >
            {!trail ? (
              <Empty>{t("needs", { permission: "audit:read" })}</Empty>
            ) : trail.rows.length === 0 ? (
              <Empty>{t("noAudit")}</Empty>
            ) : (
              <AuditTable rows={trail.rows} tenantSlug={ctx.tenant.slug} label={t("tableOf", { section: t("sections.audit"), name: vm.name })} showTarget={false} />
            )}
          </Section>
        </div>

      </div>
    </>
  );
});
