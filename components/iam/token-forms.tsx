"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { createTokenAction } from "@/lib/actions/iam/create-token";
import { revokeTokenAction } from "@/lib/actions/iam/revoke-token";
import type { Permission } from "@/lib/permissions";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/lib/domain/catalogue";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { ConfirmDialog } from "@/components/actions/confirm-dialog";
import { PermissionCheckboxes } from "./permission-checkboxes";

/** Make a token; its secret is shown once, in a dialog with a copy button. */
export function CreateTokenForm({ tenantId, held }: { tenantId: string; held: readonly Permission[] }) {
  const t = useTranslations("iamForms");
  const router = useRouter();
  const { run, pending, result, reset } = useAction(createTokenAction.bind(null, tenantId));
  const [secret, setSecret] = useState<string | null>(null);
  const [key, setKey] = useState(0);
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <>
      <form
        key={key}
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await run(new FormData(e.currentTarget));
          if (r.ok) {
            setSecret(r.data.secret);
            setKey((k) => k + 1);
          }
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="token-name" label={t("tokenName")} errors={errors("name")}>
            {(aria) => <Input {...aria} name="name" required maxLength={80} autoComplete="off" />}
          </Field>
          <Field id="token-days" label={t("tokenDays")} errors={errors("days")}>
            {(aria) => <Input {...aria} name="days" type="number" min={1} max={TOKEN_MAX_DAYS} defaultValue={TOKEN_DEFAULT_DAYS} />}
          </Field>
        </div>
        <PermissionCheckboxes id="token-permissions" choices={held} initial={[]} errors={errors("permissions")} bundles={false} />
        <p className="text-xs text-slate-600 dark:text-slate-300">{t("tokenPermissions")}</p>
        <ActionResultView result={result} hideInvalid />
        <div>
          <Button type="submit" variant="primary" size="md" pending={pending}>
            {t("createToken")}
          </Button>
        </div>
      </form>
      <Dialog
        open={secret !== null}
        onOpenChange={(o) => {
          if (!o) {
            setSecret(null);
            reset();
            router.refresh();
          }
        }}
      >
        <DialogContent title={t("secretTitle")} description={t("secretText")}>
          <div className="flex flex-col gap-3">
            <Field id="token-secret" label={t("secretLabel")}>
              {(aria) => <Input {...aria} readOnly value={secret ?? ""} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />}
            </Field>
            <div className="flex justify-end gap-2">
              <Button
                onClick={async () => {
                  await navigator.clipboard?.writeText(secret ?? "").catch(() => undefined);
                  toast.success(t("copied"));
                }}
              >
                {t("copy")}
              </Button>
              <DialogClose asChild>
                <Button variant="primary">{t("done")}</Button>
              </DialogClose>
            </div>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Revoke a token after confirmation. */
export function RevokeTokenButton({ tenantId, tokenId, name }: { tenantId: string; tokenId: string; name: string }) {
  const t = useTranslations("iamForms");
  return (
    <ConfirmDialog
      action={revokeTokenAction.bind(null, tenantId)}
      input={{ tokenId }}
      trigger={<Button variant="danger" aria-label={`${t("revoke")} ${name}`}>{t("revoke")}</Button>}
      title={t("revokeTitle", { name })}
      description={t("revokeText")}
      cancelLabel={t("cancel")}
      confirmLabel={t("confirmRevoke")}
      done={t("revokedDone", { name })}
    />
  );
}
