// Personal access tokens: what the console form, the CLI and the service accept.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/permissions";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/lib/domain/catalogue";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "v.required").max(80),
  // A form sends one value per checkbox (or none: every permission the creator holds); the CLI a list.
  permissions: z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional(),
  ),
  days: z.preprocess((v) => (v === undefined || v === "" ? undefined : v), z.coerce.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS)),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: z.string().trim().min(1, "v.required").max(64) });
export type RevokeTokenInput = z.infer<typeof revokeTokenSchema>;
