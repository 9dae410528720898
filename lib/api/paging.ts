// Cursor pagination of the API's lists.
import { InvalidInputError } from "@/lib/errors";

/** An API list's page: `limit` items unless it says (1 to the maximum). */
export const API_PAGE_LIMIT_DEFAULT = 25;
export const API_PAGE_LIMIT_MAX = 100;

/**
 * The opaque cursor of a list: where the next page starts and its size (a page keeps the size of
 * the first one). Base64url of JSON, checked on the way back in: a forged cursor is a 400.
 */
export function pageOf(q: { limit?: unknown; cursor?: unknown }): { page: number; pageSize: number; offset: number } {
  const limit = typeof q.limit === "number" ? q.limit : API_PAGE_LIMIT_DEFAULT;
  if (typeof q.cursor !== "string" || q.cursor === "") return { page: 1, pageSize: limit, offset: 0 };
  try {
    const c = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as { o?: unknown; l?: unknown };
    if (Number.isInteger(c.o) && Number.isInteger(c.l) && (c.l as number) >= 1 && (c.l as number) <= API_PAGE_LIMIT_MAX && (c.o as number) >= 0 && (c.o as number) % (c.l as number) === 0 && (c.o as number) <= 10_000_000) {
      return { page: (c.o as number) / (c.l as number) + 1, pageSize: c.l as number, offset: c.o as number };
    }
  } catch {
    /* falls through */
  }
  throw new InvalidInputError({ cursor: { en: "This cursor is not one this API gave: start again without it.", fr: "Ce curseur ne vient pas de cette API : recommencez sans lui." } });
}

export function nextCursorOf(p: { pageSize: number; offset: number }, returned: number, total: number): string | null {
  const next = p.offset + p.pageSize;
  return returned === p.pageSize && next < total ? Buffer.from(JSON.stringify({ o: next, l: p.pageSize })).toString("base64url") : null;
}

/** One page of a short list a service returns whole (a tenant's pools, its datastores). */
export function sliceList<T>(all: readonly T[], q: { limit?: unknown; cursor?: unknown }): { list: T[]; nextCursor: string | null } {
  const p = pageOf(q);
  const list = all.slice(p.offset, p.offset + p.pageSize);
  return { list, nextCursor: nextCursorOf(p, list.length, all.length) };
}
