import "server-only";
import { z } from "zod";
import type { Decision } from "@/lib/domain/result";
import { ConflictError } from "@/lib/errors";
import { TOTP_REFUSALS, type TotpRefusal } from "@/lib/services/totp";

// Shared by the three account actions: a refusal of the two-factor service becomes the action's
// form error (a ConflictError with its sentence and code), a success its data.

export const noInput = z.object({});

export function decided<T extends { ok: true }>(r: T | TotpRefusal): Decision<Omit<T, "ok">> {
  if (!r.ok) throw new ConflictError(TOTP_REFUSALS[r.code], r.code);
  const { ok: _ok, ...value } = r;
  return { ok: true, value, warnings: [] };
}
