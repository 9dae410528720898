// Zod issues as sentences in the user's language. Schemas name their own messages as keys of the
// "validation" namespace ("v.vmName"); the generic checks (numbers, ranges, choices) are phrased
// here from the issue's code, so a schema needs no message for them.
import type { z } from "zod";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.message.startsWith("v.")) return t(issue.message.slice(2));
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" ? t("required") : issue.origin === "array" ? t("tooFew", { min: Number(issue.minimum) }) : t("tooSmall", { min: Number(issue.minimum) });
    case "too_big":
      return issue.origin === "string" ? t("tooLong", { max: Number(issue.maximum) }) : issue.origin === "array" ? t("tooMany", { max: Number(issue.maximum) }) : t("tooBig", { max: Number(issue.maximum) });
    case "invalid_type":
      return issue.expected === "int" ? t("whole") : issue.expected === "number" ? t("number") : /received undefined/.test(issue.message) ? t("required") : t("invalid");
    case "invalid_value":
      return t("choice");
    case "invalid_format":
      return t("invalid");
    default:
      return t("invalid");
  }
}

/**
 * Field → messages, as forms show them next to each field ("_" for the form as a whole). A field of
 * an object inside a list is named by its whole path (`ranges.1.cidr`), so the row at fault is
 * known; an item of a plain list (`vmIds`) is its list.
 */
export function fieldErrorsOf(error: z.ZodError, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[fieldOf(issue.path)] ??= []).push(issueMessage(issue, t));
  return out;
}

function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length >= 3 && typeof path[1] === "number") return path.map(String).join(".");
  return String(path[0] ?? "_");
}
