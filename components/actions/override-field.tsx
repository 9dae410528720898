"use client";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/styles";
import { cn } from "@/lib/cn";

/**
 * An administrator may go past an overridable rule (the pool's 85 % line) by saying why; the
 * reason is kept in the audit trail with the change.
 */
export function OverrideField({ id, value, onChange, errors }: { id: string; value: string; onChange: (v: string) => void; errors?: readonly string[] }) {
  const t = useTranslations("vmActions");
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50/60 p-3 dark:border-amber-800 dark:bg-amber-950/30">
      <Field id={id} label={t("override.label")} hint={t("override.hint")} errors={errors}>
        {(aria) => <textarea {...aria} name="overrideReason" rows={2} value={value} onChange={(e) => onChange(e.target.value)} minLength={10} maxLength={500} className={cn(inputClass, "w-full")} />}
      </Field>
    </div>
  );
}
