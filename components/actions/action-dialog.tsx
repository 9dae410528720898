"use client";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "./action-result";
import { OverrideField } from "./override-field";
import { onlyOverridable, useAction, type BoundAction } from "./use-action";
import { usePreview } from "./use-preview";

export type ActionDialogFields = { errors: (field: string) => string[] | undefined; pending: boolean };

/**
 * A change made from a dialog: its form, the server's answer in place (errors under fields,
 * each refusal with its code and figures, a conflict's sentence), the reason field when every
 * refusal may be overridden, and on success the activity followed live and the page refreshed.
 * A destructive change may ask for the resource's name typed back (`confirmName`).
 *
 * It judges before it confirms: as the form is filled, the same action runs with `dryRun` (the
 * service decides as it would, nothing is written), so a refusal shows before Submit — a hard one
 * disables it, an advisory one offers the reason field — and an accepted change shows its warnings.
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
  const form = useRef<HTMLFormElement | null>(null);
  const [draft, setDraft] = useState<unknown>(null);
  const latestToInput = useRef(toInput);
  useLayoutEffect(() => {
    latestToInput.current = toInput;
  });
  const readDraft = useCallback(() => {
    if (form.current) setDraft(latestToInput.current(new FormData(form.current)));
  }, []);
  // The form mounts once the dialog has opened (in its portal): judge what it holds before anything is typed.
  const attach = useCallback(
    (el: HTMLFormElement | null) => {
      form.current = el;
      readDraft();
    },
    [readDraft],
  );
  const verdict = usePreview((prev, input: unknown) => action(prev, { ...(input as object), dryRun: true }), draft, { enabled: open && draft !== null && !pending, debounceMs: 250 });
  // A verdict worth showing: a refusal by the rules, a conflict (busy), or the warnings of an acceptance. Bad input shows under its field on Submit.
  const judged = !verdict.loading && verdict.result && (verdict.result.ok || verdict.result.code === "REFUSED" || verdict.result.code === "CONFLICT") ? verdict.result : null;
  const shown = failure ?? judged;
  const overridable = shown?.ok === false && shown.code === "REFUSED" && onlyOverridable(shown.violations);
  const refusedForGood = !failure && judged?.ok === false && !overridable;
  const change = (o: boolean) => {
    setOpen(o);
    if (!o) {
      reset();
      setReason("");
      setTyped("");
      setDraft(null);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <form
          id={id}
          ref={attach}
          noValidate
          onChange={() => {
            // A new input: the last Submit's answer no longer applies; judge it afresh.
            reset();
            readDraft();
          }}
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
          <ActionResultView result={shown} hideInvalid={!failure} judged={!failure} />
          {!failure && (
            <p role="status" className="text-xs text-slate-600 dark:text-slate-400" data-testid={`${id}-verdict`}>
              {verdict.loading ? t("judge.checking") : judged?.ok && judged.warnings.length === 0 ? t("judge.accepted") : ""}
            </p>
          )}
          {(overridable || reason) && <OverrideField id={`${id}-override`} value={reason} onChange={setReason} errors={errors("overrideReason")} />}
          <div className="flex justify-end gap-2 pt-1">
            <DialogClose asChild>
              <Button>{t("cancel")}</Button>
            </DialogClose>
            <Button
              type="submit"
              variant={variant}
              size="md"
              pending={pending}
              disabled={refusedForGood || (confirmName ? typed.trim() !== confirmName.value : false)}
              title={refusedForGood ? t("judge.refused") : undefined}
            >
              {pending ? t("working") : reason ? t("override.submit") : submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
