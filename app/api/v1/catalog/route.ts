import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { catalogOf } from "@/lib/api/catalog";

export const GET = endpoint(ENDPOINTS.getCatalog, async (ctx) => ({ json: catalogOf(ctx.tenant.regionId) }));
