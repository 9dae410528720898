"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DATASTORE_MIN_GIB, DATASTORE_ORDER_MAX, DATASTORE_ORDER_MIN, NETWORKS_PER_ORDER_MAX, NODE_TYPES, NODE_TYPE_CODES, STORAGE_TIERS, STORAGE_TIER_CODES } from "@/lib/domain/catalogue";
import { submitOrderAction } from "@/lib/actions/orders/submit-order";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { planOrder, planRefused, type OrderPlanContext } from "@/lib/domain/order-plan";
import { checkNetworkCount } from "@/lib/domain/orders";
import { allViolations } from "@/lib/domain/result";
import { VLAN_TAG_RANGE, submitOrderSchema, type OrderKind } from "@/lib/validation/orders";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Violations } from "@/components/ui/violations";
import { linkClass } from "@/components/ui/styles";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

type Option = { id: string; name: string };

export type OrderFormProps = {
  tenantId: string;
  tenantSlug: string;
  kind: OrderKind;
  plan: OrderPlanContext;
  zones: { code: string; name: string }[];
  pools: (Option & { azId: string })[];
  datastores: (Option & { azId: string; sizeGib: number })[];
};

/** The fields each kind of order asks, with their first values. */
function initialValues(kind: OrderKind, p: OrderFormProps): Record<string, string> {
  switch (kind) {
    case "pool":
      return { azId: p.zones[0]?.code ?? "", nodeType: "STANDARD_V3", hostCount: "3", activatedMemoryGb: "", haEnabled: "true" };
    case "hosts":
      return { poolId: p.plan.pool?.id ?? "", count: "1", nodeType: p.plan.pool?.nodeType ?? "", activatedMemoryGb: "" };
    case "datastore":
      return { azId: p.zones[0]?.code ?? "", tier: "STANDARD", sizeGib: "512", requestedIops: "", count: String(DATASTORE_ORDER_MIN) };
    case "datastore_resize":
      return { datastoreId: p.plan.datastore?.id ?? "", sizeGib: String((p.plan.datastore?.sizeGib ?? 512) * 2) };
    case "datastore_tier":
      return { datastoreId: p.plan.datastore?.id ?? "", tier: p.plan.datastore?.tier === "PREMIUM" ? "ENTERPRISE" : "PREMIUM" };
    case "vlan":
      return {};
  }
}

type NetworkRow = { tag: string; name: string };

/** A new row's tag: the one after the last row's, when it has one. */
function nextTag(rows: readonly NetworkRow[]): string {
  const last = Number(rows.at(-1)?.tag);
  return Number.isInteger(last) && last > 0 && last < VLAN_TAG_RANGE.max ? String(last + 1) : "";
}

/**
 * An order, with the rules' verdict (codes and numbers), the IOPS and the monthly price computed as
 * the fields change, by the same function the server runs again at Submit.
 */
