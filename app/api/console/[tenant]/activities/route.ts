import { getSessionActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/authorize";
import { consoleRouteRefusal } from "@/lib/auth/route-refusal";
import { getActivities } from "@/lib/services/activities";

// The console's own poll of the activities a page shows (session cookie, same origin); the REST
// API serves the same views to tokens.
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const authz = await authorize(await getSessionActor(), { slug: (await params).tenant }, "activity:read");
  if (!authz.ok) return consoleRouteRefusal(req, authz);
  const ids = (new URL(req.url).searchParams.get("ids") ?? "").split(",").filter(Boolean).slice(0, 100);
  return Response.json({ items: await getActivities(authz.ctx, ids) }, { headers: { "Cache-Control": "no-store" } });
}
