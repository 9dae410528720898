import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { encryptVm } from "@/lib/services/vms";

export const POST = endpoint(ENDPOINTS.encryptVm, async (ctx, { params }) => ({ decision: await encryptVm(ctx, { vmId: params.id! }) }));
