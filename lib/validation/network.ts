// What the network area accepts: VLANs propagated to (or one withdrawn from) a sibling tenant, and
// the VLAN list's query string.
import { z } from "zod";
import { PAGE_SIZES, defineListQuery, type ListQuery } from "@/lib/list-query";

const id = z.string().trim().min(1, "v.required").max(64);

export const vlanPropagationSchema = z.object({ vlanId: id, targetTenantId: id });
export type VlanPropagationInput = z.infer<typeof vlanPropagationSchema>;

/**
 * How many VLANs the schema reads at most in one propagation. The rule's limit is lower
 * (ORDER.NETWORK_COUNT, 20): 21 pass the schema so the rule refuses them with its code and figures.
 */
export const PROPAGATION_ROWS_MAX = 200;

/** One propagation: several VLANs of the tenant offered at once to one sibling tenant. */
export const propagateVlansSchema = z.object({ vlanIds: z.array(id).min(1, "v.selectVlan").max(PROPAGATION_ROWS_MAX), targetTenantId: id });
export type PropagateVlansInput = z.infer<typeof propagateVlansSchema>;

export const VLAN_SCOPES = ["own", "received"] as const;
export const VLAN_SORTS = ["tag", "name"] as const;
export type VlanSort = (typeof VLAN_SORTS)[number];

export const vlanList = defineListQuery({
  sorts: VLAN_SORTS,
  defaultSort: "tag",
  pageSizes: PAGE_SIZES,
  filters: { q: z.string().trim().max(100), scope: z.enum(VLAN_SCOPES) },
});
export type VlanListQuery = ListQuery<VlanSort, { q?: string; scope?: (typeof VLAN_SCOPES)[number] }>;
