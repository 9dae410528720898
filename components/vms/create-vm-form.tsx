"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { VM_TEMPLATES, type VmTemplateCode } from "@/lib/catalog/templates";
import { previewVmCreateAction } from "@/lib/actions/vms/preview-vm-create";
import { createVmAction } from "@/lib/actions/vms/create-vm";
import { VM_NAME_PATTERN } from "@/lib/domain/catalogue";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { cn } from "@/lib/cn";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { OverrideField } from "@/components/actions/override-field";
import { onlyOverridable, useAction } from "@/components/actions/use-action";
import { usePreview } from "@/components/actions/use-preview";
import { ProvisioningChoice } from "./vm-actions";
import { CreateVmPreview, useVerdict } from "./create-vm-preview";

export type CreateVmOptions = {
  pools: { id: string; name: string; azId: string; nodeType: { label: string; threads: number; ramGb: number } }[];
  datastores: { id: string; name: string; azId: string; tierCode: string; tier: { label: string } }[];
  policies: { id: string; name: string }[];
  /** The VLANs the VM may be on: the tenant's own and those propagated to it. */
  vlans: { id: string; tag: number; name: string }[];
  /** The templates of the tenant's catalogue a VM may be deployed from (their OS and defaults). */
  catalogTemplates: { id: string; name: string; templateCode: string; osLabel: string; cpu: number; memoryGb: number; diskGib: number }[];
};

type Form = {
  templateCode: VmTemplateCode;
  poolId: string;
  datastoreId: string;
  cpu: string;
  memoryGb: string;
  diskGib: string;
  diskProvisioning: "THIN" | "THICK";
  backupPolicyId: string;
  /** Its first adapter's VLAN; "" for none. */
  vlanId: string;
  powerOn: boolean;
  name: string;
  overrideReason: string;
  /** A template of the tenant's catalogue ("" for a public image). */
  catalogItemId: string;
  /** cloud-init: YAML user data, and SSH public keys one a line. */
  userData: string;
  sshKeys: string;
};

/** The preview needs a valid name to run; until the user has typed one, any free name will do. */
const PLACEHOLDER_NAME = "preview-new-vm";

/**
 * A new VM: an image, where it runs and stores, its size, its backup, its name — and, as the
 * fields change, what Submit would do (the server's own decision, debounced), so no one submits
 * blind. An overridable refusal (the pool's 85 % line) offers a reason field; Submit follows the
 * activity and opens the VM's page, where it is seen reaching running.
 */
