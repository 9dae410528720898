"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The charts, the only modules that import Recharts. Pages load them through
// lazy-charts.tsx (next/dynamic, no server rendering), so Recharts is in no route's first load.
// Every label comes from the page, already translated; every figure from a service.

/** `step`: a line in force over time (the 85 % line or the IOPS limit then), drawn as steps. */
export type SeriesSpec = { key: string; label: string; color: string; kind?: "line" | "area" | "step"; dashed?: boolean };
export type LineSpec = { y: number; label: string; color: string; testId?: string };
export type ChartProps = {
  title: string;
  /** null: no value at that point (a gap), e.g. a datastore tier without an IOPS limit. */
  data: readonly ({ at: number } & Record<string, number | null>)[];
  series: readonly SeriesSpec[];
  lines?: readonly LineSpec[];
  /** Periods to shade (throttled, over the line); `share` (0–1) is the part of the period actually spent there. */
  areas?: readonly { from: number; to: number; share?: number }[];
  areaLabel?: string;
  /** Events at their time (outages, maintenance, changes, deliveries): a vertical mark each. */
  marks?: readonly { at: number; label: string; color: string }[];
  unit: string;
  locale: string;
  /** Span of the range, to pick the time format of the axis. */
  rangeMs: number;
  yMax?: number;
};

export function TimeChart({ title, data, series, lines = [], areas = [], areaLabel, marks = [], unit, locale, rangeMs, yMax }: ChartProps) {
  const day = rangeMs > 36 * 3_600_000;
  const tick = new Intl.DateTimeFormat(locale, day ? { day: "2-digit", month: "2-digit" } : { hour: "2-digit", minute: "2-digit" });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const top = Math.max(yMax ?? 0, ...lines.map((l) => l.y)) * 1.05 || undefined;
  return (
    // The chart is a picture for sighted users; the same figures are in the table below it.
    <div role="img" aria-label={title} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data as ({ at: number } & Record<string, number | null>)[]} margin={{ top: 16, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => tick.format(v)} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
          <YAxis domain={[0, top ?? "auto"]} tickFormatter={(v: number) => num.format(v)} tick={{ fontSize: 12, fill: "#475569" }} width={64} unit={` ${unit}`} />
          <Tooltip labelFormatter={(v) => full.format(Number(v))} formatter={(v) => `${num.format(Number(v))} ${unit}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {areas.map((a, i) => (
            <ReferenceArea key={i} x1={a.from} x2={a.to} fill="#fecaca" fillOpacity={0.1 + 0.5 * (a.share ?? 1)} ifOverflow="extendDomain" label={i === 0 && areaLabel ? { value: areaLabel, position: "insideTop", fontSize: 11, fill: "#991b1b" } : undefined} />
          ))}
          {series.map((s) =>
            s.kind === "area" ? (
              <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={0.15} isAnimationActive={false} dot={false} />
            ) : s.kind === "step" ? (
              <Line key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray="2 2" isAnimationActive={false} dot={false} strokeWidth={1} />
            ) : (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray={s.dashed ? "4 3" : undefined} isAnimationActive={false} dot={false} strokeWidth={1.5} />
            ),
          )}
          {marks.map((m, i) => (
            <ReferenceLine key={`mark-${i}`} x={m.at} stroke={m.color} strokeDasharray="2 2" ifOverflow="discard" className="annotation" label={{ value: m.label, position: "insideTopLeft", fontSize: 10, fill: m.color }} />
          ))}
          {lines.map((l) => (
            <ReferenceLine key={l.label} y={l.y} stroke={l.color} strokeDasharray="6 3" ifOverflow="extendDomain" label={{ value: l.label, position: "insideTopRight", fontSize: 12, fill: l.color }} className={l.testId} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
