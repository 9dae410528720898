import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { addressRefusalOfRequest, requestAddress } from "@/lib/auth/session";
import { langOf } from "@/lib/decision-view";
import { addressNotAllowedMessage } from "@/lib/domain/address-ranges";
import { linkClass } from "@/components/ui/styles";

// What a tenant page answers (403) to a client outside the tenant's allowed address ranges: the
// rule, the address, and what to do — not the error screen. Next renders this file without props,
// and for a refusal thrown by the tenant's layout not in the render that threw, so the request's
// cache (where requireTenant() leaves the refusal) may be empty here: the sentence is then made
// again from the request's address, naming "this tenant".
export default async function Forbidden() {
  const [t, locale, address] = await Promise.all([getTranslations("allowedRanges"), getLocale(), requestAddress()]);
  const refusal = addressRefusalOfRequest().refusal;
  const message = refusal?.message ?? addressNotAllowedMessage(address, null);
  return (
    <main className="flex min-h-screen items-start justify-center p-6 pt-24">
      <div data-testid="address-refused" className="w-full max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
        <h1 className="text-lg font-semibold">{t("refusedTitle")}</h1>
        <p className="my-3">{message[langOf(locale)]}</p>
        <p className="my-1">{t("refusedAddress", { address: refusal?.address ?? address })}</p>
        <p className="my-1 text-sm">{t("refusedCode", { code: "IAM.ADDRESS_NOT_ALLOWED" })}</p>
        <Link href="/" className={`mt-3 inline-block ${linkClass}`}>
          {t("refusedOther")}
        </Link>
      </div>
    </main>
  );
}
