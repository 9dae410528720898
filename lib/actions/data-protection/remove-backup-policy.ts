"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { backupPolicyChangeSchema } from "@/lib/validation/data-protection";
import { removeBackupPolicy } from "@/lib/services/backup";

export const removeBackupPolicyAction = tenantAction({ permission: "backup:write", schema: backupPolicyChangeSchema }, removeBackupPolicy);
