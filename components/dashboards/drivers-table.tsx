import Link from "next/link";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Drivers } from "@/lib/metrics/drivers";
import type { Resolution } from "@/lib/metrics/rollup";

/**
 * "What drove this": the VMs behind a chart's peak, server-rendered (no JavaScript), each with its
 * part of the figure, its share and a link to its page, then the other VMs and the total. The pool
 * and datastore dashboards differ only in their title and their figure's unit.
 */
export async function DriversTable({
  testId,
  title,
  drivers,
  resolution,
  tenantSlug,
  figure,
}: {
  testId: string;
  /** The heading, given the peak's instant as the reader's locale writes it. */
  title: (when: string) => string;
  drivers: Drivers & { at: Date | string | number };
  /** The chart's resolution: a rollup's figure is the highest sample of its hour or day, and the note says so. */
  resolution: Resolution;
  tenantSlug: string;
  figure: (n: number) => string;
}) {
  const [c, format] = await Promise.all([getTranslations("dashboardCommon"), getFormatter()]);
  const heading = title(format.dateTime(new Date(drivers.at), { dateStyle: "medium", timeStyle: "short" }));
  const note = resolution === "RAW" ? c("driversApprox") : `${c("driversApprox")} ${c(`driversBucket_${resolution}`)}`;
  const pct = (r: number) => format.number(r, { style: "percent", maximumFractionDigits: 1 });
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`${testId}-title`} className="mb-1 font-semibold">
        {heading}
      </h2>
      <p className="mb-2 max-w-4xl text-xs text-slate-600 dark:text-slate-300">{note}</p>
      {drivers.rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{c("driversNone")}</p>
      ) : (
        <Table label={heading}>
          <THead>
            <Th>{c("driversVm")}</Th>
            <Th align="right">{c("driversFigure")}</Th>
            <Th align="right">{c("driversShare")}</Th>
          </THead>
          <TBody>
            {drivers.rows.map((r) => (
              <Tr key={r.id}>
                <RowHeader>
                  <Link href={`/t/${tenantSlug}/compute/vms/${r.id}`} className="text-blue-700 hover:underline dark:text-blue-300" data-testid="driver-vm">
                    {r.name}
                  </Link>
                </RowHeader>
                <Td align="right">{figure(r.figure)}</Td>
                <Td align="right">{pct(r.share)}</Td>
              </Tr>
            ))}
            {drivers.others.count > 0 && (
              <Tr>
                <RowHeader>{c("driversOthers", { count: drivers.others.count })}</RowHeader>
                <Td align="right">{figure(drivers.others.figure)}</Td>
                <Td align="right">{pct(drivers.others.share)}</Td>
              </Tr>
            )}
            <Tr>
              <RowHeader>{c("driversTotal")}</RowHeader>
              <Td align="right">
                <span data-testid={`${testId}-total`}>{figure(drivers.total)}</span>
              </Td>
              <Td align="right">{pct(1)}</Td>
            </Tr>
          </TBody>
        </Table>
      )}
    </section>
  );
}
