"use client";
import { useState, type ReactElement } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction, type BoundAction } from "@/components/actions/use-action";

/**
 * An immediate change confirmed in a dialog (revoke a token or an invitation, disable a user,
 * delete a catalogue item): the trigger opens it, Confirm runs the action once; a refusal stays in
 * the dialog with its sentence, an accepted change closes it, says `done` in a toast and refreshes
 * the page. Changes that start an activity use <ActionDialog>, which judges before confirming.
 */
export function ConfirmDialog<I, T>({
  action,
  input,
  trigger,
  title,
  description,
  cancelLabel,
  confirmLabel,
  done,
}: {
  action: BoundAction<I, T>;
  input: I;
  /** The button that opens the dialog (it keeps its own label, variant and disabled reason). */
  trigger: ReactElement;
  title: string;
  description: string;
  cancelLabel: string;
  confirmLabel: string;
  done: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, failure, reset } = useAction(action);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <div className="flex flex-col gap-3">
          <ActionResultView result={failure} fieldErrorsHere />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{cancelLabel}</Button>
            </DialogClose>
            <Button
              variant="danger"
              pending={pending}
              onClick={async () => {
                const r = await run(input);
                if (!r.ok) return;
                toast.success(done);
                setOpen(false);
                router.refresh();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
