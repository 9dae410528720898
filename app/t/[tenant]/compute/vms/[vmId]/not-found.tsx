import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkClass } from "@/components/ui/styles";

// Another tenant's VM id lands here too: "not found", never "forbidden" (no existence oracle).
export default async function VmNotFound() {
  const [t, e] = await Promise.all([getTranslations("vmPage"), getTranslations("errors")]);
  return (
    <div role="status" className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">{e("notFoundTitle")}</h1>
      <p className="my-3 text-slate-600 dark:text-slate-300">{t("notFound")}</p>
      {/* Relative (not-found gets no params): the VM list of whichever tenant this is. */}
      <Link href="." className={linkClass}>{t("back")}</Link>
    </div>
  );
}
