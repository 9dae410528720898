import Link from "next/link";
import { useTranslations } from "next-intl";
import { linkClass } from "@/components/ui/styles";

/** Above a list filtered from the fleet overview: what is shown, and the way back to everything. */
export function AttentionNotice({ text, allHref }: { text: string; allHref: string }) {
  const t = useTranslations("dashboardsViews");
  return (
    <p role="status" className="mb-3 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
      <span>{text}</span>
      <Link href={allHref} className={linkClass}>{t("attention.showAll")}</Link>
    </p>
  );
}