export function OrderForm(props: OrderFormProps) {
  const { kind, plan, tenantSlug } = props;
  const t = useTranslations("orderForm");
  const format = useFormatter();
  const lang = langOf(useLocale());
  const router = useRouter();
  const [values, setValues] = useState(() => initialValues(kind, props));
  // A VLAN order's networks, one row each (ORDER.NETWORK_COUNT: 20 at most).
  const [rows, setRows] = useState<NetworkRow[]>([{ tag: "", name: "" }]);
  const setRow = (i: number, key: keyof NetworkRow) => (e: React.ChangeEvent<HTMLInputElement>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, [key]: e.target.value } : row)));
  const asked = useMemo(() => (kind === "vlan" ? { kind, networks: rows } : { kind, ...values }), [kind, rows, values]);
  const set = (name: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [name]: e.target instanceof HTMLInputElement && e.target.type === "checkbox" ? String(e.target.checked) : e.target.value }));
  const { run, result, pending } = useAction(submitOrderAction.bind(null, props.tenantId), { onDone: (data) => router.push(`/t/${tenantSlug}/orders/${data.orderId}`) });

  const input = useMemo(() => submitOrderSchema.safeParse(asked), [asked]);
  const planned = useMemo(() => (input.success ? planOrder(input.data, plan) : null), [input, plan]);
  // The count is judged even while a row is still incomplete: 21 rows are refused as soon as there are 21.
  const countRefusal = kind === "vlan" ? allViolations(checkNetworkCount(rows.length, "order")) : [];
  const views = planned ? toViolationViews(planned.violations, lang) : toViolationViews(countRefusal, lang);
  const tooMany = countRefusal.length > 0;
  const open = planned?.violations.find((v) => v.code === "ORDER.ALREADY_OPEN")?.subject;
  const fieldErrors = (name: string) => [...(planned?.fields[name] ? [planned.fields[name]![lang]] : []), ...((result && !result.ok && result.fieldErrors?.[name]) || [])];
  const gb = (n: number) => t("gb", { value: format.number(n) });
  const eur = (n: number) => format.number(n, { style: "currency", currency: planned?.figures.currency ?? "EUR" });
  const go = (param: string) => (e: React.ChangeEvent<HTMLSelectElement>) => router.push(`/t/${tenantSlug}/orders/new?kind=${kind}&${param}=${encodeURIComponent(e.target.value)}`);

  const number = (name: string, label: string, hint?: string, extra: React.ComponentProps<"input"> = {}) => (
    <Field id={`order-${name}`} label={label} hint={hint} errors={fieldErrors(name)}>
      {(aria) => <Input {...aria} name={name} type="number" inputMode="numeric" value={values[name] ?? ""} onChange={set(name)} className="w-40" {...extra} />}
    </Field>
  );
  const azSelect = (
    <Field id="order-azId" label={t("az")} errors={fieldErrors("azId")}>
      {(aria) => (
        <Select {...aria} name="azId" value={values.azId} onChange={set("azId")}>
          {props.zones.map((z) => (
            <option key={z.code} value={z.code}>{z.name}</option>
          ))}
        </Select>
      )}
    </Field>
  );
  const tierSelect = (
    <Field id="order-tier" label={t("tier")} errors={fieldErrors("tier")}>
      {(aria) => (
        <Select {...aria} name="tier" value={values.tier} onChange={set("tier")}>
          {STORAGE_TIER_CODES.map((c) => (
            <option key={c} value={c}>
              {STORAGE_TIERS[c].iopsPerTb === null ? t("tierMass", { label: STORAGE_TIERS[c].label }) : t("tierOption", { label: STORAGE_TIERS[c].label, iops: format.number(STORAGE_TIERS[c].iopsPerTb!) })}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
  const nodeSelect = (
    <Field id="order-nodeType" label={t("nodeType")} errors={fieldErrors("nodeType")}>
      {(aria) => (
        <Select {...aria} name="nodeType" value={values.nodeType} onChange={set("nodeType")}>
          {NODE_TYPE_CODES.map((c) => (
            <option key={c} value={c}>{t("nodeOption", { label: NODE_TYPES[c].label, ram: format.number(NODE_TYPES[c].ramGb) })}</option>
          ))}
        </Select>
      )}
    </Field>
  );
  const datastoreSelect = (
    <Field id="order-datastoreId" label={t("datastore")} errors={fieldErrors("datastoreId")}>
      {(aria) => (
        <Select {...aria} name="datastoreId" value={values.datastoreId} onChange={go("datastoreId")}>
          {props.datastores.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </Select>
      )}
    </Field>
  );

  const f = planned?.figures;
  const range = f?.activatedMemoryGb;

  let fields: React.ReactNode;
  switch (kind) {
    case "pool":
      fields = (
        <>
          {azSelect}
          {nodeSelect}
          {number("hostCount", t("hostCount"), t("hostCountHint"), { min: 1 })}
          {number("activatedMemoryGb", t("activatedMemory"), range ? t("activatedHint", { min: format.number(range.minGb), max: format.number(range.maxGb) }) : undefined, { placeholder: range ? String(range.minGb) : undefined })}
          <div className="flex items-center gap-2 self-end pb-2">
            <input id="order-haEnabled" type="checkbox" name="haEnabled" checked={values.haEnabled === "true"} onChange={set("haEnabled")} className="size-4" />
            <label htmlFor="order-haEnabled" className="text-sm">{t("ha")}</label>
          </div>
        </>
      );
      break;
    case "hosts":
      fields = props.pools.length === 0 ? (
        <p>{t("noPool")}</p>
      ) : (
        <>
          <Field id="order-poolId" label={t("pool")} errors={fieldErrors("poolId")}>
            {(aria) => (
              <Select {...aria} name="poolId" value={values.poolId} onChange={go("poolId")}>
                {props.pools.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}</option>
                ))}
              </Select>
            )}
          </Field>
          {number("count", t("count"), undefined, { min: 1 })}
          {nodeSelect}
          {number("activatedMemoryGb", t("activatedMemory"), range ? t("activatedHint", { min: format.number(range.minGb), max: format.number(range.maxGb) }) : undefined, { placeholder: range ? String(range.after) : undefined })}
        </>
      );
      break;
    case "datastore":
      fields = (
        <>
          {azSelect}
          {tierSelect}
          {number("count", t("datastoreCount"), t("datastoreCountHint", { min: DATASTORE_ORDER_MIN, max: DATASTORE_ORDER_MAX }), { min: DATASTORE_ORDER_MIN })}
          {number("sizeGib", t("sizeGib"), t("sizeHint"), { min: DATASTORE_MIN_GIB })}
          {number("requestedIops", t("requestedIops"), t("requestedIopsHint"))}
        </>
      );
      break;
    case "datastore_resize":
      fields = props.datastores.length === 0 ? <p>{t("noDatastore")}</p> : (
        <>
          {datastoreSelect}
          {number("sizeGib", t("newSize"), plan.datastore ? t("currentSize", { value: format.number(plan.datastore.sizeGib) }) : undefined)}
        </>
      );
      break;
    case "datastore_tier":
      fields = props.datastores.length === 0 ? <p>{t("noDatastore")}</p> : (
        <>
          {datastoreSelect}
          {tierSelect}
        </>
      );
      break;
    case "vlan":
      fields = (
        <div className="w-full space-y-3">
          <p id="order-network-count" aria-live="polite" className={tooMany ? "text-sm font-medium text-red-700 dark:text-red-300" : "text-sm text-slate-600 dark:text-slate-400"} data-testid="network-count">
            {t("networkCount", { count: rows.length, max: NETWORKS_PER_ORDER_MAX })}
          </p>
          <ol className="space-y-2">
            {rows.map((row, i) => (
              <li key={i} className="flex flex-wrap items-start gap-4">
                <Field id={`order-networks-${i}-tag`} label={t("networkTag", { n: i + 1 })} hint={i === 0 ? t("vlanTagHint") : undefined} errors={fieldErrors(`networks.${i}.tag`)}>
                  {(aria) => <Input {...aria} type="number" inputMode="numeric" min={VLAN_TAG_RANGE.min} max={VLAN_TAG_RANGE.max} value={row.tag} onChange={setRow(i, "tag")} className="w-32" />}
                </Field>
                <Field id={`order-networks-${i}-name`} label={t("networkName", { n: i + 1 })} hint={i === 0 ? t("vlanNameHint") : undefined} errors={fieldErrors(`networks.${i}.name`)}>
                  {(aria) => <Input {...aria} value={row.name} onChange={setRow(i, "name")} maxLength={63} autoComplete="off" />}
                </Field>
                <Button className="mt-5" disabled={rows.length === 1} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                  {t("removeNetwork", { n: i + 1 })}
                </Button>
              </li>
            ))}
          </ol>
          <Button onClick={() => setRows((r) => [...r, { tag: nextTag(r), name: "" }])}>{t("addNetwork")}</Button>
        </div>
      );
      break;
  }

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!tooMany) run(asked);
      }}
    >
      <fieldset className="flex flex-wrap items-start gap-4">
        <legend className="sr-only">{t(`kinds.${kind}`)}</legend>
        {fields}
      </fieldset>

      {f && (
        <section aria-labelledby="order-figures" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="order-figures" className="mb-2 text-sm font-semibold">{t("figures")}</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="order-figures">
            {f.iops && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("iopsLimit")}</dt>
                <dd>
                  {f.iops.before !== null && kind !== "datastore" && <span>{t("iops", { value: format.number(f.iops.before) })} → </span>}
                  <span className="font-semibold">{f.iops.after === null ? t("noIops") : t("iops", { value: format.number(f.iops.after) })}</span>
                </dd>
              </>
            )}
            {f.sizeGib && kind === "datastore_resize" && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("size")}</dt>
                <dd>{t("gib", { value: format.number(f.sizeGib.before) })} → <span className="font-semibold">{t("gib", { value: format.number(f.sizeGib.after) })}</span></dd>
              </>
            )}
            {f.hosts && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("hosts")}</dt>
                <dd>{kind === "hosts" && <span>{format.number(f.hosts.before)} → </span>}<span className="font-semibold">{format.number(f.hosts.after)}</span></dd>
              </>
            )}
            {range && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("activatedMemory")}</dt>
                <dd>
                  {kind === "hosts" && <span>{gb(range.before)} → </span>}
                  <span className="font-semibold">{gb(range.after)}</span> <span className="text-slate-600 dark:text-slate-400">{t("range", { min: format.number(range.minGb), max: format.number(range.maxGb) })}</span>
                </dd>
              </>
            )}
            <dt className="text-slate-600 dark:text-slate-400">{t("monthly")}</dt>
            <dd>
              {f.monthly.before > 0 && <span>{eur(f.monthly.before)} → </span>}
              <span className="font-semibold">{t("perMonth", { price: eur(f.monthly.after) })}</span>
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{t("demoPrices")}</span>
            </dd>
          </dl>
        </section>
      )}

      <div id="order-verdict" aria-live="polite" className="space-y-2" data-testid="order-verdict">
        {planned && views.length === 0 && <p className="text-sm text-emerald-800 dark:text-emerald-300">{t("noRuleRefuses")}</p>}
        <Violations items={views} title={(planned ? planRefused(planned) : tooMany) ? t("verdictRefused") : t("verdictWarnings")} />
        {open && (
          <Link href={`/t/${tenantSlug}/orders/${open}`} className={linkClass}>
            {t("seeOpenOrder")}
          </Link>
        )}
      </div>

      <ActionResultView result={result} />
      {/* Submit is held while the count rule refuses: the sentence above says why and what to do. */}
      <Button type="submit" variant="primary" size="md" pending={pending} disabled={tooMany} aria-describedby={tooMany ? "order-network-count order-verdict" : undefined}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
