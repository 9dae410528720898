import clsx from "clsx";

export function Table({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        {children}
      </table>
    </div>
  );
}

export function Th({ children, align = "left" }: { children: React.ReactNode; align?: "left" | "right" }) {
  return (
    <th scope="col" className={clsx("px-3 py-2 text-xs font-semibold whitespace-nowrap text-slate-600 dark:text-slate-300", align === "right" ? "text-right" : "text-left")}>
      {children}
    </th>
  );
}

export function Td({ children, align = "left", className }: { children: React.ReactNode; align?: "left" | "right"; className?: string }) {
  return <td className={clsx("px-3 py-2 whitespace-nowrap", align === "right" && "text-right tabular-nums", className)}>{children}</td>;
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-slate-500 dark:border-slate-700 dark:text-slate-400">{children}</div>;
}
