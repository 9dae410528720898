import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { getActivity } from "@/lib/services/activities";

export const GET = endpoint(ENDPOINTS.getActivity, async (ctx, { params }) => ({ json: await getActivity(ctx, params.id!) }));
