"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ROLE_BUNDLES, type Permission } from "@/lib/permissions";
import { Button } from "@/components/ui/button";

/**
 * Permission checkboxes named "permissions", with role bundles that only fill the boxes: the
 * grant is always the list of permissions (roles are the form's convenience, never checked).
 */
export function PermissionCheckboxes({ id, choices, initial, errors, bundles = true }: { id: string; choices: readonly Permission[]; initial: readonly Permission[]; errors?: string[]; bundles?: boolean }) {
  const t = useTranslations("iamForms");
  const [checked, setChecked] = useState<Set<Permission>>(new Set(initial));
  const errorId = `${id}-error`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">{t("permissions")}</legend>
      {bundles && (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("bundles")}>
          <span className="text-xs text-slate-600 dark:text-slate-300">{t("bundles")}</span>
          {(Object.keys(ROLE_BUNDLES) as (keyof typeof ROLE_BUNDLES)[]).map((b) => (
            <Button key={b} variant="ghost" onClick={() => setChecked(new Set(ROLE_BUNDLES[b].filter((p) => choices.includes(p))))}>
              {t(`bundle.${b}`)}
            </Button>
          ))}
          <Button variant="ghost" onClick={() => setChecked(new Set())}>
            {t("bundle.none")}
          </Button>
        </div>
      )}
      <div className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
        {choices.map((p) => (
          <label key={p} className="flex items-center gap-2 font-mono text-xs">
            <input
              type="checkbox"
              name="permissions"
              value={p}
              checked={checked.has(p)}
              onChange={(e) => setChecked((s) => {
                const n = new Set(s);
                if (e.target.checked) n.add(p);
                else n.delete(p);
                return n;
              })}
            />
            {p}
          </label>
        ))}
      </div>
      <p id={errorId} aria-live="polite" className="text-xs font-medium text-red-700 empty:hidden dark:text-red-300">
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
