"use client";
import { useCallback, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/**
 * A list's URL as its state, changed in place: the parameters given are set (or removed when
 * empty), the page number is dropped (page 3 of another result means nothing), and the page is
 * replaced — no history entry per keystroke, no scroll to the top. The server reads the URL and
 * filters, sorts and paginates in the database, as on a first load.
 */
export function useListUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const hrefWith = useCallback(
    (change: Record<string, string | undefined>) => {
      const p = new URLSearchParams(params?.toString());
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined || v === "") p.delete(k);
        else p.set(k, v);
      }
      p.delete("page");
      const s = p.toString();
      return s ? `${pathname}?${s}` : pathname;
    },
    [params, pathname],
  );
  const replace = useCallback(
    (change: Record<string, string | undefined>) => {
      const href = hrefWith(change);
      start(() => router.replace(href, { scroll: false }));
    },
    [hrefWith, router],
  );
  return { replace, hrefWith, pending, query: params?.toString() ?? "" };
}
