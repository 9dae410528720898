"use client";
import { useEffect, useRef } from "react";
import { useListUrl } from "./use-list-url";

/** How long typing rests before the list follows: one request per pause, not per key. */
export const FILTER_DEBOUNCE_MS = 300;

const TYPED = new Set(["search", "text"]);

/**
 * A filter bar that applies itself: a choice (a select, a date) at once, typing after a
 * 300 ms pause, by replacing the URL (the server filters and pages in the database). Enter applies
 * at once. Without JavaScript it is the plain GET form it wraps, with its Apply button.
 */
export function InstantFilterForm({ action, label, children }: { action: string; label: string; children: React.ReactNode }) {
  const { replace } = useListUrl();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const apply = (form: HTMLFormElement) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const change: Record<string, string | undefined> = {};
    for (const el of Array.from(form.elements)) {
      if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name) change[el.name] = el.value.trim() || undefined;
    }
    replace(change);
  };
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="mb-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget);
      }}
      onChange={(e) => {
        const el = e.target as unknown as HTMLElement;
        if (el instanceof HTMLInputElement && TYPED.has(el.type)) return; // typed: onInput's pause decides
        apply(e.currentTarget);
      }}
      onInput={(e) => {
        const el = e.target as unknown as HTMLElement;
        if (!(el instanceof HTMLInputElement) || !TYPED.has(el.type)) return;
        const form = e.currentTarget;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => apply(form), FILTER_DEBOUNCE_MS);
      }}
    >
      {children}
    </form>
  );
}
