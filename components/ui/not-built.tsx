import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { PageHeader } from "./page-header";

/** A section that does not exist yet says so; nothing is faked. */
export async function NotBuilt({ tenant, section }: { tenant: Promise<{ tenant: string }>; section: string }) {
  await requireTenant((await tenant).tenant);
  const [nav, t] = await Promise.all([getTranslations("nav"), getTranslations("notBuilt")]);
  const name = nav(section);
  return (
    <>
      <PageHeader title={name} />
      <div role="status" className="rounded-lg border border-dashed border-slate-300 p-8 dark:border-slate-700">
        <h2 className="font-semibold">{t("title", { section: name })}</h2>
        <p className="mt-1 text-slate-600 dark:text-slate-300">{t("body", { section: name })}</p>
      </div>
    </>
  );
}
