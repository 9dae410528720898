"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { setHaAction } from "@/lib/actions/pools/set-ha";
import { enterHostMaintenanceAction } from "@/lib/actions/pools/enter-host-maintenance";
import { exitHostMaintenanceAction } from "@/lib/actions/pools/exit-host-maintenance";
import type { ViolationView } from "@/lib/decision-view";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Violations } from "@/components/ui/violations";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

function Confirm({ trigger, title, description, confirm, danger, pending, disabled, onConfirm, children, open, setOpen }: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  confirm: string;
  danger?: boolean;
  pending: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  children: React.ReactNode;
  open: boolean;
  setOpen: (o: boolean) => void;
}) {
  const t = useTranslations("poolPage");
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <div className="space-y-3">{children}</div>
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary" size="md">{t("back")}</Button>
          </DialogClose>
          <Button variant={danger ? "danger" : "primary"} size="md" pending={pending} disabled={disabled} onClick={onConfirm}>
            {confirm}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** HA on or off, its SLA consequence said before Submit. */
export function HaSwitch({ tenantId, poolId, haEnabled, consequence, disabled }: { tenantId: string; poolId: string; haEnabled: boolean; consequence: ViolationView[]; disabled?: boolean }) {
  const t = useTranslations("poolPage");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Accepted: the dialog closes; the toast and the page follow the activity.
  const { run, result, pending } = useAction(setHaAction.bind(null, tenantId), {
    onDone: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const next = !haEnabled;
  return (
    <Confirm
      open={open}
      setOpen={setOpen}
      trigger={<Button variant="secondary" size="md" disabled={disabled}>{next ? t("haTurnOn") : t("haTurnOff")}</Button>}
      title={next ? t("haOnTitle") : t("haOffTitle")}
      description={t("haBody")}
      confirm={next ? t("haTurnOn") : t("haTurnOff")}
      danger={!next}
      pending={pending}
      onConfirm={() => run({ poolId, haEnabled: String(next) })}
    >
      {consequence.length === 0 ? <p className="text-sm">{t("haNoConsequence")}</p> : <Violations items={consequence} title={t("haConsequence")} />}
      <ActionResultView result={result} accepted={t("haAccepted")} />
    </Confirm>
  );
}

export type MaintenanceVerdict = { ok: true; warnings: ViolationView[]; moves: { vmName: string; toHostName: string; memoryGb: number; poweredOn: boolean }[] } | { ok: false; violations: ViolationView[] };

/** Entering maintenance: why not (the rules, with their numbers), or which VM goes where. Leaving it. */
export function MaintenanceButton({ tenantId, host, verdict, disabled }: { tenantId: string; host: { id: string; name: string; status: string }; verdict: MaintenanceVerdict | null; disabled?: boolean }) {
  const t = useTranslations("poolPage");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Accepted: the dialog closes (the host's row shows the activity); the same button then offers the way back.
  const done = () => {
    setOpen(false);
    router.refresh();
  };
  const enter = useAction(enterHostMaintenanceAction.bind(null, tenantId), { onDone: done });
  const exit = useAction(exitHostMaintenanceAction.bind(null, tenantId), { onDone: done });
  // A dialog opened again starts without the previous answer.
  const openFresh = (o: boolean) => {
    if (o) {
      enter.reset();
      exit.reset();
    }
    setOpen(o);
  };
  if (host.status === "MAINTENANCE") {
    return (
      <Confirm
        open={open}
        setOpen={openFresh}
        trigger={<Button variant="secondary" disabled={disabled} aria-label={t("exitLabel", { host: host.name })}>{t("exit")}</Button>}
        title={t("exitTitle", { host: host.name })}
        description={t("exitBody")}
        confirm={t("exit")}
        pending={exit.pending}
        onConfirm={() => exit.run({ hostId: host.id })}
      >
        <ActionResultView result={exit.result} accepted={t("exitAccepted")} />
      </Confirm>
    );
  }
  if (!verdict) return null;
  return (
    <Confirm
      open={open}
      setOpen={openFresh}
      trigger={<Button variant="secondary" disabled={disabled} aria-label={t("enterLabel", { host: host.name })}>{t("enter")}</Button>}
      title={t("enterTitle", { host: host.name })}
      description={t("enterBody")}
      confirm={t("enter")}
      pending={enter.pending}
      disabled={!verdict.ok}
      onConfirm={() => enter.run({ hostId: host.id })}
    >
      {verdict.ok ? (
        <>
          {verdict.moves.length === 0 ? (
            <p className="text-sm">{t("noVmToMove")}</p>
          ) : (
            <div>
              <p className="text-sm font-medium">{t("moves", { count: verdict.moves.length })}</p>
              <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5 text-sm">
                {verdict.moves.map((m) => (
                  <li key={m.vmName}>{t("move", { vm: m.vmName, host: m.toHostName, memory: m.memoryGb })}</li>
                ))}
              </ul>
            </div>
          )}
          <Violations items={verdict.warnings} title={t("verdictWarnings")} />
        </>
      ) : (
        <Violations items={verdict.violations} title={t("maintenanceRefused")} />
      )}
      <ActionResultView result={enter.result} accepted={t("enterAccepted")} />
    </Confirm>
  );
}
