import type { z } from "zod";
import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS, type patchVmBodySchema } from "@/lib/api/contract";
import { deleteVmById, getVm, resizeVmPartially, setTags } from "@/lib/services/vms";

export const GET = endpoint(ENDPOINTS.getVm, async (ctx, { params }) => ({ json: await getVm(ctx, params.id!) }));

export const PATCH = endpoint(ENDPOINTS.patchVm, async (ctx, { params, body }) => {
  const b = body as z.infer<typeof patchVmBodySchema>;
  if (b.tags !== undefined) return { decision: await setTags(ctx, { vmId: params.id!, tags: b.tags }) };
  return { decision: await resizeVmPartially(ctx, { vmId: params.id!, cpu: b.cpu, memoryGb: b.memoryGb, overrideReason: b.overrideReason }) };
});

export const DELETE = endpoint(ENDPOINTS.deleteVm, async (ctx, { params }) => ({ decision: await deleteVmById(ctx, params.id!) }));
