// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { loadMessages, type Messages } from "@/i18n/messages";
import { toViolationViews } from "@/lib/decision-view";
import { datastoreFigures } from "@/lib/domain/storage";
import { poolMemory } from "@/lib/domain/pool";
import { violation } from "@/lib/domain/result";
import { makeDatastore, makePool } from "@/lib/domain/testing/fixtures";
import type { PlannerResult } from "@/lib/validation/planner";
import PlannerResultView from "./planner-result";

// What the planner prints above and beside its figures: never "it fits" above a tripped rule,
// never a negative free space, the rule's code on every refusal.
let en: Messages = {};
beforeAll(async () => {
  en = await loadMessages("en");
});
afterEach(cleanup);

const pool = poolMemory(makePool({ hosts: 3, vms: [{ memoryGb: 64, host: 0 }] }));
const result = (over: Partial<PlannerResult> = {}): PlannerResult => ({ before: { pool, datastore: null }, after: { pool, datastore: null }, fits: true, changes: 1, addedVms: 1, addedVcpu: 2, addedMemoryGb: 8, ...over });
const show = (r: PlannerResult, warnings = [] as ReturnType<typeof violation>[]) =>
  render(
    <NextIntlClientProvider locale="en" messages={en}>
      <PlannerResultView result={r} warnings={toViolationViews(warnings, "en")} locale="en" />
    </NextIntlClientProvider>,
  );

describe("the planner's answer", () => {
  it("says it fits only when no rule trips", () => {
    show(result());
    expect(screen.getByTestId("planner-verdict").textContent).toMatch(/^It fits/);
  });

  it("with warnings only, says no rule refuses but names how many warn, under a title that is not 'would refuse'", () => {
    show(result(), [violation("DATASTORE.THIN_OVERCOMMIT", { en: "Thin disks over-commit.", fr: "x" })]);
    expect(screen.getByTestId("planner-verdict").textContent).toContain("No rule refuses these changes");
    expect(screen.getByTestId("planner-verdict").textContent).toContain("1 rule warns");
    expect(screen.getByTestId("planner-verdict").textContent).not.toMatch(/It fits/);
    expect(screen.getByTestId("violations").textContent).toContain("Warnings (nothing refused)");
  });

  it("a refusal shows its code and figures in the unit's number: 40 hosts against 32", () => {
    show(result({ fits: false }), [violation("CPOOL.MAX_HOSTS", { en: "A compute pool holds at most 32 hypervisors; this one would have 40.", fr: "x" }, { limit: 32, actual: 40, unit: "hosts" })]);
    const v = screen.getByTestId("violations").textContent!;
    expect(v).toContain("Rules that would refuse");
    expect(v).toContain("CPOOL.MAX_HOSTS");
    expect(v).toContain("limit 32 hosts · would be 40 hosts");
  });

  it("a datastore past its size says what is missing, never a negative free space", () => {
    const before = datastoreFigures(makeDatastore({ sizeGib: 1024, usedGib: 100, provisionedGib: 100 }));
    const after = datastoreFigures(makeDatastore({ sizeGib: 1024, usedGib: 2380, provisionedGib: 2380 }));
    expect(after.freeGib).toBeLessThan(0);
    show(result({ fits: false, before: { pool: null, datastore: before }, after: { pool: null, datastore: after } }));
    const text = document.body.textContent!;
    expect(text).not.toMatch(/-\s?[\d,]+ GiB free/);
    expect(text).toContain(`short of ${new Intl.NumberFormat("en").format(-after.freeGib)} GiB`);
  });
});
