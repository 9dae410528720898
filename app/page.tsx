import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { listTenantsOfUser } from "@/lib/services/overview";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function Home() {
  const user = await requireUser();
  const tenants = await listTenantsOfUser(user.id);
  if (tenants[0]) redirect(`/t/${tenants[0].tenant.slug}/overview`);
  const t = await getTranslations("home");
  return (
    <main className="flex min-h-screen items-start justify-center p-6 pt-24">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-semibold">{t("noTenantTitle")}</h1>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("signedInAs", { email: user.email })}</p>
        <p className="my-4 text-slate-700 dark:text-slate-300">{t("noTenantBody")}</p>
        <SignOutButton />
      </div>
    </main>
  );
}