export function CreateVmForm({ tenantId, tenantSlug, options, catalogItemId }: { tenantId: string; tenantSlug: string; options: CreateVmOptions; catalogItemId?: string }) {
  const t = useTranslations("vmForm");
  const tc = useTranslations("vmCatalog");
  const lang = langOf(useLocale());
  const router = useRouter();
  const first = VM_TEMPLATES[0];
  const firstPool = options.pools[0];
  // Mass Storage is an archive tier (no IOPS guarantee): offered, never chosen for you.
  const defaultStore = (az: string | undefined) => {
    const inAz = options.datastores.filter((d) => d.azId === az);
    return (inAz.find((d) => d.tierCode !== "MASS") ?? inAz[0])?.id ?? "";
  };
  // Deployed from a catalogue item (?catalogItem=): its OS and its defaults fill the form.
  const fromItem = options.catalogTemplates.find((x) => x.id === catalogItemId);
  const [f, setF] = useState<Form>(() => ({
    templateCode: (fromItem?.templateCode as VmTemplateCode | undefined) ?? first.code,
    poolId: firstPool?.id ?? "",
    datastoreId: defaultStore(firstPool?.azId),
    cpu: String(fromItem?.cpu ?? first.defaultCpu),
    memoryGb: String(fromItem?.memoryGb ?? first.defaultMemoryGb),
    diskGib: String(fromItem?.diskGib ?? first.minDiskGib),
    catalogItemId: fromItem?.id ?? "",
    userData: "",
    sshKeys: "",
    diskProvisioning: "THICK",
    backupPolicyId: options.policies[0]?.id ?? "",
    vlanId: "",
    powerOn: true,
    name: "",
    overrideReason: "",
  }));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((cur) => ({ ...cur, [k]: v }));
  const pool = options.pools.find((p) => p.id === f.poolId);
  const stores = useMemo(() => options.datastores.filter((d) => d.azId === pool?.azId), [options.datastores, pool?.azId]);
  const template = VM_TEMPLATES.find((x) => x.code === f.templateCode) ?? first;

  // A pool of another AZ keeps no datastore of the old one.
  const choosePool = (poolId: string) => {
    const az = options.pools.find((p) => p.id === poolId)?.azId;
    setF((cur) => ({ ...cur, poolId, datastoreId: options.datastores.some((d) => d.id === cur.datastoreId && d.azId === az) ? cur.datastoreId : defaultStore(az) }));
  };

  const typedName = f.name.trim().toLowerCase();
  const nameReady = VM_NAME_PATTERN.test(typedName);
  const preview = usePreview(previewVmCreateAction.bind(null, tenantId), { ...f, name: nameReady ? typedName : PLACEHOLDER_NAME }, { debounceMs: 350, enabled: Boolean(f.poolId && f.datastoreId), staleTime: 2_000 });
  const submit = useAction(createVmAction.bind(null, tenantId), { announce: { type: "vm.create", name: typedName } });

  const previewData = preview.data;
  const previewViolations = previewData ? toViolationViews(previewData.violations, lang) : [];
  const verdict = useVerdict(previewViolations);
  const showOverride = onlyOverridable(previewViolations) || (submit.failure?.code === "REFUSED" && onlyOverridable(submit.failure.violations)) || f.overrideReason !== "" || previewViolations.some((v) => v.overridden);
  // The submit's own field errors win; before any submit, the preview's (not the placeholder name's).
  const previewFieldErrors = preview.result && !preview.result.ok ? preview.result.fieldErrors ?? {} : {};
  const errors = (k: string): string[] | undefined => submit.failure?.fieldErrors?.[k] ?? (k === "name" && !nameReady ? undefined : previewFieldErrors[k]);

  const chooseTemplate = (code: VmTemplateCode) => {
    const x = VM_TEMPLATES.find((tpl) => tpl.code === code)!;
    setF((cur) => ({ ...cur, catalogItemId: "", templateCode: code, cpu: String(x.defaultCpu), memoryGb: String(x.defaultMemoryGb), diskGib: String(x.minDiskGib) }));
  };
  const chooseCatalogItem = (id: string) => {
    const x = options.catalogTemplates.find((i) => i.id === id);
    if (!x) return setF((cur) => ({ ...cur, catalogItemId: "" }));
    setF((cur) => ({ ...cur, catalogItemId: x.id, templateCode: x.templateCode as VmTemplateCode, cpu: String(x.cpu), memoryGb: String(x.memoryGb), diskGib: String(x.diskGib) }));
  };

  if (options.pools.length === 0 || options.datastores.length === 0) {
    return <p role="status" className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">{t("noCapacity")}</p>;
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        noValidate
        aria-label={t("formLabel")}
        className="space-y-6"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await submit.run({ ...f, name: typedName });
          if (!r.ok) return;
          router.push(`/t/${tenantSlug}/compute/vms/${r.data.vmId}`);
        }}
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("steps.image")}</legend>
          <Field id="vm-catalog-item" label={tc("fromCatalog")} hint={options.catalogTemplates.length === 0 ? tc("fromCatalogNone") : tc("fromCatalogHint")} errors={errors("catalogItemId")}>
            {(aria) => (
              <Select {...aria} name="catalogItemId" value={f.catalogItemId} onChange={(e) => chooseCatalogItem(e.target.value)} disabled={options.catalogTemplates.length === 0} className="max-w-md">
                <option value="">{tc("publicImage")}</option>
                {options.catalogTemplates.map((x) => (
                  <option key={x.id} value={x.id}>{tc("catalogOption", { name: x.name, os: x.osLabel })}</option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
            {VM_TEMPLATES.map((x) => (
              <label
                key={x.code}
                className={cn(
                  "flex cursor-pointer gap-2 rounded-lg border bg-white p-3 hover:border-brand-500 dark:bg-slate-900",
                  f.templateCode === x.code ? "border-brand-600 ring-1 ring-brand-600 dark:border-brand-300 dark:ring-brand-300" : "border-slate-200 dark:border-slate-700",
                )}
              >
                <input type="radio" name="templateCode" value={x.code} checked={f.templateCode === x.code} onChange={() => chooseTemplate(x.code)} className="mt-1 accent-brand-600" />
                <span>
                  <span className="block font-medium">{x.label}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{t("templateFacts", { cpu: x.defaultCpu, memory: x.defaultMemoryGb, disk: x.minDiskGib })}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">{t("steps.placement")}</legend>
          <Field id="vm-pool" label={t("fields.pool")} errors={errors("poolId")}>
            {(aria) => (
              <Select {...aria} name="poolId" value={f.poolId} onChange={(e) => choosePool(e.target.value)}>
                {options.pools.map((p) => (
                  <option key={p.id} value={p.id}>{t("poolOption", { name: p.name, az: p.azId, type: p.nodeType.label })}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="vm-datastore" label={t("fields.datastore")} hint={pool ? t("datastoreHint", { az: pool.azId }) : undefined} errors={errors("datastoreId")}>
            {(aria) => (
              <Select {...aria} name="datastoreId" value={f.datastoreId} onChange={(e) => set("datastoreId", e.target.value)}>
                {stores.length === 0 && <option value="">{t("noDatastore")}</option>}
                {stores.map((d) => (
                  <option key={d.id} value={d.id}>{t("datastoreOption", { name: d.name, tier: d.tier.label })}</option>
                ))}
              </Select>
            )}
          </Field>
          <div className="sm:col-span-2">
            <Field id="vm-vlan" label={t("fields.vlan")} hint={t("vlanHint")} errors={errors("vlanId")}>
              {(aria) => (
                <Select {...aria} name="vlanId" value={f.vlanId} onChange={(e) => set("vlanId", e.target.value)}>
                  <option value="">{t("noVlan")}</option>
                  {options.vlans.map((v) => (
                    <option key={v.id} value={v.id}>{t("vlanOption", { name: v.name, tag: v.tag })}</option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold">{t("steps.size")}</legend>
          <Field id="vm-cpu" label={t("fields.cpu")} hint={pool ? t("cpuHint", { max: pool.nodeType.threads }) : undefined} errors={errors("cpu")}>
            {(aria) => <Input {...aria} name="cpu" type="number" inputMode="numeric" min={1} max={pool?.nodeType.threads ?? 128} value={f.cpu} onChange={(e) => set("cpu", e.target.value)} />}
          </Field>
          <Field id="vm-memory" label={t("fields.memoryGb")} errors={errors("memoryGb")}>
            {(aria) => <Input {...aria} name="memoryGb" type="number" inputMode="numeric" min={1} max={1536} value={f.memoryGb} onChange={(e) => set("memoryGb", e.target.value)} />}
          </Field>
          <Field id="vm-disk" label={t("fields.diskGib")} hint={t("diskHint", { min: template.minDiskGib })} errors={errors("diskGib")}>
            {(aria) => <Input {...aria} name="diskGib" type="number" inputMode="numeric" min={template.minDiskGib} max={65536} value={f.diskGib} onChange={(e) => set("diskGib", e.target.value)} />}
          </Field>
          <div className="sm:col-span-3">
            <ProvisioningChoice name="diskProvisioning" idPrefix="vm" value={f.diskProvisioning} onChange={(v) => set("diskProvisioning", v)} errors={errors("diskProvisioning")} />
          </div>
        </fieldset>

        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">{t("steps.protection")}</legend>
          <Field id="vm-backup" label={t("fields.backupPolicy")} hint={t("backupHint")} errors={errors("backupPolicyId")}>
            {(aria) => (
              <Select {...aria} name="backupPolicyId" value={f.backupPolicyId} onChange={(e) => set("backupPolicyId", e.target.value)}>
                <option value="">{t("noBackup")}</option>
                {options.policies.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}</option>
                ))}
              </Select>
            )}
          </Field>
          <label className="flex items-start gap-2 self-end pb-1 text-sm">
            <input type="checkbox" name="powerOn" checked={f.powerOn} onChange={(e) => set("powerOn", e.target.checked)} className="mt-0.5 size-4 accent-brand-600" />
            <span>
              <span className="font-medium">{t("fields.powerOn")}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{t("powerOnHint")}</span>
            </span>
          </label>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold">{tc("cloudInit")}</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">{tc("cloudInitHint")}</p>
          <Field id="vm-ssh-keys" label={tc("sshKeys")} hint={tc("sshKeysHint")} errors={errors("sshKeys")}>
            {(aria) => <textarea {...aria} name="sshKeys" rows={3} value={f.sshKeys} onChange={(e) => set("sshKeys", e.target.value)} spellCheck={false} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" placeholder="ssh-ed25519 AAAA… user@host" />}
          </Field>
          <Field id="vm-user-data" label={tc("userData")} hint={tc("userDataHint")} errors={errors("userData")}>
            {(aria) => <textarea {...aria} name="userData" rows={5} value={f.userData} onChange={(e) => set("userData", e.target.value)} spellCheck={false} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" placeholder={"#cloud-config\npackages: [nginx]"} />}
          </Field>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold">{t("steps.name")}</legend>
          <Field id="vm-name" label={t("fields.name")} hint={t("nameHint")} errors={errors("name")}>
            {(aria) => <Input {...aria} name="name" value={f.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" spellCheck={false} maxLength={63} className="w-full max-w-sm font-mono" />}
          </Field>
          {showOverride && <OverrideField id="vm-override" value={f.overrideReason} onChange={(v) => set("overrideReason", v)} errors={errors("overrideReason")} />}
        </fieldset>

        <div className="space-y-3">
          <ActionResultView result={submit.failure} />
          {/* Below lg the preview comes after the form: its answer is repeated next to Submit. */}
          {previewData && (
            <p className={cn("text-sm font-medium lg:hidden", verdict.refused ? "text-red-800 dark:text-red-300" : "text-emerald-800 dark:text-emerald-300")}>
              <a href="#preview-title" className="underline underline-offset-2">{verdict.text}</a>
            </p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" size="md" pending={submit.pending}>
              {submit.pending ? t("creating") : t("submit")}
            </Button>
            <Button asChild variant="ghost">
              <Link href={`/t/${tenantSlug}/compute/vms`}>{t("cancel")}</Link>
            </Button>
          </div>
        </div>
      </form>

      <div className="lg:sticky lg:top-16">
        <CreateVmPreview data={previewData} fetching={preview.fetching} failed={Boolean(preview.result && !preview.result.ok)} />
      </div>
    </div>
  );
}
