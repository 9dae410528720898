// Operator alerts: which figure each kind watches, its default line, and whether a figure crosses
// it. Pure: the collector's tick (lib/metrics/alerts.ts) feeds it the latest samples, the pages and
// the e-mail read the same wording. Every default comes from the catalogue (the 85 % line, the
// 10 % snapshot reserve, the SLA target): nothing here restates a number the dashboards use.
import { MEMORY_PRESSURE_LIMIT, SLA_BUDGET_ALERT_RATIO, SNAPSHOT_RESERVE_RATIO } from "./catalogue";
import { msg, type LocalizedText } from "./result";
import type { RuleCode } from "./rules";

export const ALERT_KINDS = ["POOL_MEMORY", "DATASTORE_IOPS", "DATASTORE_SPACE", "REPLICATION_RPO", "SLA_BUDGET"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATES = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export type AlertResource = "POOL" | "DATASTORE" | "REPLICATION";

export type AlertKindSpec = {
  resource: AlertResource;
  /** The line, in percent of the reference figure, when the tenant set none for the resource. */
  defaultPct: number;
  /** above: the alert opens when the figure passes the line; atOrAbove: when it reaches it; below: when it falls under it. */
  direction: "above" | "atOrAbove" | "below";
  unit: "GB" | "IOPS" | "GiB" | "min";
  /** The rule of DOMAIN.md the line comes from (none for the SLA budget: a measure, not a refusal). */
  rule: RuleCode | null;
};

/** Percent of a ratio, without 0.85 × 100 = 85.00000000000001. */
const pct = (ratio: number) => Math.round(ratio * 1e6) / 1e4;

export const ALERT_KIND_SPECS: Record<AlertKind, AlertKindSpec> = {
  // Consumed memory against the pool's activated memory: the dashboards' 85 % line.
  POOL_MEMORY: { resource: "POOL", defaultPct: pct(MEMORY_PRESSURE_LIMIT), direction: "above", unit: "GB", rule: "CPOOL.MEMORY_PRESSURE" },
  // IOPS demand against the tier's limit: at the limit the datastore is throttled.
  DATASTORE_IOPS: { resource: "DATASTORE", defaultPct: 100, direction: "atOrAbove", unit: "IOPS", rule: "DATASTORE.IOPS_BUDGET" },
  // Free space against the size: under the snapshot reserve.
  DATASTORE_SPACE: { resource: "DATASTORE", defaultPct: pct(SNAPSHOT_RESERVE_RATIO), direction: "below", unit: "GiB", rule: "DATASTORE.SNAPSHOT_RESERVE" },
  // Replication lag against the promised RPO.
  REPLICATION_RPO: { resource: "REPLICATION", defaultPct: 100, direction: "above", unit: "min", rule: "REPLICATION.RPO_BREACH" },
  // A pool's downtime this month against what 99.99 % allows: half of the budget spent.
  SLA_BUDGET: { resource: "POOL", defaultPct: pct(SLA_BUDGET_ALERT_RATIO), direction: "atOrAbove", unit: "min", rule: null },
};

/** The kinds that watch a resource type (a pool's page shows memory and SLA alerts). */
export function alertKindsOf(resource: AlertResource): AlertKind[] {
  return ALERT_KINDS.filter((k) => ALERT_KIND_SPECS[k].resource === resource);
}

/** An override is a whole or decimal percent in (0, 100]: past 100 % a line would never be reached. */
export const ALERT_LEVEL_MIN_PCT = 1;
export const ALERT_LEVEL_MAX_PCT = 100;

/**
 * One figure to judge: `value` (consumed GB, IOPS demand, free GiB, lag or downtime minutes) and
 * `reference`, what the line is a percentage of (activated memory, the IOPS limit, the size, the
 * promised RPO, the month's allowed downtime).
 */
export type AlertFigure = { value: number; reference: number };

export type AlertEvaluation = { breached: boolean; value: number; limit: number; levelPct: number; unit: AlertKindSpec["unit"] };

/**
 * Whether a figure crosses its kind's line (the tenant's `levelPct`, else the default). A figure
 * without a reference (Mass Storage has no IOPS limit, Metro Mirror no RPO) never alerts. Compared
 * on whole products, as withinPressureLimit does: 870.4 GB of 1 024 GB at 85 % is on the line, not over it.
 */
export function evaluateAlert(kind: AlertKind, figure: AlertFigure, levelPct?: number | null): AlertEvaluation {
  const spec = ALERT_KIND_SPECS[kind];
  const level = levelPct ?? spec.defaultPct;
  const limit = (figure.reference * level) / 100;
  const valid = Number.isFinite(figure.value) && Number.isFinite(figure.reference) && figure.reference > 0;
  const v = figure.value * 100;
  const line = figure.reference * level;
  const eps = 1e-9;
  const breached = valid && (spec.direction === "above" ? v > line + eps : spec.direction === "atOrAbove" ? v >= line - eps : v < line - eps);
  return { breached, value: figure.value, limit, levelPct: level, unit: spec.unit };
}

/** The sentence an alert shows and mails: the resource, the figure, the line and where it comes from. */
export function alertText(kind: AlertKind, a: { resourceName: string; value: number; limit: number }): LocalizedText {
  const r = a.resourceName;
  switch (kind) {
    case "POOL_MEMORY":
      return msg(
        (n) => `Pool ${r} consumes ${n(a.value)} GB of memory, above its line of ${n(a.limit)} GB (ballooning and compression risk).`,
        (n) => `Le pool ${r} consomme ${n(a.value)} Go de mémoire, au-dessus de sa limite de ${n(a.limit)} Go (risque de ballooning et de compression).`,
      );
    case "DATASTORE_IOPS":
      return msg(
        (n) => `Datastore ${r} is asked for ${n(a.value)} IOPS, at or over its line of ${n(a.limit)} IOPS: it is throttled.`,
        (n) => `Le datastore ${r} reçoit une demande de ${n(a.value)} IOPS, au niveau ou au-delà de sa limite de ${n(a.limit)} IOPS : il est bridé.`,
      );
    case "DATASTORE_SPACE":
      return msg(
        (n) => `Datastore ${r} has ${n(a.value)} GiB free, under its line of ${n(a.limit)} GiB (the snapshot reserve).`,
        (n) => `Le datastore ${r} n’a plus que ${n(a.value)} Gio libres, sous sa limite de ${n(a.limit)} Gio (la réserve pour les snapshots).`,
      );
    case "REPLICATION_RPO":
      return msg(
        (n) => `Replication ${r} is ${n(a.value)} min behind, past its line of ${n(a.limit)} min (the promised RPO).`,
        (n) => `La réplication ${r} a ${n(a.value)} min de retard, au-delà de sa limite de ${n(a.limit)} min (le RPO promis).`,
      );
    case "SLA_BUDGET":
      return msg(
        (n) => `Pool ${r} has been down ${n(a.value)} min this month, at least its line of ${n(a.limit)} min of the downtime 99.99 % allows.`,
        (n) => `Le pool ${r} a été indisponible ${n(a.value)} min ce mois-ci, au moins sa limite de ${n(a.limit)} min de l’indisponibilité que permet 99,99 %.`,
      );
  }
}
