"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { bulkBackupPolicySchema } from "@/lib/validation/data-protection";
import { bulkRemoveBackupPolicy } from "@/lib/services/backup";

export const bulkRemoveBackupPolicyAction = tenantAction({ permission: "backup:write", schema: bulkBackupPolicySchema }, bulkRemoveBackupPolicy);
