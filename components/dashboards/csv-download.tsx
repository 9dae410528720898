"use client";

import { CSV_BOM, csvLine } from "@/lib/csv";
import { buttonVariants } from "@/components/ui/button";

/** Downloads a chart's figures as CSV (RFC 4180, UTF-8 with BOM), built in the browser from the page's data. */
export function CsvDownload({ label, filename, header, rows }: { label: string; filename: string; header: readonly string[]; rows: readonly (readonly unknown[])[] }) {
  const download = () => {
    const body = CSV_BOM + csvLine(header) + rows.map((r) => csvLine(r)).join("");
    const url = URL.createObjectURL(new Blob([body], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" onClick={download} className={buttonVariants({ variant: "secondary", size: "sm" })}>
      {label}
    </button>
  );
}
