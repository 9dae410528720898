import "server-only";
import { propagateVlansSchema, vlanPropagationSchema } from "@/lib/validation/network";
import { propagateVlan, unpropagateVlan } from "@/lib/services/network";
import { tenantUseCase } from "./define";

// VLANs offered to the other tenants of one organization.

export const NETWORK_USE_CASES = {
  propagateVlan: tenantUseCase({
    summary: "Offer up to 20 VLANs at once to another tenant of the organization",
    tag: "network",
    permission: "network:write",
    schema: propagateVlansSchema,
    resource: { type: "vlan", key: "vlanIds" },
    audit: ["vlan.propagate"],
    activity: ["vlan.propagate"],
    run: propagateVlan,
    route: {
      consoleOnly:
        "Offering a VLAN writes into the receiving tenant too, where the actor must hold network:write; a personal access token is bound to one tenant and never reaches into another (lib/services/network.ts).",
    },
  }),
  unpropagateVlan: tenantUseCase({
    summary: "Withdraw a VLAN from a tenant it was offered to",
    tag: "network",
    permission: "network:write",
    schema: vlanPropagationSchema,
    resource: { type: "vlan", key: "vlanId" },
    audit: ["vlan.unpropagate"],
    activity: ["vlan.unpropagate"],
    run: unpropagateVlan,
    route: { method: "DELETE", path: "/network/vlans/{id}/propagations/{tenantId}", params: { id: "vlanId", tenantId: "targetTenantId" } },
  }),
};
