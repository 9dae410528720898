import { endpoint, nextCursorOf, pageOf } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { createVm, listVms } from "@/lib/services/vms";
import type { CreateVmInput } from "@/lib/validation/vms";
import type { VmListQuery } from "@/lib/validation/vm-list";

export const GET = endpoint(ENDPOINTS.listVms, async (ctx, { query }) => {
  const p = pageOf(query);
  const { total, rows } = await listVms(ctx, { ...(query as Partial<VmListQuery>), sort: "name", dir: "asc", page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
});

export const POST = endpoint(ENDPOINTS.createVm, async (ctx, { body }) => ({ decision: await createVm(ctx, body as CreateVmInput) }));
