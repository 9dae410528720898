// The domain's violations as callers see them: one language, plain JSON. The same view serves a
// server action's result, a page, and the REST API's 422 body.
import { isAdvisory, type RuleCode } from "@/lib/domain/rules";
import type { Lang, Violation } from "@/lib/domain/result";

export type ViolationView = {
  code: RuleCode;
  severity: "refuse" | "warn";
  message: string;
  limit?: number;
  actual?: number;
  unit?: string;
  subject?: string;
  /** The refusal is advisory: an admin may turn it into a warning by giving a reason (CPOOL.MEMORY_PRESSURE). */
  overridable?: boolean;
  overridden?: string;
};

/** The domain writes its units in English; French readers get theirs (numbers are the same). */
const FRENCH_UNITS: Record<string, string> = {
  GB: "Go", GiB: "Gio", TiB: "Tio", "MB/s": "Mo/s",
  host: "hôte", hosts: "hôtes", VMs: "VM", orders: "commandes", policies: "politiques", snapshots: "instantanés", networks: "réseaux",
};

export function unitIn(unit: string, lang: Lang): string {
  return lang === "fr" ? (FRENCH_UNITS[unit] ?? unit) : unit;
}

/** The singular of a unit, for a figure of 1 (en) or below 2 (fr): "1 host", not "1 hosts". */
const SINGULAR: Record<Lang, Record<string, string>> = {
  en: { hosts: "host", VMs: "VM", orders: "order", policies: "policy", snapshots: "snapshot" },
  fr: { hôtes: "hôte", commandes: "commande", politiques: "politique", instantanés: "instantané" },
};

/** A figure with its unit (already in `lang`), in the number that agrees with it. */
export function figureWithUnit(value: number, unit: string | undefined, lang: Lang): string {
  if (!unit) return String(value);
  const one = lang === "fr" ? Math.abs(value) < 2 : value === 1;
  return `${value} ${one ? (SINGULAR[lang][unit] ?? unit) : unit}`;
}

export function toViolationView(v: Violation, lang: Lang): ViolationView {
  const out: ViolationView = { code: v.code, severity: v.severity, message: v.message[lang] };
  if (v.limit !== undefined) out.limit = v.limit;
  if (v.actual !== undefined) out.actual = v.actual;
  if (v.unit !== undefined) out.unit = unitIn(v.unit, lang);
  if (v.subject !== undefined) out.subject = v.subject;
  if (v.severity === "refuse" && isAdvisory(v.code)) out.overridable = true;
  if (v.overridden) out.overridden = v.overridden.reason;
  return out;
}

export const toViolationViews = (vs: readonly Violation[], lang: Lang) => vs.map((v) => toViolationView(v, lang));

export function langOf(locale: string): Lang {
  return locale === "fr" ? "fr" : "en";
}
