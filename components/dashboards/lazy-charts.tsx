"use client";

import dynamic from "next/dynamic";

// Recharts (≈ 100 kB gzipped) loads only once a chart is on screen, in its own chunk: the
// dashboard routes' first-load JavaScript stays without it.
export const TimeChart = dynamic(() => import("./charts").then((m) => m.TimeChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-72 w-full animate-pulse rounded bg-slate-100 motion-reduce:animate-none dark:bg-slate-800" />,
});
