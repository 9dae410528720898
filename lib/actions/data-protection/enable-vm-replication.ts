"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { enableVmReplicationSchema } from "@/lib/validation/data-protection";
import { enableVmReplication } from "@/lib/services/replication";

export const enableVmReplicationAction = tenantAction({ permission: "replication:write", schema: enableVmReplicationSchema }, enableVmReplication);
