import { getSessionActor } from "@/lib/auth/session";
import { consoleRouteRefusal } from "@/lib/auth/route-refusal";
import { openLiveStream } from "@/lib/services/live";

// A tab's live updates as Server-Sent Events (components/shell/live-updates.tsx opens one per
// tab). `?tenant=<slug>` (repeatable) follows those tenants only, each authorised like its pages;
// without it, every tenant the person may open. No session: 401; another tenant's slug: 404.
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const tenants = new URL(req.url).searchParams.getAll("tenant").filter(Boolean).slice(0, 20);
  const opened = await openLiveStream(await getSessionActor(), tenants, { signal: req.signal });
  if (!opened.ok) return consoleRouteRefusal(req, opened);
  return new Response(opened.stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the server's compression would otherwise hold the events back in its buffer.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
