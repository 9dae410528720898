"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { bulkBackupPolicySchema } from "@/lib/validation/data-protection";
import { bulkAssignBackupPolicy } from "@/lib/services/backup";

export const bulkAssignBackupPolicyAction = tenantAction({ permission: "backup:write", schema: bulkBackupPolicySchema }, bulkAssignBackupPolicy);
