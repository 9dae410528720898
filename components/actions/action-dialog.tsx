"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ActionFailure } from "./action-failure";
import { OverrideField } from "./override-field";
import { onlyOverridable, useActivityStarted, useTenantAction, type TenantActionFn } from "./use-tenant-action";

type Fields = { errors: (field: string) => string[] | undefined; pending: boolean };

/**
 * A change made from a dialog: its form, the server's answer in place (errors under fields,
 * each refusal with its code and figures, a conflict's sentence), the reason field when every
 * refusal may be overridden, and on success the activity followed live and the page refreshed.
 */
export function ActionDialog({
  id,
  tenantId,
  action,
  trigger,
  title,
  description,
  submitLabel,
  variant = "primary",
  activity,
  toInput,
  onStarted,
  canSubmit = true,
  children,
}: {
  id: string;
  tenantId: string;
  action: TenantActionFn<{ activityId: string }>;
  trigger: React.ReactElement;
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  variant?: "primary" | "danger";
  /** The activity it starts and the resource's name, for the toast. */
  activity: { type: string; name: string };
  toInput: (form: FormData) => unknown;
  /** After the activity started (default: refresh the page). */
  onStarted?: (activityId: string) => void;
  canSubmit?: boolean;
  children?: (f: Fields) => React.ReactNode;
}) {
  const t = useTranslations("vmActions");
  const router = useRouter();
  const started = useActivityStarted();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { run, pending, failure, reset } = useTenantAction(action, tenantId);
  const overridable = failure?.code === "REFUSED" && onlyOverridable(failure.violations);
  const errors = (field: string) => failure?.fieldErrors?.[field];
  const change = (o: boolean) => {
    setOpen(o);
    if (!o) {
      reset();
      setReason("");
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <form
          id={id}
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await run(toInput(new FormData(e.currentTarget)));
            if (!r.ok) return;
            started(r.data.activityId, activity.type, activity.name);
            change(false);
            if (onStarted) onStarted(r.data.activityId);
            else router.refresh();
          }}
          className="space-y-3"
        >
          {children?.({ errors, pending })}
          <ActionFailure result={failure} />
          {(overridable || reason) && <OverrideField id={`${id}-override`} value={reason} onChange={setReason} errors={errors("overrideReason")} />}
          <div className="flex justify-end gap-2 pt-1">
            <DialogClose asChild>
              <Button>{t("cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant={variant} size="md" pending={pending} disabled={!canSubmit}>
              {pending ? t("working") : overridable && reason ? t("override.submit") : submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
