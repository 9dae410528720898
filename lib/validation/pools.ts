// Pools and hosts: activated memory, HA, host maintenance; and the hosts list's URL.
import { z } from "zod";
import { defineListQuery, type ListQuery } from "@/lib/list-query";

const id = z.string().trim().min(1, "v.required").max(64);
const flag = z.preprocess((v) => (v === true || v === "true" || v === "on" ? true : v === false || v === "false" || v === "off" ? false : v), z.boolean());
/** An override of an overridable refusal (memory pressure): the reason is audited. */
const overrideReason = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().min(10, "v.overrideReason").max(500).optional());

export const setActivatedMemorySchema = z.object({ poolId: id, activatedMemoryGb: z.coerce.number().int().min(0).max(1_000_000), overrideReason });
export type SetActivatedMemoryInput = z.infer<typeof setActivatedMemorySchema>;

export const setHaSchema = z.object({ poolId: id, haEnabled: flag });
export type SetHaInput = z.infer<typeof setHaSchema>;

export const hostMaintenanceSchema = z.object({ hostId: id });
export type HostMaintenanceInput = z.infer<typeof hostMaintenanceSchema>;

export const HOST_STATUSES = ["PROVISIONING", "CONNECTED", "MAINTENANCE", "DISCONNECTED"] as const;
export const HOST_SORTS = ["name", "pool", "status"] as const;

export const hostList = defineListQuery({
  sorts: HOST_SORTS,
  defaultSort: "name",
  filters: { q: z.string().trim().max(100), status: z.enum(HOST_STATUSES), pool: z.string().trim().max(64) },
});
export type HostListQuery = ListQuery<(typeof HOST_SORTS)[number], { q?: string; status?: (typeof HOST_STATUSES)[number]; pool?: string }>;

/** The pool page's VM list: its own page parameter, so the page's other links keep their place. */
export const poolVmPage = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(100_000)).catch(1);
