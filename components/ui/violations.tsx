import { useLocale, useTranslations } from "next-intl";
import { figureWithUnit, langOf, type ViolationView } from "@/lib/decision-view";
import { cn } from "@/lib/cn";

/**
 * Why the console refused (or accepted with a warning): each rule by its stable code, its sentence
 * (which names the number and what to do instead), and the figures.
 */
export function Violations({ items, title, className, id }: { items: readonly ViolationView[]; title?: string; className?: string; id?: string }) {
  const t = useTranslations("violations");
  const lang = langOf(useLocale());
  if (items.length === 0) return null;
  const refusing = items.some((v) => v.severity === "refuse");
  return (
    <div
      id={id}
      role={refusing ? "alert" : "status"}
      data-testid="violations"
      className={cn(
        "rounded-md border px-3 py-2 text-sm",
        refusing ? "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100" : "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100",
        className,
      )}
    >
      {title && <p className="mb-1 font-semibold">{title}</p>}
      <ul className="space-y-1.5">
        {items.map((v, i) => (
          <li key={`${v.code}-${i}`} className="flex flex-col gap-0.5">
            <span>
              <code className="mr-1.5 rounded bg-white/70 px-1 font-mono text-xs font-semibold dark:bg-black/30">{v.code}</code>
              {v.message}
            </span>
            {(v.limit !== undefined || v.actual !== undefined) && (
              <span className="text-xs tabular-nums opacity-90">
                {v.limit !== undefined && t("limit", { value: figureWithUnit(v.limit, v.unit, lang) })}
                {v.limit !== undefined && v.actual !== undefined && " · "}
                {v.actual !== undefined && t("actual", { value: figureWithUnit(v.actual, v.unit, lang) })}
                {v.overridden && ` · ${t("overridden", { reason: v.overridden })}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
