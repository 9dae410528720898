// IAM: users, their permissions per tenant, owners. Shared by the forms, the actions and the CLI.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/permissions";

const id = z.string().trim().min(1, "v.required").max(64);
export const PASSWORD_MIN = 12;

/** One value per checkbox from a form, a list from the CLI. */
export const permissionList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
);

export const createMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("v.email").max(200),
  name: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(120).optional()),
  /** Absent for an existing account (an invitation); required for a new one. */
  password: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(PASSWORD_MIN, "v.password").max(200).optional()),
  permissions: permissionList,
});
export type CreateMemberInput = z.infer<typeof createMemberSchema>;

export const setMemberPermissionsSchema = z.object({ userId: id, permissions: permissionList });
export type SetMemberPermissionsInput = z.infer<typeof setMemberPermissionsSchema>;

const flag = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());
export const setOwnerSchema = z.object({ userId: id, owner: flag });
export type SetOwnerInput = z.infer<typeof setOwnerSchema>;

export const setUserDisabledSchema = z.object({ userId: id, disabled: flag });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

/** Whether the tenant requires two-factor authentication of its members (console only; tokens unaffected). */
export const setTotpRequiredSchema = z.object({ required: flag });
export type SetTotpRequiredInput = z.infer<typeof setTotpRequiredSchema>;

/** A code typed at enrolment, at sign-off of two-factor, at sign-in: six digits (spaces tolerated), or a recovery code. */
export const totpCodeSchema = z.object({ code: z.string().trim().min(1, "v.required").max(32) });
