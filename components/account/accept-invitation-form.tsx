"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { acceptInvitationAction } from "@/lib/actions/account/accept-invitation";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";

/** A new e-mail: name and first password; then signed in with them and sent to the tenant. */
export function AcceptInvitationForm({ token, email, tenantSlug }: { token: string; email: string; tenantSlug: string }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const form = new FormData(e.currentTarget);
        const password = String(form.get("password") ?? "");
        const r = await acceptInvitationAction(null, { token, name: String(form.get("name") ?? ""), password });
        setResult(r);
        if (!r.ok) return setPending(false);
        const res = await signIn("credentials", { redirect: false, email, password, code: "" });
        router.replace(res?.ok && !res.error ? `/t/${tenantSlug}` : "/signin");
        router.refresh();
      }}
    >
      <Field id="accept-email" label={t("columns.email")}>
        {(aria) => <Input {...aria} value={email} readOnly autoComplete="username" />}
      </Field>
      <Field id="accept-name" label={t("name")} errors={errors("name")}>
        {(aria) => <Input {...aria} name="name" autoComplete="name" />}
      </Field>
      <Field id="accept-password" label={t("password")} hint={t("passwordHint")} errors={errors("password")}>
        {(aria) => <Input {...aria} name="password" type="password" required minLength={12} autoComplete="new-password" />}
      </Field>
      <ActionResultView result={result} hideInvalid />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {pending ? t("accepting") : t("accept")}
        </Button>
      </div>
    </form>
  );
}

/** An existing account, signed in as the invited e-mail: one click to become a member. */
export function JoinButton({ token, tenantName }: { token: string; tenantName: string }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionResult<{ tenantSlug: string }> | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button
          variant="primary"
          size="md"
          pending={pending}
          onClick={async () => {
            setPending(true);
            const r = await acceptInvitationAction(null, { token });
            setResult(r);
            if (r.ok) {
              router.replace(`/t/${r.data.tenantSlug}`);
              router.refresh();
            } else setPending(false);
          }}
        >
          {t("join", { tenant: tenantName })}
        </Button>
      </div>
      <ActionResultView result={result} />
    </div>
  );
}
