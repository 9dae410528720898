import { endpoint, sliceList } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { listPools } from "@/lib/services/pools";

export const GET = endpoint(ENDPOINTS.listPools, async (ctx, { query }) => sliceList(await listPools(ctx), query));
