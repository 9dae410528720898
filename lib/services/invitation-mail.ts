import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { alertMailConfig } from "@/lib/env-mail";

// The invitation e-mail goes through the same SMTP_URL and from-address as the alert e-mails
// (lib/env-mail.ts): one mail server per installation. Sent at once, not through an outbox: the
// link's token exists only in this message (the database keeps its hash), so it cannot wait in a table.

export type MailConfig = { smtpUrl: string; from: string; baseUrl: string };

/** The configured mail server, or null when SMTP_URL is unset (the link is then shown to the inviter). */
export function invitationMailConfig(): MailConfig | null {
  return alertMailConfig(env());
}

/** Where links point: NEXTAUTH_URL, else this server on its port. */
export function consoleBaseUrl(): string {
  const e = env();
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

export function invitationMessage(config: MailConfig, m: { to: string; tenantName: string; inviter: string; link: string; expiresAt: Date; hours: number }) {
  const until = m.expiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const text = [
    `${m.inviter} invites you to the tenant ${m.tenantName} of the sovereign cloud console.`,
    "",
    `Accept the invitation: ${m.link}`,
    "",
    `The link works once and until ${until} (${m.hours} hours). If you did not expect it, ignore this message.`,
    "",
    "—",
    "",
    `${m.inviter} vous invite dans le tenant ${m.tenantName} de la console de cloud souverain.`,
    "",
    `Accepter l’invitation : ${m.link}`,
    "",
    `Le lien sert une fois, jusqu’au ${until} (${m.hours} heures). Si vous ne l’attendiez pas, ignorez ce message.`,
  ].join("\n");
  return { from: config.from, to: m.to, subject: `Invitation: ${m.tenantName} / Invitation : ${m.tenantName}`, text };
}

/** Sends one invitation; false (and the error logged) when the server refuses or cannot be reached. */
export async function sendInvitationMail(config: MailConfig, m: Parameters<typeof invitationMessage>[1]): Promise<boolean> {
  const transport = nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail(invitationMessage(config, m));
    return true;
  } catch (e) {
    console.error("[invitation mail]", e instanceof Error ? e.message : e);
    return false;
  } finally {
    transport.close();
  }
}
