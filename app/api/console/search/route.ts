import { getSessionActor } from "@/lib/auth/session";
import { searchEverywhere } from "@/lib/services/search";

// The command palette's search (session cookie, same origin): every tenant the person may open is
// weighed by the service, so this route asks no tenant of its own. Without a session: 401.
export async function GET(req: Request) {
  const actor = await getSessionActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const q = new URL(req.url).searchParams.get("q") ?? "";
  return Response.json(await searchEverywhere(actor, q), { headers: { "Cache-Control": "no-store" } });
}
