// What the command palette's search answers, shared by the service that finds it and the palette
// that shows it (pure: no server import).

export const SEARCH_KINDS = ["vm", "pool", "datastore", "vlan", "order", "activity"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Fewer characters find nothing: two letters already narrow a fleet to a few names. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

export type SearchHit = {
  kind: SearchKind;
  id: string;
  /** The resource's name; an order's id, where it has none. */
  name: string;
  /** An activity's type and state, an order's kind and status, a VLAN's tag. */
  detail: Record<string, string | number | null>;
  tenant: { slug: string; name: string };
};

export type SearchResult = { query: string; hits: SearchHit[] };
