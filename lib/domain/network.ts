// Level-2 VLANs: shared across the AZs and pools of a tenant, propagated within one organization.
import { guard } from "./guard";
import { decide, msg, violation, type Decision } from "./result";

export type VlanPropagationInput = {
  vlan: { id: string; tag?: number; tenantId: string; organizationId: string };
  target: { tenantId: string; tenantName?: string; organizationId: string };
};

export function checkVlanPropagation({ vlan, target }: VlanPropagationInput): Decision {
  const g = guard().optionalWhole("vlan.tag", vlan.tag);
  if (!g.ok) return g.refused();
  if (target.organizationId === vlan.organizationId) return decide([], undefined);
  const who = target.tenantName ?? target.tenantId;
  const tag = vlan.tag !== undefined ? ` ${vlan.tag}` : "";
  return decide(
    [
      violation(
        "VLAN.CROSS_ORGANIZATION",
        msg(
          () => `VLAN${tag} can be propagated only to tenants of its own organization; ${who} belongs to another. Choose a tenant of your organization.`,
          () => `Le VLAN${tag} ne se propage qu’aux tenants de sa propre organisation ; ${who} appartient à une autre. Choisissez un tenant de votre organisation.`,
        ),
        { subject: vlan.id },
      ),
    ],
    undefined,
  );
}
