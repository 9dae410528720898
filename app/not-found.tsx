import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="my-3 text-slate-600 dark:text-slate-300">{t("notFoundBody")}</p>
      <Link href="/" className="text-brand-600 hover:underline dark:text-brand-100">{t("home")}</Link>
    </main>
  );
}
