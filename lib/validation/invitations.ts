// Invitations by e-mail: the IAM page's form, the API and the acceptance page parse with these.
import { z } from "zod";
import { PASSWORD_MIN, permissionList } from "./iam";

const id = z.string().trim().min(1, "v.required").max(64);

export const createInvitationSchema = z.object({
  email: z.string().trim().toLowerCase().email("v.email").max(200),
  permissions: permissionList,
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const invitationIdSchema = z.object({ invitationId: id });
export type InvitationIdInput = z.infer<typeof invitationIdSchema>;

/** The link's token: 32 random bytes, base64url (43 characters). */
export const invitationTokenSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{20,100}$/, "v.required");

/** Accepting: a new account gives its name and first password; an existing one (signed in as it) neither. */
export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(120).optional()),
  password: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(PASSWORD_MIN, "v.password").max(200).optional()),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
