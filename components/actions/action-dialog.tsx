"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "./action-result";
import { OverrideField } from "./override-field";
import { onlyOverridable, useAction, type BoundAction } from "./use-action";

export type ActionDialogFields = { errors: (field: string) => string[] | undefined; pending: boolean };

/**
 * A change made from a dialog: its form, the server's answer in place (errors under fields,
 * each refusal with its code and figures, a conflict's sentence), the reason field when every
 * refusal may be overridden, and on success the activity followed live and the page refreshed.
 * A destructive change may ask for the resource's name typed back (`confirmName`).
 */
export function ActionDialog({
  id,
  action,
  trigger,
  title,
  description,
  submitLabel,
  variant = "primary",
  activity,
  toInput,
  onStarted,
  confirmName,
  children,
}: {
  id: string;
  action: BoundAction<unknown, { activityId: string }>;
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
  /** Submit stays disabled until this is typed (field `confirmName`). */
  confirmName?: { value: string; label: string };
  children?: (f: ActionDialogFields) => React.ReactNode;
}) {
  const t = useTranslations("vmActions");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const { run, pending, failure, errors, reset } = useAction(action, { announce: activity });
  const overridable = failure?.code === "REFUSED" && onlyOverridable(failure.violations);
  const change = (o: boolean) => {
    setOpen(o);
    if (!o) {
      reset();
      setReason("");
      setTyped("");
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
            change(false);
            if (onStarted) onStarted(r.data.activityId);
            else router.refresh();
          }}
          className="space-y-3"
        >
          {children?.({ errors, pending })}
          {confirmName && (
            <Field id={`${id}-confirm`} label={confirmName.label} errors={errors("confirmName")}>
              {(aria) => <Input {...aria} name="confirmName" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className="w-full font-mono" />}
            </Field>
          )}
          <ActionResultView result={failure} />
          {(overridable || reason) && <OverrideField id={`${id}-override`} value={reason} onChange={setReason} errors={errors("overrideReason")} />}
          <div className="flex justify-end gap-2 pt-1">
            <DialogClose asChild>
              <Button>{t("cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant={variant} size="md" pending={pending} disabled={confirmName ? typed.trim() !== confirmName.value : false}>
              {pending ? t("working") : overridable && reason ? t("override.submit") : submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
