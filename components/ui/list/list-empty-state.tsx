import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkClass } from "../styles";
import { EmptyState } from "../table";

/** A list with no row: with filters, what matched nothing and a way out of them; without, that there is nothing yet. */
export async function ListEmptyState({ filtered, clearHref, noMatch, none }: { filtered: boolean; clearHref: string; noMatch: string; none: string }) {
  const t = await getTranslations("list");
  return (
    <EmptyState>
      {filtered ? (
        <>
          <p className="font-medium">{noMatch}</p>
          <Link href={clearHref} className={`mt-2 inline-block ${linkClass}`}>{t("clear")}</Link>
        </>
      ) : (
        <p>{none}</p>
      )}
    </EmptyState>
  );
}
