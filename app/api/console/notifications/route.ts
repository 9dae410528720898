import { getSessionActor } from "@/lib/auth/session";
import { getNotifications } from "@/lib/services/notifications";

// The bell's data (session cookie, same origin): the signed-in person's notifications across every
// tenant they may open today, weighed by the service as authorize() would. Without a session: 401.
export async function GET() {
  const actor = await getSessionActor();
  if (!actor || actor.type === "system") return Response.json({ code: "UNAUTHENTICATED" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(await getNotifications(actor), { headers: { "Cache-Control": "no-store" } });
}
