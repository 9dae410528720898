"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { createInvitationAction } from "@/lib/actions/iam/create-invitation";
import { resendInvitationAction } from "@/lib/actions/iam/resend-invitation";
import { revokeInvitationAction } from "@/lib/actions/iam/revoke-invitation";
import { PERMISSIONS } from "@/lib/permissions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { ConfirmDialog } from "@/components/actions/confirm-dialog";
import { PermissionCheckboxes } from "./permission-checkboxes";

type Sent = { email: string; expiresAt: Date | string; mailed: boolean; link?: string };

/** The link, when it could not be mailed: the inviter hands it over another way. */
function UnsentLink({ sent }: { sent: Sent }) {
  const t = useTranslations("invitations");
  if (sent.mailed || !sent.link) return null;
  const until = new Date(sent.expiresAt).toISOString().replace("T", " ").slice(0, 16) + " UTC";
  return (
    <div role="status" data-testid="invitation-link" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
      <p>{t("notMailed", { email: sent.email, until })}</p>
      <code className="mt-1 block break-all">{sent.link}</code>
    </div>
  );
}

/** Invite an e-mail with a set of permissions. */
export function InviteForm({ tenantId }: { tenantId: string }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const { run, pending, result } = useAction(createInvitationAction.bind(null, tenantId));
  const [key, setKey] = useState(0);
  const [sent, setSent] = useState<Sent | null>(null);
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form
      key={key}
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await run(new FormData(e.currentTarget));
        if (r.ok) {
          setSent(r.data);
          if (r.data.mailed) toast.success(t("sent", { email: r.data.email }));
          setKey((k) => k + 1);
          router.refresh();
        }
      }}
    >
      <Field id="invite-email" label={t("email")} errors={errors("email")}>
        {(aria) => <Input {...aria} name="email" type="email" required autoComplete="off" className="max-w-sm" />}
      </Field>
      <PermissionCheckboxes id="invite-permissions" choices={PERMISSIONS} initial={[]} errors={errors("permissions")} />
      <ActionResultView result={result} hideInvalid />
      {sent && <UnsentLink sent={sent} />}
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}

/** Send again (a new link) and revoke (after confirmation) one invitation. */
export function InvitationActions({ tenantId, invitationId, email, canResend, canRevoke }: { tenantId: string; invitationId: string; email: string; canResend: boolean; canRevoke: boolean }) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const [sent, setSent] = useState<Sent | null>(null);
  const resend = useAction(resendInvitationAction.bind(null, tenantId));
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-2">
        {canResend && (
          <Button
            pending={resend.pending}
            aria-label={`${t("resend")} ${email}`}
            onClick={async () => {
              const r = await resend.run({ invitationId });
              if (r.ok) {
                setSent(r.data);
                if (r.data.mailed) toast.success(t("resent", { email }));
                router.refresh();
              }
            }}
          >
            {t("resend")}
          </Button>
        )}
        {canRevoke && (
          <ConfirmDialog
            action={revokeInvitationAction.bind(null, tenantId)}
            input={{ invitationId }}
            trigger={<Button variant="danger" aria-label={`${t("revoke")} ${email}`}>{t("revoke")}</Button>}
            title={t("revokeTitle", { email })}
            description={t("revokeText")}
            cancelLabel={t("cancel")}
            confirmLabel={t("confirmRevoke")}
            done={t("revoked", { email })}
          />
        )}
      </div>
      <ActionResultView result={resend.result} />
      {sent && <UnsentLink sent={sent} />}
    </div>
  );
}
