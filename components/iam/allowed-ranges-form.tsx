"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { setAllowedRangesAction } from "@/lib/actions/iam/set-allowed-ranges";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

type Row = { key: number; cidr: string; label: string };

/**
 * The tenant's allowed address ranges, edited as a list and saved whole. The server parses each
 * CIDR (errors come back per row, `ranges.<i>.cidr`) and refuses a list that would shut out the
 * address it is saved from.
 */
export function AllowedRangesForm({ tenantId, tenantName, initial, myRange }: { tenantId: string; tenantName: string; initial: readonly { cidr: string; label: string }[]; myRange: string | null }) {
  const t = useTranslations("allowedRanges");
  const router = useRouter();
  const { run, pending, result } = useAction(setAllowedRangesAction.bind(null, tenantId));
  const [rows, setRows] = useState<Row[]>(() => initial.map((r, i) => ({ key: i, ...r })));
  const [next, setNext] = useState(initial.length);
  const [saved, setSaved] = useState<number | null>(null);
  const errors = (i: number, f: "cidr" | "label") => (result && !result.ok ? result.fieldErrors?.[`ranges.${i}.${f}`] : undefined);
  const add = (cidr = "", label = "") => {
    setRows((rs) => [...rs, { key: next, cidr, label }]);
    setNext((n) => n + 1);
  };
  const edit = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(null);
        const r = await run({ ranges: rows.map(({ cidr, label }) => ({ cidr, label })) });
        if (r.ok) {
          setSaved(r.data.ranges.length);
          setRows(r.data.ranges.map((x, i) => ({ key: next + i, ...x })));
          setNext((n) => n + r.data.ranges.length);
          router.refresh();
        }
      }}
    >
      {rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">{t("none", { tenant: tenantName })}</p>}
      <ul className="flex flex-col gap-2">
        {rows.map((r, i) => (
          <li key={r.key} className="grid items-end gap-2 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_auto]">
            <Field id={`range-${r.key}-cidr`} label={t("cidr")} errors={errors(i, "cidr")}>
              {(aria) => <Input {...aria} value={r.cidr} onChange={(e) => edit(r.key, { cidr: e.target.value })} autoComplete="off" spellCheck={false} placeholder="203.0.113.0/24" />}
            </Field>
            <Field id={`range-${r.key}-label`} label={t("label")} errors={errors(i, "label")}>
              {(aria) => <Input {...aria} value={r.label} onChange={(e) => edit(r.key, { label: e.target.value })} autoComplete="off" />}
            </Field>
            <Button variant="ghost" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={t("remove", { range: r.cidr || String(i + 1) })}>
              ✕
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => add()}>{t("add")}</Button>
        {myRange && !rows.some((r) => r.cidr.trim() === myRange) && <Button onClick={() => add(myRange, "")}>{t("addMine", { range: myRange })}</Button>}
      </div>
      <ActionResultView result={result} hideInvalid accepted={saved !== null ? t("saved", { tenant: tenantName, count: saved }) : undefined} />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
