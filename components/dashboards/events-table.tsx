import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";

/** The events marked on a dashboard's charts, as a table: the same facts for screen readers and for reading exact times. */
export function EventsTable({ title, empty, columns, rows }: { title: string; empty: string; columns: { when: string; what: string }; rows: readonly { when: string; what: string }[] }) {
  return (
    <section aria-labelledby="dashboard-events" data-testid="dashboard-events" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="dashboard-events" className="mb-2 font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{empty}</p>
      ) : (
        <Table label={title}>
          <THead>
            <Th>{columns.when}</Th>
            <Th>{columns.what}</Th>
          </THead>
          <TBody>
            {rows.map((r, i) => (
              <Tr key={i}>
                <Td>{r.when}</Td>
                <Td>{r.what}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
