"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { stopReplicationSchema } from "@/lib/validation/data-protection";
import { stopReplication } from "@/lib/services/replication";

export const stopReplicationAction = tenantAction({ permission: "replication:write", schema: stopReplicationSchema }, stopReplication);
