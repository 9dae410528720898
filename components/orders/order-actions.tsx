"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { approveOrderAction } from "@/lib/actions/orders/approve-order";
import { cancelOrderAction } from "@/lib/actions/orders/cancel-order";
import { rejectOrderAction } from "@/lib/actions/orders/reject-order";
import type { ViolationView } from "@/lib/decision-view";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Violations } from "@/components/ui/violations";
import { inputClass } from "@/components/ui/styles";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** The author withdraws an order still awaiting review. */
export function CancelOrderButton({ tenantId, orderId }: { tenantId: string; orderId: string }) {
  const t = useTranslations("orderActions");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, result, pending } = useAction(cancelOrderAction.bind(null, tenantId), {
    onDone: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="md">{t("cancel")}</Button>
      </DialogTrigger>
      <DialogContent title={t("cancelTitle")} description={t("cancelBody")}>
        <ActionResultView result={result} />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary" size="md">{t("keep")}</Button>
          </DialogClose>
          <Button variant="danger" size="md" pending={pending} onClick={() => run({ orderId })}>
            {t("confirmCancel")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/**
 * An owner's review of one order: approve (the rules' verdict of today shown first; delivery
 * starts) or reject with a note for the author.
 */
export function ReviewButtons({ organizationId, orderId, orderTenant, currentTenant, verdict, summary }: { organizationId: string; orderId: string; orderTenant: string; currentTenant: string; verdict: ViolationView[]; summary: string }) {
  const t = useTranslations("orderActions");
  const router = useRouter();
  const [which, setWhich] = useState<"approve" | "reject" | null>(null);
  const [note, setNote] = useState("");
  const done = () => {
    setWhich(null);
    router.refresh();
  };
  const approve = useAction(approveOrderAction.bind(null, organizationId), { onDone: done, follow: (d) => d.tenantSlug === currentTenant });
  const reject = useAction(rejectOrderAction.bind(null, organizationId), { onDone: done, follow: () => orderTenant === currentTenant });
  const refused = verdict.some((v) => v.severity === "refuse");
  const noteErrors = reject.errors("note");
  return (
    <div className="flex flex-wrap gap-2">
      <Dialog open={which === "approve"} onOpenChange={(o) => setWhich(o ? "approve" : null)}>
        <DialogTrigger asChild>
          <Button variant="primary" size="md" aria-label={t("approveLabel", { summary })}>{t("approve")}</Button>
        </DialogTrigger>
        <DialogContent title={t("approveTitle")} description={t("approveBody", { summary })}>
          <Violations items={verdict} title={refused ? t("verdictRefused") : t("verdictWarnings")} />
          <ActionResultView result={approve.result} />
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" size="md">{t("back")}</Button>
            </DialogClose>
            <Button variant="primary" size="md" pending={approve.pending} disabled={refused} onClick={() => approve.run({ orderId })}>
              {t("confirmApprove")}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
      <Dialog open={which === "reject"} onOpenChange={(o) => setWhich(o ? "reject" : null)}>
        <DialogTrigger asChild>
          <Button variant="secondary" size="md" aria-label={t("rejectLabel", { summary })}>{t("reject")}</Button>
        </DialogTrigger>
        <DialogContent title={t("rejectTitle")} description={t("rejectBody", { summary })}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              reject.run({ orderId, note });
            }}
          >
            <Field id={`reject-note-${orderId}`} label={t("note")} hint={t("noteHint")} errors={noteErrors}>
              {(aria) => <textarea {...aria} name="note" required minLength={5} maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} />}
            </Field>
            <ActionResultView result={reject.result} hideInvalid />
            <div className="mt-4 flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary" size="md">{t("back")}</Button>
              </DialogClose>
              <Button type="submit" variant="danger" size="md" pending={reject.pending}>
                {t("confirmReject")}
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
