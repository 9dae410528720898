// The list-page kit's first half: a list's URL parameters as a typed query (a bad value falls back
// to its default, it never breaks the page) and back to a URL with only the non-default values,
// so a link reproduces a view and stays short. The components are in components/ui/list.
import { z } from "zod";

/** The page sizes every console list offers, the first the default. */
export const PAGE_SIZES = [25, 50, 100] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export type SortDir = "asc" | "desc";
/** A sort key's value: a string, a number, a flag or an instant (null where the column may be empty). */
export type KeyValue = string | number | boolean | Date | null;

/**
 * Keyset paging: the page starts after the row whose sort key is `key` (one value per column of
 * the sort, in order) and whose id is `id`. Rows created or deleted before that point do not
 * shift the page, as they do with an offset. The REST API's cursors carry it; the console's
 * page-numbered lists use `page` (they show "page N of M").
 */
export type After = { key: readonly KeyValue[]; id: string };

/** What the REST API adds to a list's query (never read from a console URL). */
export type Paging = {
  /** Start after this row instead of at `page`. */
  after?: After;
  /** false: do not count the matching rows (total is then null). The console counts; the API only when asked. */
  count: boolean;
};

/** A list's total: a number when the query has no say on counting (the console's), else number | null. */
export type Counted<Q> = "count" extends keyof Q ? number | null : number;

type Base<S extends string> = { sort: S; dir: SortDir; page: number; pageSize: number };
export type ListQuery<S extends string, F> = Base<S> & F;

export type ListDefinition<S extends string, F extends Record<string, unknown>> = {
  schema: z.ZodType<ListQuery<S, F>>;
  parse(params: Record<string, string | string[] | undefined>): ListQuery<S, F>;
  href(base: string, q: ListQuery<S, F>, change?: Partial<ListQuery<S, F>>): string;
  defaults: Base<S>;
  sorts: readonly S[];
  pageSizes: readonly number[];
};

/**
 * `filters` maps each URL parameter to its schema; each is read leniently (first value of a
 * repeated parameter, anything invalid → undefined).
 */
export function defineListQuery<S extends string, Shape extends Record<string, z.ZodType>>(def: {
  sorts: readonly [S, ...S[]];
  defaultSort: S;
  defaultDir?: SortDir;
  pageSizes?: readonly number[];
  filters: Shape;
}): ListDefinition<S, { [K in keyof Shape]?: z.infer<Shape[K]> }> {
  type F = { [K in keyof Shape]?: z.infer<Shape[K]> };
  const pageSizes = def.pageSizes ?? PAGE_SIZES;
  const defaults: Base<S> = { sort: def.defaultSort, dir: def.defaultDir ?? "asc", page: 1, pageSize: pageSizes[0]! };
  const filterShape = Object.fromEntries(Object.entries(def.filters).map(([k, s]) => [k, z.preprocess((v) => (first(v) === "" ? undefined : first(v)), s.optional()).catch(undefined)]));
  const schema = z.object({
    ...filterShape,
    sort: z.preprocess(first, z.enum(def.sorts as unknown as [S, ...S[]])).catch(defaults.sort),
    dir: z.preprocess(first, z.enum(["asc", "desc"])).catch(defaults.dir),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(1),
    pageSize: z.preprocess(first, z.coerce.number().int().refine((n) => pageSizes.includes(n))).catch(defaults.pageSize),
  }) as unknown as z.ZodType<ListQuery<S, F>>;
  const filterKeys = Object.keys(def.filters);
  return {
    schema,
    defaults,
    sorts: def.sorts,
    pageSizes,
    parse: (params) => schema.parse(params),
    href(base, q, change = {}) {
      const next = { ...q, ...change } as Record<string, unknown>;
      const p = new URLSearchParams();
      for (const k of filterKeys) {
        const v = next[k];
        if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
      }
      if (next.sort !== defaults.sort) p.set("sort", String(next.sort));
      if (next.dir !== defaults.dir) p.set("dir", String(next.dir));
      if (next.pageSize !== defaults.pageSize) p.set("pageSize", String(next.pageSize));
      if (next.page !== 1) p.set("page", String(next.page));
      const s = p.toString();
      return s ? `${base}?${s}` : base;
    },
  };
}

/** The page's window of a list: where it starts and ends, and the last page. */
export function pageWindow(q: { page: number; pageSize: number; after?: After }, total: number) {
  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  return { pages, from: total === 0 ? 0 : (q.page - 1) * q.pageSize + 1, to: Math.min(total, q.page * q.pageSize), skip: q.after ? 0 : (q.page - 1) * q.pageSize, take: q.pageSize };
}
