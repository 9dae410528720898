import { z } from "zod";

export const VM_SORT_COLUMNS = ["name", "powerState", "pool", "host", "memoryGb", "cpu", "datastore", "encryption", "createdAt"] as const;
export type VmSortColumn = (typeof VM_SORT_COLUMNS)[number];
export const VM_PAGE_SIZES = [25, 50, 100] as const;
export const POWER_STATES = ["POWERED_ON", "POWERED_OFF", "SUSPENDED"] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

// Read from the URL: a bad value falls back to its default, it never breaks the page.
export const vmListQuerySchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).catch("")).catch("").default(""),
  state: z.preprocess(first, z.enum(POWER_STATES).optional()).catch(undefined),
  sort: z.preprocess(first, z.enum(VM_SORT_COLUMNS)).catch("name"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("asc"),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(1),
  pageSize: z.preprocess(first, z.coerce.number().pipe(z.union(VM_PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))).catch(25),
});

export type VmListQuery = z.infer<typeof vmListQuerySchema>;

export function parseVmListQuery(params: Record<string, string | string[] | undefined>): VmListQuery {
  return vmListQuerySchema.parse(params);
}

/** The URL of a view: only non-default values, so links stay short. */
export function vmListHref(base: string, q: VmListQuery, change: Partial<VmListQuery> = {}): string {
  const next = { ...q, ...change };
  const p = new URLSearchParams();
  if (next.q) p.set("q", next.q);
  if (next.state) p.set("state", next.state);
  if (next.sort !== "name") p.set("sort", next.sort);
  if (next.dir !== "asc") p.set("dir", next.dir);
  if (next.pageSize !== 25) p.set("pageSize", String(next.pageSize));
  if (next.page !== 1) p.set("page", String(next.page));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}
