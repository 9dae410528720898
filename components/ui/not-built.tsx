import { getTranslations } from "next-intl/server";
import { PageHeader } from "./page-header";

export type Section = "hosts" | "network" | "dataProtection" | "orders" | "dashboards" | "iam";

/** A section that does not exist yet says so; nothing is faked. */
export async function NotBuilt({ section }: { section: Section }) {
  const [nav, t] = await Promise.all([getTranslations("nav"), getTranslations("notBuilt")]);
  const name = nav(section);
  return (
    <>
      <PageHeader title={name} />
      <div className="rounded-lg border border-dashed border-slate-300 bg-white/50 p-8 dark:border-slate-700 dark:bg-slate-900/40">
        <h2 className="font-semibold">{t("title", { section: name })}</h2>
        <p className="mt-1 max-w-2xl text-slate-600 dark:text-slate-300">{t("body", { section: name })}</p>
      </div>
    </>
  );
}
