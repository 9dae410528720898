// An audit row as the audit log, a VM's trail and the CSV export show it: plain JSON, read from
// the row's columns and its `details` (written by lib/services/audit.ts and lib/auth/authorize.ts).
import { csvLine } from "./csv";
import type { Lang } from "./domain/result";

/** `message` in the reader's language when the row holds it (rows written before hold English only). */
export type AuditViolationView = { code: string; severity?: string; message: string; limit?: number; actual?: number; unit?: string; subject?: string; overridden?: string };

export type AuditEventView = {
  id: string;
  createdAt: string;
  actorType: "USER" | "TOKEN" | "SYSTEM";
  actorLabel: string | null;
  action: string;
  outcome: "SUCCEEDED" | "REFUSED" | "DENIED";
  target: { type: string; id: string | null; name: string | null } | null;
  before: unknown;
  after: unknown;
  violations: AuditViolationView[];
  activityId: string | null;
  /** DENIED: the permission that was missing. */
  permission: string | null;
};

type Row = {
  id: string;
  createdAt: Date;
  actorType: AuditEventView["actorType"];
  actorLabel: string | null;
  action: string;
  outcome: AuditEventView["outcome"];
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  details: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The sentence a stored violation says in `lang`: the recorded one in that language, else the one recorded. */
function violationIn(v: Record<string, unknown>, lang: Lang): AuditViolationView {
  const { messages, ...rest } = v;
  const localized = isObject(messages) && typeof messages[lang] === "string" ? (messages[lang] as string) : null;
  return { ...(rest as unknown as AuditViolationView), message: localized ?? (typeof v.message === "string" ? v.message : "") };
}

export function toAuditEventView(r: Row, lang: Lang = "en"): AuditEventView {
  const d = isObject(r.details) ? r.details : {};
  const violations = Array.isArray(d.violations) ? d.violations.filter(isObject).map((v) => violationIn(v, lang)) : [];
  const name = r.targetName ?? (typeof d.targetName === "string" ? d.targetName : null);
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    actorType: r.actorType,
    actorLabel: r.actorLabel,
    action: r.action,
    outcome: r.outcome,
    target: r.targetType ? { type: r.targetType, id: r.targetId, name } : null,
    before: d.before ?? null,
    after: d.after ?? null,
    violations,
    activityId: typeof d.activityId === "string" ? d.activityId : null,
    permission: typeof d.permission === "string" ? d.permission : null,
  };
}

/** The export's columns: English names, stable for scripts whatever the reader's language. */
export const AUDIT_CSV_HEADER = ["time_utc", "actor", "actor_type", "action", "outcome", "target_type", "target_id", "target_name", "violations", "before", "after", "activity_id", "permission"] as const;

const violationText = (v: AuditViolationView) =>
  [`${v.code}: ${v.message}`, v.limit !== undefined ? `limit ${v.limit}` : null, v.actual !== undefined ? `actual ${v.actual}` : null, v.overridden ? `overridden: ${v.overridden}` : null].filter(Boolean).join(" · ");

export function auditCsvLine(e: AuditEventView): string {
  return csvLine([
    e.createdAt,
    e.actorLabel,
    e.actorType,
    e.action,
    e.outcome,
    e.target?.type,
    e.target?.id,
    e.target?.name,
    e.violations.map(violationText).join("\n"),
    e.before,
    e.after,
    e.activityId,
    e.permission,
  ]);
}
