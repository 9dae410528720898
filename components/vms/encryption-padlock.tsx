"use client";
import { useState, type ComponentProps, type ComponentType } from "react";
import { useTranslations } from "next-intl";
import { Lock, LockOpen } from "lucide-react";
import type { ActivityView } from "@/lib/activity-types";
import type { ViolationView } from "@/lib/decision-view";
import { cn } from "@/lib/cn";
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
  return <BlockedPadlock vm={vm} reasons={reasons} canManage={canManage} compact={compact} />;
}

type BlockedProps = { vm: PadlockVm; reasons: ViolationView[]; canManage: boolean; compact: boolean };
const loadReasons = () => import("./padlock-reasons");

/** The greyed padlock's button, the same before and after its popover's code (./padlock-reasons) has loaded. */
export function BlockedPadlockButton({ vm, count, compact, ...props }: { vm: PadlockVm; count: number; compact: boolean } & ComponentProps<"button">) {
  const t = useTranslations("vmActions");
  return (
    <button
      type="button"
      aria-label={t("padlock.whyNot", { name: vm.name })}
      aria-haspopup="dialog"
      data-testid="padlock"
      data-state="blocked"
      className={cn(chip, "border border-dashed border-slate-300 text-slate-600 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-400 dark:hover:bg-slate-800")}
      {...props}
    >
      <LockOpen aria-hidden className="size-3.5 opacity-60" />
      {compact ? t("padlock.blockedShort") : t("padlock.blocked", { count: count || 1 })}
    </button>
  );
}

/** The reasons' popover (Radix Popover and its positioning) loads on the first click: a list of VMs ships none of it. */
function BlockedPadlock(props: BlockedProps) {
  const [Reasons, setReasons] = useState<ComponentType<BlockedProps> | null>(null);
  if (Reasons) return <Reasons {...props} />;
  return (
    <BlockedPadlockButton
      vm={props.vm}
      count={props.reasons.length}
      compact={props.compact}
      aria-expanded={false}
      onClick={() => void loadReasons().then((m) => setReasons(() => m.PadlockReasons))}
      onPointerEnter={() => void loadReasons()}
      onFocus={() => void loadReasons()}
    />
  );
}
