"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { deleteAffinityRuleAction } from "@/lib/actions/affinity/delete-affinity-rule";
import { disableAffinityRuleAction } from "@/lib/actions/affinity/disable-affinity-rule";
import { enableAffinityRuleAction } from "@/lib/actions/affinity/enable-affinity-rule";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** Enable, disable or delete a rule (deleting asks for its name). */
export function AffinityRuleActions({ tenantId, rule }: { tenantId: string; rule: { id: string; name: string; enabled: boolean } }) {
  const t = useTranslations("affinity");
  const router = useRouter();
  const refresh = () => router.refresh();
  const toggle = useAction((rule.enabled ? disableAffinityRuleAction : enableAffinityRuleAction).bind(null, tenantId), { onDone: refresh });
  const del = useAction(deleteAffinityRuleAction.bind(null, tenantId), { onDone: refresh });
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState("");
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex gap-2">
        <Button pending={toggle.pending} onClick={() => toggle.run({ ruleId: rule.id })} aria-label={t(rule.enabled ? "disableLabel" : "enableLabel", { name: rule.name })}>
          {rule.enabled ? t("disable") : t("enable")}
        </Button>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="ghost" aria-label={t("deleteLabel", { name: rule.name })}>{t("delete")}</Button>
          </DialogTrigger>
          <DialogContent title={t("deleteTitle", { name: rule.name })} description={t("deleteBody")}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                del.run({ ruleId: rule.id, confirmName: confirm });
              }}
            >
              <Field id={`confirm-${rule.id}`} label={t("typeName", { name: rule.name })} errors={del.errors("confirmName")}>
                {(aria) => <Input {...aria} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />}
              </Field>
              <ActionResultView result={del.result} hideInvalid accepted={t("deleting")} />
              <div className="mt-4 flex justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary" size="md">{t("back")}</Button>
                </DialogClose>
                <Button type="submit" variant="danger" size="md" pending={del.pending} disabled={confirm !== rule.name || del.result?.ok}>
                  {t("delete")}
                </Button>
              </div>
            </form>
          </DialogContent>
        </Dialog>
      </div>
      <ActionResultView result={toggle.failure} />
    </div>
  );
}
