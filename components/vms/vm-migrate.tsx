"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ArrowRightLeft } from "lucide-react";
import { migrateVmAction } from "@/lib/actions/vms/migrate-vm";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ActionDialog, type ActionDialogFields } from "@/components/actions/action-dialog";
import type { VmActionsVm, VmCan } from "./vm-actions";

// Live migration: another host of its pool, another pool (the rules pick the host unless one is
// picked), another datastore (its disks are copied: the dialog warns it takes longer). The
// server decides with a creation's rules and refuses on submit, each refusal with its rule and
// figures; an advisory one may be overridden with a reason, as in every dialog.

type T = ReturnType<typeof useTranslations<"vmActions">>;
export type MigrateOptions = {
  pools: { id: string; name: string; azId: string; hosts: { id: string; name: string; status: string }[] }[];
  datastores: { id: string; name: string; azId: string; tierCode: string }[];
};
export type MigrateVmPlace = { poolId: string; hostId: string | null; datastoreId: string };

const form = (f: FormData) => Object.fromEntries(f.entries());
const notice = "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100";

function MigrateFields({ t, vm, place, options, errors }: { t: T; vm: VmActionsVm; place: MigrateVmPlace; options: MigrateOptions } & Pick<ActionDialogFields, "errors">) {
  const [poolId, setPoolId] = useState("");
  const [datastoreId, setDatastoreId] = useState("");
  const targetPool = options.pools.find((p) => p.id === (poolId || place.poolId));
  return (
    <div className="grid gap-3">
      <Field id="migrate-pool" label={t("migrate.pool")} errors={errors("poolId")}>
        {(aria) => (
          <Select {...aria} name="poolId" value={poolId} onChange={(e) => setPoolId(e.target.value)}>
            <option value="">{t("migrate.poolKeep", { pool: vm.pool })}</option>
            {options.pools
              .filter((p) => p.id !== place.poolId)
              .map((p) => (
                <option key={p.id} value={p.id}>{t("migrate.poolOption", { name: p.name, az: p.azId })}</option>
              ))}
          </Select>
        )}
      </Field>
      <Field id="migrate-host" label={t("migrate.host")} hint={t("migrate.hostHint")} errors={errors("hostId")}>
        {(aria) => (
          <Select {...aria} key={targetPool?.id} name="hostId" defaultValue="">
            <option value="">{poolId ? t("migrate.hostAuto") : t("migrate.hostKeep")}</option>
            {(targetPool?.hosts ?? []).map((h) => (
              <option key={h.id} value={h.id} disabled={h.id === place.hostId}>
                {h.id === place.hostId ? t("migrate.hostCurrent", { name: h.name }) : h.status === "MAINTENANCE" ? t("migrate.hostMaintenance", { name: h.name }) : h.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="migrate-datastore" label={t("migrate.datastore")} errors={errors("datastoreId")}>
        {(aria) => (
          <Select {...aria} name="datastoreId" value={datastoreId} onChange={(e) => setDatastoreId(e.target.value)}>
            <option value="">{t("migrate.datastoreKeep", { datastore: vm.datastore })}</option>
            {options.datastores
              .filter((d) => d.id !== place.datastoreId)
              .map((d) => (
                <option key={d.id} value={d.id}>{t("migrate.datastoreOption", { name: d.name, az: d.azId, tier: d.tierCode })}</option>
              ))}
          </Select>
        )}
      </Field>
      {datastoreId && (
        <p data-testid="migrate-storage-warning" className={notice}>
          {t("migrate.storageWarning", { name: vm.name })}
        </p>
      )}
    </div>
  );
}

export function MigrateVmButton({ tenantId, vm, place, options, can }: { tenantId: string; vm: VmActionsVm; place: MigrateVmPlace; options: MigrateOptions; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = !can.write ? t("needs", { permission: "compute:write" }) : vm.busy ? t("busy", { name: vm.name }) : undefined;
  return (
    <ActionDialog
      id="migrate-vm"
      action={migrateVmAction.bind(null, tenantId)}
      activity={{ type: "vm.migrate", name: vm.name }}
      trigger={
        <Button disabled={Boolean(why)} title={why}>
          <ArrowRightLeft aria-hidden className="size-3.5" />
          {t("migrate.open")}
        </Button>
      }
      title={t("migrate.title", { name: vm.name })}
      description={vm.powerState === "POWERED_ON" ? t("migrate.running") : t("migrate.stopped")}
      submitLabel={t("migrate.submit")}
      toInput={(f) => ({ ...form(f), vmId: vm.id })}
    >
      {({ errors }) => <MigrateFields t={t} vm={vm} place={place} options={options} errors={errors} />}
    </ActionDialog>
  );
}
