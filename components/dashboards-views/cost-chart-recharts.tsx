"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CostBar } from "./cost-chart";

export default function CostBars({ data, locale, labels }: { data: CostBar[]; locale: string; labels: { monthToDate: string; forecast: string } }) {
  const eur = (n: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(n);
  return (
    <ResponsiveContainer width="100%" height={288}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="name" tick={{ fill: "#334155", fontSize: 12 }} interval={0} />
        <YAxis tickFormatter={eur} tick={{ fill: "#334155", fontSize: 12 }} width={80} />
        <Tooltip formatter={(v) => eur(Number(v))} />
        <Legend />
        <Bar dataKey="monthToDate" name={labels.monthToDate} fill="#2563eb" isAnimationActive={false} />
        <Bar dataKey="forecast" name={labels.forecast} fill="#94a3b8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
