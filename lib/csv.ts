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

/**
 * A CSV download streamed as it is read: the header, then each batch the generator yields (a
 * keyset page from the database), so an export of any length holds one batch in memory. A client
 * that goes away stops the reading.
 */
export function csvDownload<T>(o: { filename: string; header: readonly unknown[]; batches: AsyncGenerator<T[]>; line: (row: T) => string; label: string }): Response {
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(o.header)));
        return;
      }
      try {
        const next = await o.batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map(o.line).join("")));
      } catch (e) {
        console.error(`[${o.label} export]`, e);
        controller.error(e);
      }
    },
    async cancel() {
      await o.batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${o.filename}"`, "Cache-Control": "no-store" },
  });
}
