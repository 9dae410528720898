// The lists whose columns a person chooses and whose views they save: each list's columns (in
// their default order), the ones shown by default — chosen so the table fits a 1 440 px screen
// without scrolling sideways — and the one that never hides (it names the row). Read by the pages,
// the columns menu and the saved-views service alike; no I/O.
import type { Permission } from "@/lib/permissions";

/** The longest name of a saved view (the menu's field and the schema both read it: no zod in the page's bundle). */
export const LIST_VIEW_NAME_MAX = 60;

export const LIST_VIEW_LISTS = ["vms", "audit", "activities", "backupJobs", "replications"] as const;
export type ListViewList = (typeof LIST_VIEW_LISTS)[number];

type ColumnSpec = { all: readonly string[]; defaults: readonly string[]; fixed: string; read: Permission };

export const LIST_COLUMNS = {
  vms: {
    all: ["name", "powerState", "pool", "host", "memoryGb", "cpu", "datastore", "encryption", "tags", "createdAt"],
    // Host and datastore are one click away (the VM's page, the columns menu); Tags and Created are what people scan for.
    defaults: ["name", "powerState", "pool", "memoryGb", "cpu", "encryption", "tags", "createdAt"],
    fixed: "name",
    read: "compute:read",
  },
  audit: {
    all: ["time", "actor", "action", "outcome", "target", "details"],
    defaults: ["time", "actor", "action", "outcome", "target", "details"],
    fixed: "time",
    read: "audit:read",
  },
  activities: {
    all: ["createdAt", "type", "resource", "state", "initiator", "duration"],
    // Six short columns (the failure's reason wraps under its state): all fit 1 440 px.
    defaults: ["createdAt", "type", "resource", "state", "initiator", "duration"],
    fixed: "type",
    read: "activity:read",
  },
  backupJobs: {
    all: ["startedAt", "vm", "policy", "zones", "state", "size", "finishedAt"],
    defaults: ["startedAt", "vm", "policy", "zones", "state", "size", "finishedAt"],
    fixed: "startedAt",
    read: "backup:read",
  },
  // The Stop button is no column to choose: it follows the row for whoever may stop it.
  replications: {
    all: ["subject", "kind", "sites", "rpo", "lastReplicatedAt", "status", "state"],
    defaults: ["subject", "kind", "sites", "rpo", "lastReplicatedAt", "status", "state"],
    fixed: "subject",
    read: "backup:read",
  },
} as const satisfies Record<ListViewList, ColumnSpec>;

export type ListColumn<L extends ListViewList> = (typeof LIST_COLUMNS)[L]["all"][number];

/** The URL parameter that carries the chosen columns, in order. */
export const COLUMNS_PARAM = "cols";

/**
 * The columns a `cols` parameter asks for, in its order: unknown and repeated names dropped, the
 * fixed column always there (first if the parameter forgot it), the defaults when it says nothing usable.
 */
export function pickColumns<L extends ListViewList>(list: L, raw: string | undefined): ListColumn<L>[] {
  const spec: ColumnSpec = LIST_COLUMNS[list];
  const asked = (raw ?? "").split(",").map((s) => s.trim()).filter((s, i, all) => spec.all.includes(s) && all.indexOf(s) === i);
  if (asked.length === 0) return [...spec.defaults] as ListColumn<L>[];
  if (!asked.includes(spec.fixed)) asked.unshift(spec.fixed);
  return asked as ListColumn<L>[];
}

/** The `cols` value for these columns, or undefined when they are the defaults (a short URL). */
export function columnsParam(list: ListViewList, cols: readonly string[]): string | undefined {
  const d = LIST_COLUMNS[list].defaults;
  return cols.length === d.length && cols.every((c, i) => c === d[i]) ? undefined : cols.join(",");
}

/** Every column of the list in the person's order: the shown ones as shown, then the hidden ones in the default order. */
export function columnOrder(list: ListViewList, shown: readonly string[]): string[] {
  return [...shown, ...LIST_COLUMNS[list].all.filter((c) => !shown.includes(c))];
}

/** Moves a column one place up (-1) or down (+1) in the order; at either end it stays. */
export function moveColumn(order: readonly string[], column: string, delta: -1 | 1): string[] {
  const i = order.indexOf(column);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const next = [...order];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
