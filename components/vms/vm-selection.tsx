"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ArrowRightLeft, Pause, Play, RotateCcw, Square } from "lucide-react";
import type { VmPowerAction } from "@/lib/validation/vms";
import { Button } from "@/components/ui/button";
import { BulkPowerDialog } from "./bulk-power-dialog";
import { BulkMigrateDialog } from "./bulk-migrate-dialog";
import type { MigrateOptions } from "./vm-migrate";

type Selection = { selected: ReadonlySet<string>; toggle: (id: string, on: boolean) => void; setMany: (ids: readonly string[], on: boolean) => void };
const Ctx = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = useContext(Ctx);
  if (!s) throw new Error("a selection checkbox needs <VmSelection> above it");
  return s;
}

const ACTIONS: { action: VmPowerAction; icon: typeof Play }[] = [
  { action: "on", icon: Play },
  { action: "off", icon: Square },
  { action: "restart", icon: RotateCcw },
  { action: "suspend", icon: Pause },
];

/**
 * The VM list's selection (this page's rows) and the bulk power actions on it. A selection
 * survives nothing but the page: a new filter or page starts a new one.
 */
export function VmSelection({
  tenantId,
  vms,
  canPower,
  migrate,
  children,
}: {
  tenantId: string;
  vms: { id: string; name: string }[];
  canPower: boolean;
  /** Where the selection may be migrated, and whether the user may (compute:write). */
  migrate?: { options: MigrateOptions; can: boolean };
  children: React.ReactNode;
}) {
  const t = useTranslations("vmActions");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<VmPowerAction | null>(null);
  const [migrating, setMigrating] = useState(false);
  const [snapshot, setSnapshot] = useState<{ id: string; name: string }[]>([]);
  const toggle = useCallback((id: string, on: boolean) => setSelected((cur) => {
    const next = new Set(cur);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }), []);
  const setMany = useCallback((ids: readonly string[], on: boolean) => setSelected((cur) => {
    const next = new Set(cur);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    return next;
  }), []);
  const value = useMemo(() => ({ selected, toggle, setMany }), [selected, toggle, setMany]);
  // Only this page's rows count: an id selected on a page since left is never acted on.
  const chosen = vms.filter((v) => selected.has(v.id));

  return (
    <Ctx.Provider value={value}>
      <div role="toolbar" aria-label={t("bulk.toolbar")} className="mb-2 flex min-h-9 flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
        <span className="mr-1 text-xs font-medium tabular-nums" aria-live="polite">
          {chosen.length === 0 ? t("bulk.none") : t("bulk.selected", { count: chosen.length })}
        </span>
        {ACTIONS.map(({ action: a, icon: Icon }) => (
          <Button
            key={a}
            disabled={chosen.length === 0 || !canPower}
            title={!canPower ? t("needs", { permission: "vm:power" }) : undefined}
            onClick={() => {
              setSnapshot(chosen);
              setAction(a);
            }}
          >
            <Icon aria-hidden className="size-3.5" />
            {t(`power.${a}`)}
          </Button>
        ))}
        {migrate && (
          <Button
            disabled={chosen.length === 0 || !migrate.can}
            title={!migrate.can ? t("needs", { permission: "compute:write" }) : undefined}
            onClick={() => {
              setSnapshot(chosen);
              setMigrating(true);
            }}
          >
            <ArrowRightLeft aria-hidden className="size-3.5" />
            {t("migrate.bulkOpen")}
          </Button>
        )}
        {chosen.length > 0 && (
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            {t("bulk.clear")}
          </Button>
        )}
      </div>
      {children}
      {action && (
        <BulkPowerDialog
          tenantId={tenantId}
          action={action}
          vms={snapshot}
          onClose={() => setAction(null)}
          onRun={() => setSelected(new Set())}
        />
      )}
      {migrating && migrate && <BulkMigrateDialog tenantId={tenantId} vms={snapshot} options={migrate.options} onClose={() => setMigrating(false)} onRun={() => setSelected(new Set())} />}
    </Ctx.Provider>
  );
}

/** Selects every VM of this page (indeterminate when some are). */
export function SelectAllCheckbox({ ids }: { ids: string[] }) {
  const t = useTranslations("vmActions");
  const { selected, setMany } = useSelection();
  const ref = useRef<HTMLInputElement>(null);
  const count = ids.filter((id) => selected.has(id)).length;
  const all = ids.length > 0 && count === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return <input ref={ref} type="checkbox" className="size-4 accent-brand-600" aria-label={t("bulk.selectAll")} checked={all} onChange={(e) => setMany(ids, e.target.checked)} />;
}

export function RowCheckbox({ id, name }: { id: string; name: string }) {
  const t = useTranslations("vmActions");
  const { selected, toggle } = useSelection();
  return <input type="checkbox" className="size-4 accent-brand-600" aria-label={t("bulk.select", { name })} checked={selected.has(id)} onChange={(e) => toggle(id, e.target.checked)} />;
}
