import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db/client";
import { ALERT_KIND_SPECS, alertText, type AlertKind } from "@/lib/domain/alerts";
import { formatNumber } from "@/lib/domain/result";

// The alert e-mails: the tick writes one AlertEmail row per subscriber who asked for e-mail (the
// outbox, in the statement that opens the alert); this sends the ones due, never inside the tick.
// A row is claimed by pushing its next attempt forward (a lease: a process that dies mid-send leaves
// it to be tried again then), sent through SMTP_URL, and marked sent; a failure waits longer each time
// and gives up after ALERT_MAIL_MAX_ATTEMPTS, keeping the last error.

export const ALERT_MAIL_MAX_ATTEMPTS = 6;
/** Seconds before attempt n + 1: 30 s, 2 min, 8 min, 32 min… */
export const alertMailBackoffSeconds = (attempt: number) => 30 * 4 ** Math.max(0, attempt - 1);

export type AlertMailConfig = { smtpUrl: string; from: string; baseUrl: string };

type Claimed = {
  id: string;
  to: string;
  attempts: number;
  kind: AlertKind;
  resourceName: string;
  value: number;
  limit: number;
  openedAt: Date;
  alertId: string;
  tenantSlug: string;
  tenantName: string;
};

export type SendResult = { sent: number; retried: number; failed: number };

export async function sendDueAlertEmails(config: AlertMailConfig, { batch = 50 }: { batch?: number } = {}): Promise<SendResult> {
  const rows = await db().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM "AlertEmail"
       WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= now() AT TIME ZONE 'UTC'
       ORDER BY "nextAttemptAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "AlertEmail" m SET attempts = m.attempts + 1,
             "nextAttemptAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => 30 * power(4, m.attempts))
        FROM due WHERE m.id = due.id
      RETURNING m.id, m."to", m.attempts, m."alertId"
    )
    SELECT c.id, c."to", c.attempts, c."alertId", a.kind::text AS kind, a."resourceName", a.value, a."limit", a."openedAt", t.slug AS "tenantSlug", t.name AS "tenantName"
      FROM claimed c JOIN "Alert" a ON a.id = c."alertId" JOIN "Tenant" t ON t.id = a."tenantId"`;
  if (rows.length === 0) return { sent: 0, retried: 0, failed: 0 };
  const transport = nodemailer.createTransport(config.smtpUrl);
  const out: SendResult = { sent: 0, retried: 0, failed: 0 };
  try {
    for (const r of rows) {
      try {
        await transport.sendMail(alertMessage(config, r));
        await db().alertEmail.update({ where: { id: r.id }, data: { sentAt: new Date(), lastError: null } });
        out.sent++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const giveUp = r.attempts >= ALERT_MAIL_MAX_ATTEMPTS;
        await db().alertEmail.update({ where: { id: r.id }, data: { lastError: error.slice(0, 500), ...(giveUp ? { failedAt: new Date() } : {}) } });
        if (giveUp) out.failed++;
        else out.retried++;
      }
    }
  } finally {
    transport.close();
  }
  return out;
}

/** The e-mail of one alert: the resource, the figure against its line, when, and a link to the alerts page. */
export function alertMessage(config: AlertMailConfig, r: Omit<Claimed, "id" | "attempts">) {
  const text = alertText(r.kind, r);
  const unit = ALERT_KIND_SPECS[r.kind].unit;
  const link = `${config.baseUrl.replace(/\/$/, "")}/t/${encodeURIComponent(r.tenantSlug)}/dashboards/alerts?kind=${r.kind}`;
  const when = r.openedAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const body = [
    text.en,
    "",
    `Tenant: ${r.tenantName}`,
    `Resource: ${r.resourceName}`,
    `Figure: ${formatNumber(r.value, "en")} ${unit} · line: ${formatNumber(r.limit, "en")} ${unit}`,
    `Opened: ${when}`,
    `Open the alert: ${link}`,
    "",
    "—",
    "",
    text.fr,
    "",
    `Ouvrir l’alerte : ${link}`,
    "",
    "You receive this because you subscribed to these alerts in the console (Alerts → Subscriptions).",
  ].join("\n");
  return { from: config.from, to: r.to, subject: `[${r.tenantName}] ${r.resourceName}: ${formatNumber(r.value, "en")} ${unit} (line ${formatNumber(r.limit, "en")} ${unit})`, text: body };
}
