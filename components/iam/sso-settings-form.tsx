"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { setSsoAction } from "@/lib/actions/iam/set-sso";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

type Settings = { issuer: string; clientId: string; domains: string[]; passwordAllowed: boolean } | null;

/** An organization owner's single sign-on: the provider, its sealed secret (never shown back), the domains. */
export function SsoSettingsForm({ organizationId, settings }: { organizationId: string; settings: Settings }) {
  const t = useTranslations("sso");
  const router = useRouter();
  const { run, pending, result } = useAction(setSsoAction.bind(null, organizationId));
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form
      className="flex max-w-xl flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await run(new FormData(e.currentTarget));
        if (r.ok) {
          toast.success(t("saved"));
          router.refresh();
        }
      }}
    >
      <Field id="sso-issuer" label={t("issuer")} errors={errors("issuer")}>
        {(aria) => <Input {...aria} name="issuer" type="url" required defaultValue={settings?.issuer ?? ""} placeholder="https://idp.example.com" />}
      </Field>
      <Field id="sso-client-id" label={t("clientId")} errors={errors("clientId")}>
        {(aria) => <Input {...aria} name="clientId" required defaultValue={settings?.clientId ?? ""} autoComplete="off" />}
      </Field>
      <Field id="sso-client-secret" label={t("clientSecret")} hint={settings ? t("secretKept") : t("secretNew")} errors={errors("clientSecret")}>
        {(aria) => <Input {...aria} name="clientSecret" type="password" required={!settings} autoComplete="new-password" />}
      </Field>
      <Field id="sso-domains" label={t("domains")} hint={t("domainsHint")} errors={errors("domains")}>
        {(aria) => <Input {...aria} name="domains" required defaultValue={settings?.domains.join(", ") ?? ""} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="passwordAllowed" defaultChecked={settings?.passwordAllowed ?? true} />
        {t("passwordAllowed")}
      </label>
      <ActionResultView result={result} hideInvalid />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
