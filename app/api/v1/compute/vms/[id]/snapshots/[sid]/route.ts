import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { deleteSnapshot } from "@/lib/services/vms";

export const DELETE = endpoint(ENDPOINTS.deleteSnapshot, async (ctx, { params }) => ({ decision: await deleteSnapshot(ctx, { vmId: params.id!, snapshotId: params.sid! }) }));
