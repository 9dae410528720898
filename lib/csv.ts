// CSV as RFC 4180 writes it (comma, CRLF, quotes doubled), for files people open in a
// spreadsheet: a cell that a spreadsheet would run as a formula is defused with a leading quote.

/** Starts a spreadsheet formula (=, +, -, @) or a control a spreadsheet strips before one. */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Excel reads a UTF-8 file as such (accents in French names intact) only when it starts with this. */
export const CSV_BOM = "\uFEFF";
