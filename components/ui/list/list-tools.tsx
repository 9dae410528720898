import type { ListViewList } from "@/lib/list-views";
import { ColumnsMenu } from "./columns-menu";
import { SavedViews, type SavedView } from "./saved-views";

/** A list's tools beside its filters (FilterBar's `tools`): the columns menu and the person's saved views. */
export function ListTools(p: { tenantId: string; list: ListViewList; listLabel: string; shown: readonly string[]; labels: Record<string, string>; base: string; views: SavedView[] }) {
  return (
    <>
      <ColumnsMenu list={p.list} listLabel={p.listLabel} shown={p.shown} labels={p.labels} />
      <SavedViews tenantId={p.tenantId} list={p.list} listLabel={p.listLabel} base={p.base} views={p.views} />
    </>
  );
}
