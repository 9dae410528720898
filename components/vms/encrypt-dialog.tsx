"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { encryptVmAction } from "@/lib/actions/vms/encrypt-vm";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** One click, confirmed: the server checks every precondition again whatever this page showed. */
export function EncryptDialog({ tenantId, vm, open, onOpenChange }: { tenantId: string; vm: { id: string; name: string }; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("vmActions");
  const router = useRouter();
  const { run, pending, failure, reset } = useAction(encryptVmAction.bind(null, tenantId), { announce: { type: "vm.encrypt", name: vm.name } });
  const close = (o: boolean) => {
    if (!o) reset();
    onOpenChange(o);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent title={t("encrypt.title", { name: vm.name })} description={t("encrypt.body")}>
        <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
          <li>{t("encrypt.keys")}</li>
          <li>{t("encrypt.offDuring")}</li>
          <li>{t("encrypt.noMirror")}</li>
        </ul>
        <ActionResultView result={failure} />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button
            variant="primary"
            size="md"
            pending={pending}
            onClick={async () => {
              const r = await run({ vmId: vm.id });
              if (!r.ok) return;
              close(false);
              router.refresh();
            }}
          >
            {pending ? t("working") : t("encrypt.confirm")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
