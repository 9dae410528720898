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
