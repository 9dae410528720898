"use client";
import { useTranslations } from "next-intl";
import { DatabaseBackup, RotateCcw } from "lucide-react";
import { runBackupAction } from "@/lib/actions/data-protection/run-backup";
import { restoreBackupAction } from "@/lib/actions/data-protection/restore-backup";
import { promoteRestoreTestAction } from "@/lib/actions/data-protection/promote-restore-test";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { ActionDialog } from "@/components/actions/action-dialog";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

// Backup now, the three restores of a finished backup, and a restore test's promotion. Each is an
// activity followed live; the destructive ones (in production, promotion) ask for a name typed back,
// which the server checks again.

/** "Back up now" on a VM: refused before it runs, with the rule, when it may not (no policy, snapshots before the first backup, same zone). */
export function RunBackupButton({ tenantId, vm, disabled }: { tenantId: string; vm: { id: string; name: string }; disabled?: boolean }) {
  const t = useTranslations("backupJobForms");
  const run = useAction(runBackupAction.bind(null, tenantId), { refresh: true, announce: { type: "backup.run", name: vm.name } });
  const outcomeId = `backup-now-${vm.id}-outcome`;
  return (
    <div className="flex flex-col gap-1.5">
      <Button aria-describedby={outcomeId} disabled={disabled} pending={run.pending} onClick={() => run.run({ vmId: vm.id })}>
        <DatabaseBackup aria-hidden className="size-3.5" />
        {t("backupNow")}
      </Button>
      <ActionResultView fieldErrorsHere id={outcomeId} result={run.failure} className="max-w-md whitespace-normal" />
    </div>
  );
}

type Job = { id: string; vmName: string; vmExists: boolean; startedAt: string };

/** The three ways back from a finished backup. */
export function RestoreButtons({ tenantId, job, canRestore }: { tenantId: string; job: Job; canRestore: boolean }) {
  const t = useTranslations("backupJobForms");
  if (!canRestore) return null;
  const action = restoreBackupAction.bind(null, tenantId);
  return (
    <div className="flex flex-wrap gap-2">
      {job.vmExists && (
        <ActionDialog
          id={`restore-test-${job.id}`}
          action={action}
          activity={{ type: "backup.restore_test", name: `${job.vmName}-restore-test` }}
          trigger={
            <Button>
              <RotateCcw aria-hidden className="size-3.5" />
              {t("restoreTest")}
            </Button>
          }
          title={t("restoreTestTitle", { vm: job.vmName })}
          description={t("restoreTestBody", { vm: job.vmName, copy: `${job.vmName}-restore-test`, date: job.startedAt })}
          submitLabel={t("restoreTestSubmit")}
          toInput={(f) => ({ ...Object.fromEntries(f.entries()), backupJobId: job.id, mode: "test" })}
        />
      )}
      <ActionDialog
        id={`restore-clone-${job.id}`}
        action={action}
        activity={{ type: "backup.restore_clone", name: job.vmName }}
        trigger={<Button>{t("restoreClone")}</Button>}
        title={t("restoreCloneTitle", { vm: job.vmName })}
        description={t("restoreCloneBody")}
        submitLabel={t("restoreCloneSubmit")}
        toInput={(f) => ({ ...Object.fromEntries(f.entries()), backupJobId: job.id, mode: "clone" })}
      >
        {({ errors }) => (
          <Field id={`restore-clone-${job.id}-name`} label={t("cloneName")} hint={t("cloneNameHint")} errors={errors("name")}>
            {(aria) => <Input {...aria} name="name" required autoComplete="off" spellCheck={false} className="w-full font-mono" />}
          </Field>
        )}
      </ActionDialog>
      {job.vmExists && (
        <ActionDialog
          id={`restore-production-${job.id}`}
          action={action}
          variant="danger"
          activity={{ type: "backup.restore_production", name: job.vmName }}
          trigger={<Button variant="danger">{t("restoreProduction")}</Button>}
          title={t("restoreProductionTitle", { vm: job.vmName })}
          description={t("restoreProductionBody", { vm: job.vmName, date: job.startedAt })}
          submitLabel={t("restoreProductionSubmit")}
          confirmName={{ value: job.vmName, label: t("typeName", { name: job.vmName }) }}
          toInput={(f) => ({ ...Object.fromEntries(f.entries()), backupJobId: job.id, mode: "production" })}
        />
      )}
    </div>
  );
}

/** A restore test takes its original's place: the original is removed, the copy takes its name. */
export function PromoteRestoreButton({ tenantId, copy, original, disabled }: { tenantId: string; copy: { id: string; name: string }; original: { name: string }; disabled?: boolean }) {
  const t = useTranslations("backupJobForms");
  return (
    <ActionDialog
      id={`promote-${copy.id}`}
      action={promoteRestoreTestAction.bind(null, tenantId)}
      variant="danger"
      activity={{ type: "backup.promote_restore", name: original.name }}
      trigger={
        <Button variant="danger" disabled={disabled} aria-label={t("promoteLabel", { copy: copy.name, original: original.name })}>
          {t("promote")}
        </Button>
      }
      title={t("promoteTitle", { copy: copy.name, original: original.name })}
      description={t("promoteBody", { copy: copy.name, original: original.name })}
      submitLabel={t("promoteSubmit")}
      confirmName={{ value: original.name, label: t("typeName", { name: original.name }) }}
      toInput={(f) => ({ ...Object.fromEntries(f.entries()), vmId: copy.id })}
    />
  );
}
