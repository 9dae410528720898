import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { listUserTenants } from "@/lib/db/tenancy";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function Home() {
  const user = await requireUser();
  const tenants = await listUserTenants(user.id);
  if (tenants[0]) redirect(`/t/${tenants[0].tenant.slug}/overview`);
  const t = await getTranslations("home");
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-lg font-semibold">{t("noTenantTitle")}</h1>
      <p className="my-4 text-slate-600 dark:text-slate-300">{t("noTenantBody")}</p>
      <SignOutButton />
    </main>
  );
}
