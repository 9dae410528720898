// How the domain says yes, yes-but, or no. A refusal is a value the caller shows; a throw is a bug.
import { RULES, isAdvisory, type RuleCode, type Severity } from "./rules";

export type LocalizedText = { en: string; fr: string };
export type Lang = keyof LocalizedText;

export type Violation = {
  code: RuleCode;
  /** Always RULES[code].severity, except an overridden refusal, which becomes "warn". */
  severity: Severity;
  /** What happened, the number involved, and what to do instead. */
  message: LocalizedText;
  /** The number that was exceeded (or not reached), in `unit`. */
  limit?: number;
  /** The value the action would have produced, in `unit`. */
  actual?: number;
  unit?: string;
  /** The id of the VM, host, rule… the violation is about, when it is about one. */
  subject?: string;
  /** Set when an admin overrode this refusal; it is then a warning carrying the reason. */
  overridden?: { reason: string };
};

/**
 * `violations` holds every refusal and every warning found: the caller shows them all at once.
 * On success, the warnings travel with the value.
 */
export type Decision<T = undefined> = { ok: true; value: T; warnings: Violation[] } | { ok: false; violations: Violation[] };

export type Override = { reason: string };

type Figures = { limit?: number; actual?: number; unit?: string; subject?: string };

/** Builds a violation whose severity comes from the registry. */
export function violation(code: RuleCode, message: LocalizedText, figures: Figures = {}): Violation {
  const v: Violation = { code, severity: RULES[code].severity, message };
  if (figures.limit !== undefined) v.limit = round2(figures.limit);
  if (figures.actual !== undefined) v.actual = round2(figures.actual);
  if (figures.unit !== undefined) v.unit = figures.unit;
  if (figures.subject !== undefined) v.subject = figures.subject;
  return v;
}

/**
 * Applies an admin's override to the refusals of advisory rules (CPOOL.MEMORY_PRESSURE,
 * DATASTORE.THIN_OVERCOMMIT): each becomes a warning that says it was overridden and why. A hard
 * refusal (a host's physical memory, the pool's activated memory, a datastore's free space or
 * snapshot reserve…) is never reached: a decision holding one stays refused whatever the reason,
 * and its advisory refusals stay refusals too, so the admin sees the whole picture unchanged.
 * A blank reason is no override.
 */
export function applyOverride(violations: Violation[], override: Override | undefined): Violation[] {
  const reason = override?.reason.trim();
  if (!reason) return violations;
  if (violations.some((v) => v.severity === "refuse" && !isAdvisory(v.code))) return violations;
  return violations.map((v) =>
    isAdvisory(v.code) && v.severity === "refuse"
      ? {
          ...v,
          severity: "warn" as const,
          overridden: { reason },
          message: { en: `${v.message.en} Overridden by an administrator: ${reason}`, fr: `${v.message.fr} Dérogation d’un administrateur : ${reason}` },
        }
      : v,
  );
}

/** Refused if any violation refuses; otherwise accepted with the warnings. */
export function decide<T>(violations: Violation[], value: T): Decision<T> {
  return violations.some((v) => v.severity === "refuse") ? { ok: false, violations } : { ok: true, value, warnings: violations };
}

/** Every violation of a decision, refusals and warnings alike. */
export function allViolations(d: Decision<unknown>): Violation[] {
  return d.ok ? d.warnings : d.violations;
}

export function round2(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : n;
}

/**
 * A number as messages print it: plain digits, no grouping, at most two decimals, a decimal
 * point in English and a decimal comma in French (`326.4` / `326,4`).
 */
export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return n > 0 ? "∞" : n < 0 ? "-∞" : "NaN";
  const s = String(round2(n));
  return lang === "fr" ? s.replace(".", ",") : s;
}

/** Formats a number for one language. */
export type Fmt = (x: number) => string;

/** A message in both languages, each built with its own number formatting. */
export function msg(en: (n: Fmt) => string, fr: (n: Fmt) => string): LocalizedText {
  return { en: en((x) => formatNumber(x, "en")), fr: fr((x) => formatNumber(x, "fr")) };
}
