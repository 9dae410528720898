import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { getPool } from "@/lib/services/pools";

export const GET = endpoint(ENDPOINTS.getPool, async (ctx, { params }) => ({ json: await getPool(ctx, params.id!) }));
