import type { z } from "zod";
import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS, type powerBodySchema } from "@/lib/api/contract";
import { powerVm } from "@/lib/services/vms";

export const POST = endpoint(ENDPOINTS.powerVm, async (ctx, { params, body }) => {
  const b = body as z.infer<typeof powerBodySchema>;
  return { decision: await powerVm(ctx, { vmId: params.id!, action: b.action, overrideReason: b.overrideReason }) };
});
