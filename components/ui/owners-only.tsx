import { PageHeader } from "./page-header";

/** An organization owners' page, opened by a member who is not one: the page's title and who may open it. */
export function OwnersOnly({ title, heading, body }: { title: string; heading: string; body: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
        <h2 className="font-semibold">{heading}</h2>
        <p className="mt-1">{body}</p>
      </div>
    </>
  );
}
