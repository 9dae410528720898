import "server-only";
import { deleteListViewSchema, saveListViewSchema } from "@/lib/validation/list-views";
import { deleteListView, saveListView } from "@/lib/services/list-views";
import { tenantUseCase } from "./define";

// A person's saved views of a list (filters, columns, sort). Their own only: the service checks the
// list's read permission and answers "not found" for anyone else's view. Immediate: audited, no activity.

export const LIST_VIEW_USE_CASES = {
  saveListView: tenantUseCase({
    summary: "Save the caller's view of a list (its filters, columns and sort) under a name; the same name replaces it",
    tag: "views",
    // The list's own read permission (compute:read for the VM list, audit:read for the audit log): the service checks it.
    permission: null,
    schema: saveListViewSchema,
    resource: { type: "view" },
    audit: ["view.save"],
    activity: [],
    run: saveListView,
    route: { method: "PUT", path: "/views" },
  }),
  deleteListView: tenantUseCase({
    summary: "Delete one of the caller's saved views (anyone else's is not found)",
    tag: "views",
    permission: null,
    schema: deleteListViewSchema,
    resource: { type: "view", key: "viewId" },
    audit: ["view.delete"],
    activity: [],
    run: deleteListView,
    route: { method: "DELETE", path: "/views/{id}", params: { id: "viewId" } },
  }),
};
