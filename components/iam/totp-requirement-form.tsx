"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { setTotpRequiredAction } from "@/lib/actions/iam/set-totp-required";
import { Button } from "@/components/ui/button";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** Whether the tenant requires two-factor authentication of its members; saved through the registry's setTotpRequired. */
export function TotpRequirementForm({ tenantId, tenantName, required, selfWithout }: { tenantId: string; tenantName: string; required: boolean; selfWithout: boolean }) {
  const t = useTranslations("twoFactor");
  const router = useRouter();
  const { run, pending, result } = useAction(setTotpRequiredAction.bind(null, tenantId));
  const [checked, setChecked] = useState(required);
  const [saved, setSaved] = useState<boolean | null>(null);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(null);
        const r = await run({ required: checked });
        if (r.ok) {
          setSaved(r.data.required);
          router.refresh();
        }
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="required" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
        {t("required", { tenant: tenantName })}
      </label>
      {selfWithout && checked && <p className="text-xs text-amber-800 dark:text-amber-300">{t("selfWarning")}</p>}
      <ActionResultView result={result} accepted={saved === null ? undefined : saved ? t("savedOn", { tenant: tenantName }) : t("savedOff", { tenant: tenantName })} />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
