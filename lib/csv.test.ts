import { describe, it, expect } from "vitest";
import { csvCell, csvLine } from "./csv";
import { auditCsvLine, toAuditEventView } from "./audit-view";

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [{ cpu: 2, memoryGb: 8 }, '"{""cpu"":2,""memoryGb"":8}"'],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx"])("defuses a spreadsheet formula: %j", (value) => {
    expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it("ends a line with CRLF and separates with commas", () => {
    expect(csvLine(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});

describe("an audit row in CSV", () => {
  it("carries who, what, the outcome, the target and each violation with its numbers", () => {
    const view = toAuditEventView({
      id: "e1",
      createdAt: new Date("2026-11-29T08:15:00Z"),
      actorType: "USER",
      actorLabel: "admin.prod@demo.test",
      action: "vm.create",
      outcome: "REFUSED",
      targetType: "vm",
      targetId: "web-big",
      targetName: "web-big",
      details: { violations: [{ code: "CPOOL.MEMORY_PRESSURE", severity: "refuse", message: "Pool would be at 86 %, above 85 %.", limit: 217.6, actual: 218 }] },
    });
    expect(auditCsvLine(view)).toBe(
      '2026-11-29T08:15:00.000Z,admin.prod@demo.test,USER,vm.create,REFUSED,vm,web-big,web-big,"CPOOL.MEMORY_PRESSURE: Pool would be at 86 %, above 85 %. · limit 217.6 · actual 218",,,,\r\n',
    );
  });
});
