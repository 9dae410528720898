"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { Lock, LockOpen } from "lucide-react";
import type { ActivityView } from "@/lib/activity-types";
import type { ViolationView } from "@/lib/decision-view";
import { cn } from "@/lib/cn";
import { Violations } from "@/components/ui/violations";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { EncryptDialog } from "./encrypt-dialog";

export type PadlockVm = { id: string; name: string; encryption: "NONE" | "ENCRYPTING" | "ENCRYPTED"; busy: ActivityView | null; blockers: ViolationView[] };

const chip = "inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";

/**
 * The VM's encryption at a glance and its one-click action: encrypted; encrypting (with the
 * activity's progress); a padlock that encrypts when every precondition holds; or a greyed
 * padlock that says why not (each rule by its code), opened by click or keyboard.
 */
export function EncryptionPadlock({ tenantId, vm, canManage, compact = false }: { tenantId: string; vm: PadlockVm; canManage: boolean; compact?: boolean }) {
  const t = useTranslations("vmActions");
  const [open, setOpen] = useState(false);

  if (vm.encryption === "ENCRYPTED") {
    return (
      <span className={cn(chip, "bg-brand-50 text-brand-700 ring-1 ring-brand-600/25 ring-inset dark:bg-brand-700/25 dark:text-brand-100")} data-testid="padlock" data-state="encrypted">
        <Lock aria-hidden className="size-3.5" />
        {t("padlock.encrypted")}
      </span>
    );
  }
  if (vm.encryption === "ENCRYPTING" || vm.busy?.type === "vm.encrypt") {
    return (
      <span className="inline-flex items-center gap-1.5" data-testid="padlock" data-state="encrypting">
        <Lock aria-hidden className="size-3.5 animate-pulse text-amber-600 motion-reduce:animate-none dark:text-amber-300" />
        {vm.busy ? <ActivityProgress activity={vm.busy} compact /> : <span className="text-xs font-medium">{t("padlock.encrypting")}</span>}
      </span>
    );
  }
  const reasons = [...vm.blockers];
  if (reasons.length === 0 && canManage) {
    return (
      <>
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={t("padlock.encryptNamed", { name: vm.name })}
          data-testid="padlock"
          data-state="ready"
          className={cn(chip, "border border-slate-300 bg-white text-slate-700 hover:border-brand-500 hover:text-brand-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:text-brand-100")}
        >
          <LockOpen aria-hidden className="size-3.5" />
          {t("padlock.encrypt")}
        </button>
        <EncryptDialog tenantId={tenantId} vm={vm} open={open} onOpenChange={setOpen} />
      </>
    );
  }
  return (
    <Popover.Root>
      <Popover.Trigger
        aria-label={t("padlock.whyNot", { name: vm.name })}
        data-testid="padlock"
        data-state="blocked"
        className={cn(chip, "border border-dashed border-slate-300 text-slate-600 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-400 dark:hover:bg-slate-800")}
      >
        <LockOpen aria-hidden className="size-3.5 opacity-60" />
        {compact ? t("padlock.blockedShort") : t("padlock.blocked", { count: reasons.length || 1 })}
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
