"use client";
import { useEffect, useId, useRef, useState } from "react";
import { secondaryButtonClass } from "../styles";

/**
 * A button that opens a panel below it (the columns menu, saved views): Escape or a click outside
 * closes it and gives the focus back to the button. A disclosure, not an ARIA menu: the panel
 * holds ordinary checkboxes, buttons and a form, reached with Tab.
 */
export function Popover({ label, title, children, align = "right" }: { label: React.ReactNode; title: string; children: React.ReactNode; align?: "left" | "right" }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)} className={`${secondaryButtonClass} py-1.5 text-sm`}>
        {label}
      </button>
      {/* Rendered only while open: its checkboxes' labels ("State") must not shadow the filters' when closed. */}
      {open && (
      <div
        id={id}
        role="group"
        aria-label={title}
        // A link inside (a saved view) leads elsewhere: the panel has done its job.
        onClick={(e) => {
          if ((e.target as Element).closest("a")) setOpen(false);
        }}
        className={`absolute z-20 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900 ${align === "right" ? "right-0" : "left-0"}`}
      >
        {children}
      </div>
      )}
    </div>
  );
}
