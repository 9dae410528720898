"use client";
import { useTranslations } from "next-intl";
import { ActivityProgress, useActivities } from "./activity-tracker";

/** The live progress of an activity this page has only the id of (it was just started): queued until its first poll answers. */
export function TrackedProgress({ id, compact = false }: { id: string; compact?: boolean }) {
  const { get } = useActivities();
  const t = useTranslations("activity");
  const a = get(id);
  if (!a) return <span className="text-xs text-slate-600 dark:text-slate-400">{t("states.WAITING")}</span>;
  return <ActivityProgress activity={a} compact={compact} />;
}
