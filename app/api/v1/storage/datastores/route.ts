import { endpoint, sliceList } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { listDatastores } from "@/lib/services/datastores";

export const GET = endpoint(ENDPOINTS.listDatastores, async (ctx, { query }) => sliceList(await listDatastores(ctx), query));
