"use client";
import { useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { previewVmReplicationAction } from "@/lib/actions/data-protection/preview-vm-replication";
import { enableVmReplicationAction } from "@/lib/actions/data-protection/enable-vm-replication";
import { previewStorageMirrorAction } from "@/lib/actions/data-protection/preview-storage-mirror";
import { enableStorageMirrorAction } from "@/lib/actions/data-protection/enable-storage-mirror";
import { stopReplicationAction } from "@/lib/actions/data-protection/stop-replication";
import { toViolationViews } from "@/lib/decision-view";
import type { Violation } from "@/lib/domain/result";
import { useAction } from "@/components/actions/use-action";
import { usePreview } from "@/components/actions/use-preview";
import { ActionResultView } from "@/components/actions/action-result";
import { Violations } from "@/components/ui/violations";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

// The replication forms: each asks the server for the domain's verdict as the choice changes
// (the same planning the Submit runs), shows its figures and reasons, and submits only what the
// preview accepted; the server decides again.

const refuses = (vs: readonly Violation[]) => vs.some((v) => v.severity === "refuse");

function Verdict({ violations }: { violations: readonly Violation[] }) {
  const lang = useLocale() === "fr" ? "fr" : "en";
  const t = useTranslations("violations");
  if (violations.length === 0) return null;
  return <Violations items={toViolationViews(violations, lang)} title={refuses(violations) ? t("refused") : t("warnings")} className="mt-3" />;
}

export function ReplicateVmDialog({ tenantId, vm, zones }: { tenantId: string; vm: { id: string; name: string; azId: string }; zones: string[] }) {
  const t = useTranslations("dataProtectionForms");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const others = zones.filter((z) => z !== vm.azId);
  const [az, setAz] = useState(others[0] ?? "");
  const preview = usePreview(previewVmReplicationAction.bind(null, tenantId), { vmId: vm.id, standbyAzId: az }, { enabled: open });
  const enable = useAction(enableVmReplicationAction.bind(null, tenantId), { refresh: true });
  const p = preview.result?.ok ? preview.result.data : null;
  const n = (x: number) => format.number(x, { maximumFractionDigits: 1 });
  const hours = (min: number) => format.number(min / 60, { style: "unit", unit: "hour", unitDisplay: "short" });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) enable.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button aria-label={t("replicateLabel", { vm: vm.name })}>{t("replicate")}</Button>
      </DialogTrigger>
      <DialogContent title={t("replicateTitle", { vm: vm.name })} description={t("replicateDescription")}>
        <Field id={`standby-az-${vm.id}`} label={t("standbyAz")}>
          {(aria) => (
            <Select {...aria} value={az} onChange={(e) => setAz(e.target.value)}>
              {others.map((z) => (
                <option key={z} value={z}>{z}</option>
              ))}
            </Select>
          )}
        </Field>
        <div aria-live="polite" aria-busy={preview.loading} className="mt-3 space-y-1 text-sm">
          {preview.loading && !p && <p>{t("checking")}</p>}
          {preview.result && !preview.result.ok && <ActionResultView fieldErrorsHere result={preview.result} />}
          {p && (
            <>
              <p>{t("rpoFromWrites", { rpo: hours(p.rpoMinutes), rate: n(p.vm.writeRateMbps), rto: p.rtoMinutes })}</p>
              <p>{p.pool ? t("standbyPool", { memory: n(p.vm.memoryGb), pool: p.pool.name, free: n(p.pool.freeGb), reserved: n(p.pool.reservedForReplicasGb) }) : t("noStandbyPool", { az: p.standbyAzId })}</p>
              <p>{t("standbyStorage", { needed: n(p.vm.storageGib), tier: p.storage.tier, az: p.standbyAzId, available: n(p.storage.availableGib), free: n(p.storage.freeGib), copies: n(p.storage.standbyCopiesGib) })}</p>
              <Verdict violations={p.violations} />
            </>
          )}
        </div>
        <ActionResultView fieldErrorsHere result={enable.result} className="mt-3" />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="primary" disabled={!p || refuses(p.violations) || preview.loading} pending={enable.pending} onClick={() => enable.run({ vmId: vm.id, standbyAzId: az }, () => setOpen(false))}>
            {p && p.violations.length > 0 && !refuses(p.violations) ? t("enableAnyway") : t("enable")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function MirrorDatastoreDialog({ tenantId, datastore, zones }: { tenantId: string; datastore: { id: string; name: string; azId: string }; zones: string[] }) {
  const t = useTranslations("dataProtectionForms");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const others = zones.filter((z) => z !== datastore.azId);
  const [az, setAz] = useState(others[0] ?? "");
  const [kind, setKind] = useState<"GLOBAL_MIRROR" | "METRO_MIRROR">("GLOBAL_MIRROR");
  const preview = usePreview(previewStorageMirrorAction.bind(null, tenantId), { datastoreId: datastore.id, kind, standbyAzId: az }, { enabled: open });
  const enable = useAction(enableStorageMirrorAction.bind(null, tenantId), { refresh: true });
  const p = preview.result?.ok ? preview.result.data : null;
  const n = (x: number) => format.number(x, { maximumFractionDigits: 1 });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) enable.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button aria-label={t("mirrorLabel", { datastore: datastore.name })}>{t("mirror")}</Button>
      </DialogTrigger>
      <DialogContent title={t("mirrorTitle", { datastore: datastore.name })}>
        <div className="flex flex-wrap gap-3">
          <Field id={`mirror-kind-${datastore.id}`} label={t("mirrorKind")}>
            {(aria) => (
              <Select {...aria} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="GLOBAL_MIRROR">{t("globalMirror")}</option>
                <option value="METRO_MIRROR">{t("metroMirror")}</option>
              </Select>
            )}
          </Field>
          <Field id={`mirror-az-${datastore.id}`} label={t("standbyAz")}>
            {(aria) => (
              <Select {...aria} value={az} onChange={(e) => setAz(e.target.value)}>
                {others.map((z) => (
                  <option key={z} value={z}>{z}</option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <div aria-live="polite" aria-busy={preview.loading} className="mt-3 space-y-1 text-sm">
          {preview.loading && !p && <p>{t("checking")}</p>}
          {preview.result && !preview.result.ok && <ActionResultView fieldErrorsHere result={preview.result} />}
          {p && (
            <>
              {p.terms && <p>{t("mirrorTerms", { rpo: p.terms.rpoMinutes, size: n(p.terms.standbyGib), impact: format.number(p.terms.writeImpact, { style: "percent" }) })}</p>}
              <p>{t("mirrorStorage", { tier: p.storage.tier, az: p.standbyAzId, available: n(p.storage.availableGib), free: n(p.storage.freeGib), copies: n(p.storage.standbyCopiesGib), needed: n(p.datastore.sizeGib) })}</p>
              {p.encryptedVms.length > 0 && <p>{t("encryptedOnVolume", { names: p.encryptedVms.join(", ") })}</p>}
              <Verdict violations={p.violations} />
            </>
          )}
        </div>
        <ActionResultView fieldErrorsHere result={enable.result} className="mt-3" />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="primary" disabled={!p || refuses(p.violations) || preview.loading} pending={enable.pending} onClick={() => enable.run({ datastoreId: datastore.id, kind, standbyAzId: az }, () => setOpen(false))}>
            {t("enableMirror")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function StopReplicationButton({ tenantId, replication }: { tenantId: string; replication: { id: string; subject: string; standbyAz: string; busy: boolean } }) {
  const t = useTranslations("dataProtectionForms");
  const [open, setOpen] = useState(false);
  const stop = useAction(stopReplicationAction.bind(null, tenantId), { refresh: true });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) stop.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button disabled={replication.busy} aria-label={t("stopLabel", { subject: replication.subject })}>{t("stop")}</Button>
      </DialogTrigger>
      <DialogContent title={t("stopTitle", { subject: replication.subject })} description={t("stopBody", { az: replication.standbyAz })}>
        <ActionResultView fieldErrorsHere result={stop.result} className="mb-3" />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="danger" pending={stop.pending} onClick={() => stop.run({ replicationId: replication.id }, () => setOpen(false))}>
            {t("stopConfirm")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
