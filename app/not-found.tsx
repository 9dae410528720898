import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkClass } from "@/components/ui/styles";

// Also what another tenant's URL shows: "not found", never "forbidden" (no existence oracle).
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-screen items-start justify-center p-6 pt-24">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
        <p className="my-3 text-slate-600 dark:text-slate-300">{t("notFoundBody")}</p>
        <Link href="/" className={linkClass}>{t("home")}</Link>
      </div>
    </main>
  );
}
