"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { beginTotpEnrolmentAction } from "@/lib/actions/account/begin-totp-enrolment";
import { confirmTotpEnrolmentAction } from "@/lib/actions/account/confirm-totp-enrolment";
import { disableTotpAction } from "@/lib/actions/account/disable-totp";
import { renewRecoveryCodesAction } from "@/lib/actions/account/renew-recovery-codes";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type Enrolment = { secret: string; uri: string; qr: string };

const errorOf = (r: ActionResult<unknown> | null) => (r && !r.ok ? r.formError : null);
const fieldErrorsOf = (r: ActionResult<unknown> | null, field: string) => (r && !r.ok ? r.fieldErrors?.[field] : undefined);

/**
 * Two-factor authentication of the caller's own account: off → a new secret (QR code, URI, the
 * secret itself) → the first code turns it on → the 10 recovery codes, shown this once. On → a
 * current code turns it off, or replaces the recovery codes with 10 new ones (shown this once).
 */
export function TotpSettings({ enabled, recoveryCodesLeft, continueTo }: { enabled: boolean; recoveryCodesLeft: number; continueTo: string | null }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);

  const begin = () =>
    start(async () => {
      const r = await beginTotpEnrolmentAction(null, {});
      setResult(r);
      if (r.ok) setEnrolment(r.data as Enrolment);
    });
  const confirm = (code: string) =>
    start(async () => {
      const r = await confirmTotpEnrolmentAction(null, { code });
      setResult(r);
      if (r.ok) {
        setRecoveryCodes((r.data as { recoveryCodes: string[] }).recoveryCodes);
        setEnrolment(null);
      }
    });
  const disable = (code: string) =>
    start(async () => {
      const r = await disableTotpAction(null, { code });
      setResult(r);
      if (r.ok) router.refresh();
    });
  const renew = (code: string) =>
    start(async () => {
      const r = await renewRecoveryCodesAction(null, { code });
      setResult(r);
      if (r.ok) setRecoveryCodes((r.data as { recoveryCodes: string[] }).recoveryCodes);
    });

  const error = errorOf(result);
  const errorView = error && (
    <p role="alert" data-testid="totp-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200">
      {error}
    </p>
  );

  if (recoveryCodes) {
    return (
      <div className="flex flex-col gap-3" data-testid="recovery-codes">
        <p role="status" className="font-medium text-emerald-800 dark:text-emerald-300">{t("enabled")}</p>
        <p className="text-sm">{t("recoveryIntro", { count: recoveryCodes.length })}</p>
        <ul className="grid grid-cols-2 gap-1 font-mono text-sm" aria-label={t("recoveryTitle")}>
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <div>
          <Button
            variant="primary"
            size="md"
            onClick={() => {
              setRecoveryCodes(null);
              if (continueTo) router.push(continueTo);
              else router.refresh();
            }}
          >
            {continueTo ? t("continue") : t("done")}
          </Button>
        </div>
      </div>
    );
  }

  if (enabled) {
    return (
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const code = String(new FormData(e.currentTarget).get("code") ?? "");
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          if (submitter?.value === "renew") renew(code);
          else disable(code);
        }}
      >
        <p role="status" className="font-medium text-emerald-800 dark:text-emerald-300">{t("isOn", { count: recoveryCodesLeft })}</p>
        <Field id="totp-disable-code" label={t("currentCode")} hint={t("currentCodeHint")} errors={fieldErrorsOf(result, "code")}>
          {(aria) => <Input {...aria} name="code" autoComplete="one-time-code" inputMode="numeric" spellCheck={false} className="max-w-40 font-mono" />}
        </Field>
        {errorView}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" value="renew" variant="secondary" size="md" pending={pending}>{t("renew")}</Button>
          <Button type="submit" value="disable" variant="danger" size="md" pending={pending}>{t("disable")}</Button>
        </div>
      </form>
    );
  }

  if (enrolment) {
    return (
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          confirm(String(new FormData(e.currentTarget).get("code") ?? ""));
        }}
      >
        <p className="text-sm">{t("scan")}</p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server: nothing for next/image to optimise */}
        <img src={enrolment.qr} alt={t("qrAlt")} width={200} height={200} className="rounded border border-slate-200 bg-white p-2" />
        <p className="text-sm">{t("manual")}</p>
        <dl className="grid gap-1 text-sm">
          <dt className="font-medium">{t("secret")}</dt>
          <dd><code data-testid="totp-secret" className="break-all">{enrolment.secret}</code></dd>
          <dt className="font-medium">{t("uri")}</dt>
          <dd><code data-testid="totp-uri" className="break-all text-xs">{enrolment.uri}</code></dd>
        </dl>
        <Field id="totp-confirm-code" label={t("firstCode")} errors={fieldErrorsOf(result, "code")}>
          {(aria) => <Input {...aria} name="code" autoComplete="one-time-code" inputMode="numeric" spellCheck={false} className="max-w-40 font-mono" />}
        </Field>
        {errorView}
        <div>
          <Button type="submit" variant="primary" size="md" pending={pending}>{t("confirm")}</Button>
        </div>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <p role="status" className="text-sm">{t("isOff")}</p>
      {errorView}
      <div>
        <Button variant="primary" size="md" pending={pending} onClick={begin}>{t("enable")}</Button>
      </div>
    </div>
  );
}
