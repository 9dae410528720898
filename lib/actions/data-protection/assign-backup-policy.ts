"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { backupPolicyChangeSchema } from "@/lib/validation/data-protection";
import { assignBackupPolicy } from "@/lib/services/backup";

export const assignBackupPolicyAction = tenantAction({ permission: "backup:write", schema: backupPolicyChangeSchema }, assignBackupPolicy);
