// Saved views of a list: what the console's menu, the API and the service accept.
import { z } from "zod";
import { LIST_VIEW_LISTS, LIST_VIEW_NAME_MAX } from "@/lib/list-views";

export const saveListViewSchema = z.object({
  list: z.enum(LIST_VIEW_LISTS),
  name: z.string().trim().min(1, "v.required").max(LIST_VIEW_NAME_MAX),
  /** The list's query string as the page shows it (filters, columns, sort); the page number is dropped. */
  query: z.string().trim().max(2000).default(""),
});
export type SaveListViewInput = z.infer<typeof saveListViewSchema>;

export const deleteListViewSchema = z.object({ viewId: z.string().trim().min(1, "v.required").max(64) });
export type DeleteListViewInput = z.infer<typeof deleteListViewSchema>;
