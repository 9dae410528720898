import { describe, it, expect } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { ACTIVITY_FILTER_TYPES } from "@/lib/validation/activity-list";
import { loadMessages } from "./messages";

// Every audit action and activity type the filters offer has a name in each language: a new one
// without a label would print its message key in the audit log.
describe.each(["en", "fr"] as const)("labels in %s", async (locale) => {
  const m = (await loadMessages(locale)) as Record<string, Record<string, Record<string, string>>>;
  it.each(AUDIT_ACTIONS)("audit action %s", (a) => {
    expect(m.auditLog!.actions![a.replace(".", "_")]).toEqual(expect.any(String));
  });
  it.each(ACTIVITY_FILTER_TYPES)("activity type %s, and the sentence that says it is done", (a) => {
    expect((m.activity!.types as unknown as Record<string, string>)[a.replace(".", "_")]).toEqual(expect.any(String));
    // What the toast says when it ends: what happened ("web-01 is encrypted"), not "Encrypt of web-01 completed".
    expect((m.activity!.done as unknown as Record<string, string>)[a.replace(".", "_")]).toMatch(a === "tenant.seed" ? /\S/ : /\{name\}/);
  });
});
