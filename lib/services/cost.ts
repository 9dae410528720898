import "server-only";
import { costInventory } from "@/lib/db/dashboards-views";
import { monthlyCost, type Inventory } from "@/lib/domain/billing";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import type { StorageReplicationKind } from "@/lib/domain/storage";
import { monthOf } from "@/lib/metrics/series";
import { dashboardScope } from "./dashboards-fleet";
import type { TenantContext } from "./context";

// The cost page. Month to date and forecast, by tenant and by SKU, priced by the
// domain's monthlyCost over the stored inventory. A resource is billed from the day it was
// created (day 1 if it existed before the month began) to the month's end: month to date counts
// the days up to and including today, the forecast every day of the month.

export type CostLineView = { sku: string; label: string; monthToDate: number; forecast: number };
export type TenantCost = { tenant: { id: string; slug: string; name: string }; monthToDate: number; forecast: number; lines: CostLineView[] };
export type CostReport = {
  currency: "EUR";
  /** "2026-11" */
  month: string;
  daysInMonth: number;
  /** Days billed so far, today included. */
  daysElapsed: number;
  organizationWide: boolean;
  tenants: TenantCost[];
  bySku: CostLineView[];
  monthToDate: number;
  forecast: number;
};

const cents = (eur: number) => Math.round(eur * 100) / 100;

/** The month the report covers; the day count is the SLA page's (monthOf), today included. */
export function monthBounds(now: Date) {
  const m = monthOf(now);
  return { monthStart: m.start, daysInMonth: m.days, daysElapsed: m.day, month: m.start.toISOString().slice(0, 7) };
}

type Bucket = { hosts: Map<NodeTypeCode, number>; datastores: Inventory["datastores"][number][]; backupStorageTib: number; backedUpVms: number; replicatedVms: number; encryptedVms: number };
const emptyBucket = (): Bucket => ({ hosts: new Map(), datastores: [], backupStorageTib: 0, backedUpVms: 0, replicatedVms: 0, encryptedVms: 0 });

export async function costReport(ctx: TenantContext, now = new Date()): Promise<CostReport> {
  const scope = await dashboardScope(ctx, "billing:read", ["OWNER"]);
  const { monthStart, daysInMonth, daysElapsed, month } = monthBounds(now);
  const inv = await costInventory(
    scope.tenants.map((t) => t.id),
    monthStart,
  );
  // tenant → start day → what starts being billed that day
  const buckets = new Map<string, Map<number, Bucket>>();
  const bucket = (tenantId: string, day: number) => {
    const perDay = buckets.get(tenantId) ?? new Map<number, Bucket>();
    buckets.set(tenantId, perDay);
    const b = perDay.get(day) ?? emptyBucket();
    perDay.set(day, b);
    return b;
  };
  for (const h of inv.hosts) {
    const b = bucket(h.tenantId, h.day);
    const code = h.nodeTypeCode as NodeTypeCode;
    b.hosts.set(code, (b.hosts.get(code) ?? 0) + h.n);
  }
  for (const d of inv.datastores) bucket(d.tenantId, d.day).datastores.push({ tier: d.tierCode as StorageTierCode, sizeGib: d.sizeGib, replication: d.replication as StorageReplicationKind | null });
  for (const v of inv.vmLicences) {
    const b = bucket(v.tenantId, v.day);
    if (v.kind === "backup") b.backedUpVms += v.n;
    else if (v.kind === "replication") b.replicatedVms += v.n;
    else b.encryptedVms += v.n;
  }
  for (const t of inv.tenants) if (t.backupQuotaTib > 0) bucket(t.id, t.day).backupStorageTib += t.backupQuotaTib;
  const region = new Map(inv.tenants.map((t) => [t.id, t.regionId]));

  const skuTotals = new Map<string, CostLineView>();
  const tenants: TenantCost[] = scope.tenants.map((tenant) => {
    const lines = new Map<string, CostLineView>();
    for (const [day, b] of buckets.get(tenant.id) ?? []) {
      const priced = monthlyCost({
        region: region.get(tenant.id) ?? "FR1",
        hosts: [...b.hosts].map(([nodeType, count]) => ({ nodeType, count })),
        datastores: b.datastores,
        backupStorageTib: b.backupStorageTib,
        backedUpVms: b.backedUpVms,
        replicatedVms: b.replicatedVms,
        encryptedVms: b.encryptedVms,
      });
      const soFar = Math.max(0, daysElapsed - day + 1) / daysInMonth;
      const whole = (daysInMonth - day + 1) / daysInMonth;
      for (const l of priced.lines) {
        const key = `${l.sku}|${l.label}`;
        const line = lines.get(key) ?? { sku: l.sku, label: l.label, monthToDate: 0, forecast: 0 };
        line.monthToDate += l.total * soFar;
        line.forecast += l.total * whole;
        lines.set(key, line);
      }
    }
    const rounded = [...lines.values()].map((l) => ({ ...l, monthToDate: cents(l.monthToDate), forecast: cents(l.forecast) })).sort((a, b) => b.forecast - a.forecast || a.sku.localeCompare(b.sku));
    for (const l of rounded) {
      const key = `${l.sku}|${l.label}`;
      const s = skuTotals.get(key) ?? { sku: l.sku, label: l.label, monthToDate: 0, forecast: 0 };
      s.monthToDate = cents(s.monthToDate + l.monthToDate);
      s.forecast = cents(s.forecast + l.forecast);
      skuTotals.set(key, s);
    }
    return {
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      monthToDate: cents(rounded.reduce((n, l) => n + l.monthToDate, 0)),
      forecast: cents(rounded.reduce((n, l) => n + l.forecast, 0)),
      lines: rounded,
    };
  });
  const bySku = [...skuTotals.values()].sort((a, b) => b.forecast - a.forecast || a.sku.localeCompare(b.sku));
  return {
    currency: "EUR",
    month,
    daysInMonth,
    daysElapsed,
    organizationWide: scope.organizationWide,
    tenants,
    bySku,
    monthToDate: cents(tenants.reduce((n, t) => n + t.monthToDate, 0)),
    forecast: cents(tenants.reduce((n, t) => n + t.forecast, 0)),
  };
}

export const COST_CSV_HEADER = ["month", "tenant", "sku", "label", "month_to_date_eur", "forecast_eur"] as const;

/**
 * The cost report as CSV rows: one per tenant and SKU, what the page's tables show. A tenant's
 * export holds that tenant only (`tenantId`); every tenant of the report only when asked for.
 */
export function costCsvRows(r: CostReport, tenantId: string | null): (string | number)[][] {
  return r.tenants
    .filter((t) => tenantId === null || t.tenant.id === tenantId)
    .flatMap((t) => t.lines.map((l) => [r.month, t.tenant.name, l.sku, l.label, l.monthToDate.toFixed(2), l.forecast.toFixed(2)]));
}
