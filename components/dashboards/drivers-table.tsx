import Link from "next/link";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import type { Drivers } from "@/lib/metrics/drivers";

/**
 * "What drove this": the VMs behind a chart's peak, server-rendered (no JavaScript), each with its
 * part of the figure, its share and a link to its page, then the other VMs and the total.
 */
export function DriversTable({
  testId,
  title,
  note,
  drivers,
  vmHref,
  figure,
  pct,
  labels,
}: {
  testId: string;
  title: string;
  note: string;
  drivers: Drivers;
  vmHref: (id: string) => string;
  figure: (n: number) => string;
  pct: (r: number) => string;
  labels: { vm: string; figure: string; share: string; others: (count: number) => string; total: string; none: string };
}) {
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`${testId}-title`} className="mb-1 font-semibold">
        {title}
      </h2>
      <p className="mb-2 max-w-4xl text-xs text-slate-600 dark:text-slate-300">{note}</p>
      {drivers.rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{labels.none}</p>
      ) : (
        <Table label={title}>
          <THead>
            <Th>{labels.vm}</Th>
            <Th align="right">{labels.figure}</Th>
            <Th align="right">{labels.share}</Th>
          </THead>
          <TBody>
            {drivers.rows.map((r) => (
              <Tr key={r.id}>
                <RowHeader>
                  <Link href={vmHref(r.id)} className="text-blue-700 hover:underline dark:text-blue-300" data-testid="driver-vm">
                    {r.name}
                  </Link>
                </RowHeader>
                <Td align="right">{figure(r.figure)}</Td>
                <Td align="right">{pct(r.share)}</Td>
              </Tr>
            ))}
            {drivers.others.count > 0 && (
              <Tr>
                <RowHeader>{labels.others(drivers.others.count)}</RowHeader>
                <Td align="right">{figure(drivers.others.figure)}</Td>
                <Td align="right">{pct(drivers.others.share)}</Td>
              </Tr>
            )}
            <Tr>
              <RowHeader>{labels.total}</RowHeader>
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
