import type { z } from "zod";
import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS, type snapshotBodySchema } from "@/lib/api/contract";
import { createSnapshot } from "@/lib/services/vms";

export const POST = endpoint(ENDPOINTS.createSnapshot, async (ctx, { params, body }) => ({
  decision: await createSnapshot(ctx, { vmId: params.id!, name: (body as z.infer<typeof snapshotBodySchema>).name }),
}));
