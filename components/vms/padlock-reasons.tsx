"use client";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import type { ViolationView } from "@/lib/decision-view";
import { Violations } from "@/components/ui/violations";
import { BlockedPadlockButton, type PadlockVm } from "./encryption-padlock";

/** Why a VM cannot be encrypted, each rule by its code: mounted open, on the click that loaded it. */
export function PadlockReasons({ vm, reasons, canManage, compact }: { vm: PadlockVm; reasons: ViolationView[]; canManage: boolean; compact: boolean }) {
  const t = useTranslations("vmActions");
  return (
    <Popover.Root defaultOpen>
      <Popover.Trigger asChild>
        <BlockedPadlockButton vm={vm} count={reasons.length} compact={compact} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content side="bottom" align="start" sideOffset={4} collisionPadding={8} className="z-50 w-[min(26rem,calc(100vw-1rem))] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <p className="mb-2 font-semibold">{t("padlock.whyNot", { name: vm.name })}</p>
          {reasons.length > 0 ? <Violations items={reasons} /> : <p className="text-slate-600 dark:text-slate-300">{t("padlock.needsPermission")}</p>}
          {reasons.length > 0 && !canManage && <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t("padlock.needsPermission")}</p>}
          <Popover.Arrow className="fill-white dark:fill-slate-900" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
