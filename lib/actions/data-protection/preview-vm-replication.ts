"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { enableVmReplicationSchema } from "@/lib/validation/data-protection";
import { previewVmReplication } from "@/lib/services/replication";

export const previewVmReplicationAction = tenantAction({ permission: "replication:write", schema: enableVmReplicationSchema }, previewVmReplication);
