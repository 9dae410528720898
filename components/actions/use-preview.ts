"use client";
import { useEffect, useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";

/** The value once it has stopped changing for `ms` (compared by value: pass a string, not a fresh object). */
export function useDebounced<T extends string | number | boolean>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    if (ms <= 0) return;
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return ms <= 0 ? value : v;
}

/**
 * A what-if: the server's decision on `input` (the same planning its Submit runs), asked again
 * when the input has stopped changing for `debounceMs`. An answer to an input that has since
 * changed is dropped (the query is keyed by the input), and the previous answer stays on screen
 * while the next one is asked, so the figures do not flicker.
 */
export function usePreview<I, T>(
  action: (prev: unknown, input: I) => Promise<ActionResult<T>>,
  input: I,
  { enabled = true, debounceMs = 0, staleTime = 0, keepPrevious = true }: { enabled?: boolean; debounceMs?: number; staleTime?: number; keepPrevious?: boolean } = {},
) {
  const self = useId();
  const key = useDebounced(JSON.stringify(input), debounceMs);
  const query = useQuery({
    queryKey: ["preview", self, key],
    queryFn: () => action(null, JSON.parse(key) as I),
    enabled,
    staleTime,
    gcTime: staleTime,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
  const result = query.data ?? null;
  return {
    result,
    /** The accepted answer's data, or null (refused, not asked yet, or failed). */
    data: result?.ok ? result.data : null,
    /** A request is on its way. */
    fetching: query.isFetching,
    /** The answer on screen is not yet for the input as it is now (typing, or asking). */
    loading: enabled && (query.isFetching || key !== JSON.stringify(input)),
    /** The first answer has not come yet. */
    waiting: enabled && query.isPending,
    errors: (field: string): string[] | undefined => (result && !result.ok ? result.fieldErrors?.[field] : undefined),
  };
}
