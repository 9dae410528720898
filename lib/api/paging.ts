// Keyset pagination of the API's lists: a cursor names the last row a page returned (its sort
// key and its id), never how many rows came before it, so rows created or deleted while a client
// pages neither repeat nor hide one.
import { InvalidInputError } from "@/lib/errors";
import type { After, KeyValue, SortDir } from "@/lib/list-query";

/** An API list's page: `limit` items unless it says (1 to the maximum). */
export const API_PAGE_LIMIT_DEFAULT = 25;
export const API_PAGE_LIMIT_MAX = 100;

/** What each value of a sort key is, so that a cursor coming back in is checked value by value. */
export type KeyPart = "string" | "number" | "boolean" | "date";

/** The one order a list offers the API, and how to read its key from a row. */
export type CursorSort<R> = {
  /** Written into the cursor: a cursor of another order (or list) is refused. */
  name: string;
  dir: SortDir;
  parts: readonly KeyPart[];
  key: (row: R) => readonly KeyValue[];
  id?: (row: R) => string;
};

export const cursorSort = <R>(s: CursorSort<R>): CursorSort<R> => s;

/** Where a page starts: after a row (a cursor) or at the first one; its size; whether to count. */
export type ApiPage = { pageSize: number; after?: After; count: boolean };

const refused = () =>
  new InvalidInputError({ cursor: { en: "This cursor is not one this API gave for this list: start again without it.", fr: "Ce curseur ne vient pas de cette API pour cette liste : recommencez sans lui." } });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeValue(part: KeyPart, v: unknown): KeyValue | undefined {
  if (v === null) return null;
  switch (part) {
    case "string":
      return typeof v === "string" && v.length <= 500 ? v : undefined;
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? v : undefined;
    case "boolean":
      return typeof v === "boolean" ? v : undefined;
    case "date": {
      if (typeof v !== "string" || !ISO.test(v)) return undefined;
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
  }
}

const encodeValue = (v: KeyValue) => (v instanceof Date ? v.toISOString() : v);

/**
 * The page a list query asks for. The cursor is base64url of `{ s, k, id, l }`: the order's name,
 * the last row's key and id, and the page size of the first page (a page keeps it). Anything else
 * — not base64 JSON, another order, a key of the wrong type — is a 400 on `cursor`.
 */
export function pageOf<R>(q: { limit?: unknown; cursor?: unknown; count?: unknown }, sort: CursorSort<R>): ApiPage {
  const limit = typeof q.limit === "number" ? q.limit : API_PAGE_LIMIT_DEFAULT;
  const count = q.count === "true" || q.count === true;
  if (typeof q.cursor !== "string" || q.cursor === "") return { pageSize: limit, count };
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  if (typeof c !== "object" || c === null || Array.isArray(c)) throw refused();
  const { s, k, id, l } = c as Record<string, unknown>;
  if (s !== `${sort.name}:${sort.dir}` || !Array.isArray(k) || k.length !== sort.parts.length) throw refused();
  if (typeof id !== "string" || id.length === 0 || id.length > 64) throw refused();
  if (!Number.isInteger(l) || (l as number) < 1 || (l as number) > API_PAGE_LIMIT_MAX) throw refused();
  const key = sort.parts.map((part, i) => decodeValue(part, k[i]));
  if (key.some((v) => v === undefined)) throw refused();
  return { pageSize: l as number, after: { key: key as KeyValue[], id }, count };
}

/** The cursor of the page after `last`, the last row of a page that was full. */
export function cursorAfter<R>(sort: CursorSort<R>, last: R, pageSize: number): string {
  const id = sort.id ? sort.id(last) : (last as { id: string }).id;
  return Buffer.from(JSON.stringify({ s: `${sort.name}:${sort.dir}`, k: sort.key(last).map(encodeValue), id, l: pageSize })).toString("base64url");
}

/**
 * One page of rows read one more than the page holds: the extra row says there is a next page
 * (no count needed for that) and is not returned.
 */
export function pageFrom<R>(sort: CursorSort<R>, p: ApiPage, rows: readonly R[], total: number | null): { list: R[]; nextCursor: string | null; total?: number } {
  const list = rows.slice(0, p.pageSize);
  const nextCursor = rows.length > p.pageSize && list.length > 0 ? cursorAfter(sort, list[list.length - 1]!, p.pageSize) : null;
  return { list, nextCursor, ...(p.count && total !== null ? { total } : {}) };
}

// In-memory order for the short lists a service returns whole: by key then id, code point order.
function compare(a: readonly KeyValue[], aId: string, b: readonly KeyValue[], bId: string): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] instanceof Date ? (a[i] as Date).getTime() : a[i];
    const y = b[i] instanceof Date ? (b[i] as Date).getTime() : b[i];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x! < y! ? -1 : 1;
  }
  return aId === bId ? 0 : aId < bId ? -1 : 1;
}

/** One page of a short list a service returns whole (a tenant's pools, its datastores), with the same cursors. */
export function sliceList<T>(all: readonly T[], q: { limit?: unknown; cursor?: unknown; count?: unknown }, sort: CursorSort<T>): { list: T[]; nextCursor: string | null; total?: number } {
  const p = pageOf(q, sort);
  const idOf = sort.id ?? ((r: T) => (r as { id: string }).id);
  const sign = sort.dir === "asc" ? 1 : -1;
  const sorted = [...all].sort((a, b) => sign * compare(sort.key(a), idOf(a), sort.key(b), idOf(b)));
  const start = p.after ? sorted.findIndex((r) => sign * compare(sort.key(r), idOf(r), p.after!.key, p.after!.id) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start, start + p.pageSize + 1);
  return pageFrom(sort, p, rest, all.length);
}
