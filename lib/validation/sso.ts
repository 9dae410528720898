// An organization's single sign-on settings (the owner's form) and the sign-in page's e-mail.
import { z } from "zod";

const flag = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());
const domain = z.string().trim().toLowerCase().regex(/^@?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, "v.domain");

export const setSsoSchema = z.object({
  issuer: z.string().trim().url("v.url").max(500).refine((u) => /^https?:\/\//.test(u), "v.url"),
  clientId: z.string().trim().min(1, "v.required").max(200),
  /** Empty keeps the stored secret (it is never shown back); required the first time. */
  clientSecret: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(500).optional()),
  domains: z.preprocess((v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v), z.array(domain).min(1, "v.required").max(20)),
  passwordAllowed: flag,
});
export type SetSsoInput = z.infer<typeof setSsoSchema>;

export const ssoStartSchema = z.object({ email: z.string().trim().toLowerCase().email("v.email").max(200) });
