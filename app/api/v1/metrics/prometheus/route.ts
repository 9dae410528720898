import { endpoint } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { prometheusText } from "@/lib/services/prometheus";

export const GET = endpoint(ENDPOINTS.getPrometheus, async (ctx) => prometheusText(ctx));
