import { getTranslations } from "next-intl/server";
import type { Permission } from "@/lib/permissions";
import { PageHeader } from "./page-header";

/** A member of the tenant without the permission a page needs is told which one, and whom to ask. */
export async function MissingPermission({ title, permission }: { title: string; permission: Permission }) {
  const t = await getTranslations("errors");
  return (
    <>
      <PageHeader title={title} />
      <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
        <h2 className="font-semibold">{t("forbiddenTitle")}</h2>
        <p className="mt-1">{t.rich("forbiddenBody", { permission, code: (chunks) => <code className="rounded bg-amber-100 px-1 font-mono text-xs dark:bg-amber-900">{chunks}</code> })}</p>
      </div>
    </>
  );
}
