"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { createMemberAction } from "@/lib/actions/iam/create-member";
import { setMemberPermissionsAction } from "@/lib/actions/iam/set-member-permissions";
import { setOwnerAction } from "@/lib/actions/iam/set-owner";
import { setUserDisabledAction } from "@/lib/actions/iam/set-user-disabled";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { ConfirmDialog } from "@/components/actions/confirm-dialog";
import { PermissionCheckboxes } from "./permission-checkboxes";

/** Create an account and make it a member, or invite an existing account by its email. */
export function CreateMemberForm({ tenantId }: { tenantId: string }) {
  const t = useTranslations("iamForms");
  const router = useRouter();
  const { run, pending, result } = useAction(createMemberAction.bind(null, tenantId));
  const [key, setKey] = useState(0);
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form
      key={key}
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const r = await run(form);
        if (r.ok) {
          toast.success(t(r.data.invited ? "invited" : "created", { email: String(form.get("email")) }));
          setKey((k) => k + 1);
          router.refresh();
        }
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="member-email" label={t("email")} errors={errors("email")}>
          {(aria) => <Input {...aria} name="email" type="email" required autoComplete="off" />}
        </Field>
        <Field id="member-name" label={t("name")} errors={errors("name")}>
          {(aria) => <Input {...aria} name="name" autoComplete="off" />}
        </Field>
        <Field id="member-password" label={t("password")} hint={t("passwordHint")} errors={errors("password")}>
          {(aria) => <Input {...aria} name="password" type="password" autoComplete="new-password" />}
        </Field>
      </div>
      <PermissionCheckboxes id="member-permissions" choices={PERMISSIONS} initial={[]} errors={errors("permissions")} />
      <ActionResultView result={result} hideInvalid />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}

/** Grant and revoke a member's permissions in this tenant, all at once. */
export function PermissionsForm({ tenantId, userId, initial }: { tenantId: string; userId: string; initial: readonly Permission[] }) {
  const t = useTranslations("iamForms");
  const router = useRouter();
  const { run, pending, result } = useAction(setMemberPermissionsAction.bind(null, tenantId));
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        form.set("userId", userId);
        const r = await run(form);
        if (r.ok) {
          toast.success(t("saved"));
          router.refresh();
        }
      }}
    >
      <PermissionCheckboxes id="edit-permissions" choices={PERMISSIONS} initial={initial} errors={result && !result.ok ? result.fieldErrors?.permissions : undefined} />
      <ActionResultView result={result} />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

/** Make a member an owner, or not; the last owner's refusal is shown with its reason. */
export function OwnerToggle({ tenantId, userId, isOwner }: { tenantId: string; userId: string; isOwner: boolean }) {
  const t = useTranslations("iamForms");
  const router = useRouter();
  const { run, pending, result } = useAction(setOwnerAction.bind(null, tenantId));
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button
          pending={pending}
          onClick={async () => {
            const r = await run({ userId, owner: !isOwner });
            if (r.ok) {
              toast.success(t("ownerSaved"));
              router.refresh();
            }
          }}
        >
          {isOwner ? t("removeOwner") : t("makeOwner")}
        </Button>
      </div>
      <ActionResultView result={result} />
    </div>
  );
}

/** Disable (after confirmation) or enable an account of the organization. */
export function DisableUserButton({ organizationId, userId, email, disabled }: { organizationId: string; userId: string; email: string; disabled: boolean }) {
  const t = useTranslations("iamForms");
  const router = useRouter();
  const { run, pending, result } = useAction(setUserDisabledAction.bind(null, organizationId));
  if (!disabled) {
    return (
      <ConfirmDialog
        action={setUserDisabledAction.bind(null, organizationId)}
        input={{ userId, disabled: true }}
        trigger={<Button variant="danger" aria-label={`${t("disable")} ${email}`}>{t("disable")}</Button>}
        title={t("disableTitle", { email })}
        description={t("disableText")}
        cancelLabel={t("cancel")}
        confirmLabel={t("confirmDisable")}
        done={t("disabledDone", { email })}
      />
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <Button
        pending={pending}
        aria-label={`${t("enable")} ${email}`}
        onClick={async () => {
          const r = await run({ userId, disabled: false });
          if (r.ok) {
            toast.success(t("enabledDone", { email }));
            router.refresh();
          }
        }}
      >
        {t("enable")}
      </Button>
      <ActionResultView result={result} />
    </div>
  );
}
