import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import { vlanList } from "@/lib/validation/network";
import { memberContext } from "@/test/integration/context";
import { listVlans, propagateVlan, propagationTargets, unpropagateVlan } from "./network";

// One person who is a member of Production and Recette (one organization) and of a tenant of
// another organization; Analytics, a sibling they hold nothing in.
const s = {
  prod: null as unknown as TenantContext,
  recette: null as unknown as TenantContext,
  foreign: null as unknown as TenantContext,
  analytics: "",
  vlan: "",
  vlanTag: 0,
};
let tag = 100;

beforeAll(async () => {
  const org = await createOrganization(db());
  const other = await createOrganization(db());
  const user = await createUser(db(), { cost: 4 });
  const [prod, recette, analytics, foreign] = await Promise.all([
    createTenant(db(), { organizationId: org.id, name: "Production" }),
    createTenant(db(), { organizationId: org.id, name: "Recette" }),
    createTenant(db(), { organizationId: org.id, name: "Analytics" }),
    createTenant(db(), { organizationId: other.id, name: "Elsewhere Corp prod" }),
  ]);
  s.prod = await memberContext(prod.id, PERMISSIONS, user);
  s.recette = await memberContext(recette.id, PERMISSIONS, user);
  s.foreign = await memberContext(foreign.id, PERMISSIONS, user);
  s.analytics = analytics.id;
});
afterEach(() => setInfraFaults([]));

async function newVlan(tenantId = s.prod.tenant.id) {
  const t = tag++;
  return db().vlan.create({ data: { tenantId, tag: t, name: `front-${t}` } });
}

describe("propagating a VLAN", () => {
  it("reaches a sibling tenant once the activity completes, audited in both tenants", async () => {
    const vlan = await newVlan();
    const r = await propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    const p = await db().vlanPropagation.findFirstOrThrow({ where: { vlanId: vlan.id, tenantId: s.recette.tenant.id } });
    expect(p.busyActivityId).toBe(r.value.activityId);
    // The receiving tenant sees it coming, without the sender's activity.
    const coming = await listVlans(s.recette, vlanList.parse({ scope: "received" }));
    expect(coming.rows.find((v) => v.id === vlan.id)!.propagations).toEqual([expect.objectContaining({ pending: true, busy: null })]);

    expect(await runActivity(r.value.activityId)).toBe("completed");
    const received = await listVlans(s.recette, vlanList.parse({ q: String(vlan.tag) }));
    expect(received.rows).toEqual([expect.objectContaining({ id: vlan.id, tag: vlan.tag, own: false, tenant: expect.objectContaining({ name: "Production" }), propagations: [expect.objectContaining({ pending: false })] })]);
    const own = await listVlans(s.prod, vlanList.parse({ q: vlan.name }));
    expect(own.rows[0]!.propagations.map((x) => x.tenant.name)).toEqual(["Recette"]);

    const sent = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.prod.tenant.id, action: "vlan.propagate", targetId: vlan.id } });
    expect(sent).toMatchObject({ outcome: "SUCCEEDED", details: { activityId: r.value.activityId, after: { tenant: "Recette" } } });
    const got = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.recette.tenant.id, action: "vlan.propagate", targetId: vlan.id } });
    expect(got).toMatchObject({ outcome: "SUCCEEDED", details: { after: { from: "Production" } } });

    await expect(propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses a tenant of another organization (VLAN.CROSS_ORGANIZATION), naming it only by the id given", async () => {
    const vlan = await newVlan();
    const r = await propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.foreign.tenant.id });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations.map((v) => v.code)).toEqual(["VLAN.CROSS_ORGANIZATION"]);
    expect(r.violations[0]!.message.en).toContain(s.foreign.tenant.id);
    expect(JSON.stringify(r.violations)).not.toContain("Elsewhere");
    expect(await db().vlanPropagation.count({ where: { vlanId: vlan.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.prod.tenant.id, action: "vlan.propagate", targetId: vlan.id } });
    expect(audit.outcome).toBe("REFUSED");
    expect(await db().auditEvent.count({ where: { tenantId: s.foreign.tenant.id, action: "vlan.propagate" } })).toBe(0);
  });

  it("refuses a tenant of another organization the person holds nothing in, the same way", async () => {
    const stranger = await createTenant(db(), { organizationId: (await createOrganization(db())).id, name: "Stranger SA" });
    const r = await propagateVlan(s.prod, { vlanIds: [(await newVlan()).id], targetTenantId: stranger.id });
    expect(!r.ok && r.violations.map((v) => v.code)).toEqual(["VLAN.CROSS_ORGANIZATION"]);
    expect(JSON.stringify(r)).not.toContain("Stranger");
  });

  it("answers not found for a sibling the person holds nothing in, a tenant that does not exist, and another tenant's VLAN", async () => {
    const vlan = await newVlan();
    await expect(propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.analytics })).rejects.toBeInstanceOf(NotFoundError);
    await expect(propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: "no-such-tenant" })).rejects.toBeInstanceOf(NotFoundError);
    const theirs = await newVlan(s.recette.tenant.id);
    await expect(propagateVlan(s.prod, { vlanIds: [theirs.id], targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().vlanPropagation.count({ where: { vlanId: { in: [vlan.id, theirs.id] } } })).toBe(0);
  });

  it("needs network:write in the receiving tenant too, and refuses the VLAN's own tenant", async () => {
    const user = await createUser(db(), { cost: 4 });
    const admin = await memberContext(s.prod.tenant.id, PERMISSIONS, user);
    await memberContext(s.recette.tenant.id, PERMISSIONS.filter((p) => p !== "network:write"), user);
    const vlan = await newVlan();
    await expect(propagateVlan(admin, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(propagateVlan(admin, { vlanIds: [vlan.id], targetTenantId: s.prod.tenant.id })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("takes the propagation back when the network cannot be extended", async () => {
    const vlan = await newVlan();
    setInfraFaults([{ type: "vlan.propagate", step: "extend_vlan" }]);
    const r = await propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id });
    if (!r.ok) throw new Error("expected");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().vlanPropagation.count({ where: { vlanId: vlan.id } })).toBe(0);
  });

  it("takes up to 20 VLANs in one activity: 3 reach the sibling together, audited once in each tenant", async () => {
    const vlans = [await newVlan(), await newVlan(), await newVlan()];
    const r = await propagateVlan(s.prod, { vlanIds: vlans.map((v) => v.id), targetTenantId: s.recette.tenant.id });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    const reserved = await db().vlanPropagation.findMany({ where: { vlanId: { in: vlans.map((v) => v.id) }, tenantId: s.recette.tenant.id } });
    expect(reserved.map((p) => p.busyActivityId)).toEqual([r.value.activityId, r.value.activityId, r.value.activityId]);
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const received = await listVlans(s.recette, vlanList.parse({ scope: "received" }));
    for (const v of vlans) expect(received.rows.find((x) => x.id === v.id)?.propagations).toEqual([expect.objectContaining({ pending: false })]);
    const named = vlans.map((v) => `${v.name} (${v.tag})`).join(", ");
    expect(await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.recette.tenant.id, action: "vlan.propagate", targetId: vlans[0]!.id } })).toMatchObject({ targetName: named });
    // One of them again, among new ones: refused, and nothing is reserved.
    const fresh = await newVlan();
    const again = propagateVlan(s.prod, { vlanIds: [fresh.id, vlans[1]!.id], targetTenantId: s.recette.tenant.id });
    await expect(again).rejects.toThrow(`VLAN ${vlans[1]!.tag} already reaches Recette.`);
    expect(await db().vlanPropagation.count({ where: { vlanId: fresh.id } })).toBe(0);
  });

  it("refuses 21 VLANs in one propagation (ORDER.NETWORK_COUNT: limit 20, actual 21) and reserves none", async () => {
    const vlans = await Promise.all(Array.from({ length: 21 }, () => newVlan()));
    const r = await propagateVlan(s.prod, { vlanIds: vlans.map((v) => v.id), targetTenantId: s.recette.tenant.id });
    if (r.ok) throw new Error("accepted");
    expect(r.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["ORDER.NETWORK_COUNT", 20, 21]]);
    expect(r.violations[0]!.message.en).toBe("One propagation holds at most 20 networks; this one would hold 21. Split it into several.");
    expect(await db().vlanPropagation.count({ where: { vlanId: { in: vlans.map((v) => v.id) } } })).toBe(0);
    // 20 of them pass.
    const twenty = await propagateVlan(s.prod, { vlanIds: vlans.slice(0, 20).map((v) => v.id), targetTenantId: s.recette.tenant.id });
    expect(twenty.ok).toBe(true);
  });

  it("takes every VLAN of a failed propagation back, and refuses all when one is another tenant's", async () => {
    const vlans = [await newVlan(), await newVlan()];
    setInfraFaults([{ type: "vlan.propagate", step: "extend_vlan" }]);
    const r = await propagateVlan(s.prod, { vlanIds: vlans.map((v) => v.id), targetTenantId: s.recette.tenant.id });
    if (!r.ok) throw new Error("expected");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().vlanPropagation.count({ where: { vlanId: { in: vlans.map((v) => v.id) } } })).toBe(0);
    const theirs = await newVlan(s.recette.tenant.id);
    await expect(propagateVlan(s.prod, { vlanIds: [vlans[0]!.id, theirs.id], targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("offers every other tenant the person can see, saying which are of another organization", async () => {
    const targets = await propagationTargets(s.prod);
    expect(targets.map((t) => [t.name, t.sameOrganization]).sort()).toEqual([["Elsewhere Corp prod", false], ["Recette", true]]);
  });
});

describe("withdrawing a propagation", () => {
  it("removes it once the activity completes, audited in both tenants; a failed step keeps it", async () => {
    const vlan = await newVlan();
    const r = await propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id });
    if (!r.ok) throw new Error("expected");
    await runActivity(r.value.activityId);

    setInfraFaults([{ type: "vlan.unpropagate", step: "*" }]);
    const failing = await unpropagateVlan(s.prod, { vlanId: vlan.id, targetTenantId: s.recette.tenant.id });
    if (!failing.ok) throw new Error("expected");
    const second = unpropagateVlan(s.prod, { vlanId: vlan.id, targetTenantId: s.recette.tenant.id });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow(`An activity is already changing VLAN ${vlan.tag} → ${s.recette.tenant.name}.`);
    expect(await runActivity(failing.value.activityId)).toBe("failed");
    expect(await db().vlanPropagation.findFirstOrThrow({ where: { vlanId: vlan.id } })).toMatchObject({ busyActivityId: null });

    setInfraFaults([]);
    const ok = await unpropagateVlan(s.prod, { vlanId: vlan.id, targetTenantId: s.recette.tenant.id });
    if (!ok.ok) throw new Error("expected");
    expect(await runActivity(ok.value.activityId)).toBe("completed");
    expect(await db().vlanPropagation.count({ where: { vlanId: vlan.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { tenantId: s.recette.tenant.id, action: "vlan.unpropagate", targetId: vlan.id } })).toBe(2);
    expect((await listVlans(s.recette, vlanList.parse({ q: String(vlan.tag) }))).rows).toEqual([]);
  });

  it("answers not found for a propagation that does not exist, or of a VLAN the tenant received", async () => {
    const vlan = await newVlan();
    await expect(unpropagateVlan(s.prod, { vlanId: vlan.id, targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(NotFoundError);
    const r = await propagateVlan(s.prod, { vlanIds: [vlan.id], targetTenantId: s.recette.tenant.id });
    if (r.ok) await runActivity(r.value.activityId);
    // Recette received it; only Production may withdraw it.
    await expect(unpropagateVlan(s.recette, { vlanId: vlan.id, targetTenantId: s.recette.tenant.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the VLAN list", () => {
  it("shows the tenant's own VLANs and those it received, not the other tenants a sender reaches", async () => {
    const org = await createOrganization(db());
    const user = await createUser(db(), { cost: 4 });
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => createTenant(db(), { organizationId: org.id, name })));
    const [ca, cb, cc] = [await memberContext(a!.id, PERMISSIONS, user), await memberContext(b!.id, PERMISSIONS, user), await memberContext(c!.id, PERMISSIONS, user)];
    const mine = await db().vlan.create({ data: { tenantId: a!.id, tag: 300, name: "a-front" } });
    await db().vlan.create({ data: { tenantId: a!.id, tag: 301, name: "a-back" } });
    await db().vlan.create({ data: { tenantId: c!.id, tag: 500, name: "c-only" } });
    for (const t of [b!.id, c!.id]) {
      const r = await propagateVlan(ca, { vlanIds: [mine.id], targetTenantId: t });
      if (r.ok) await runActivity(r.value.activityId);
    }
    const atA = await listVlans(ca, vlanList.parse({}));
    expect(atA.rows.map((v) => [v.tag, v.own, v.propagations.map((p) => p.tenant.name)])).toEqual([[300, true, ["B", "C"]], [301, true, []]]);
    const atB = await listVlans(cb, vlanList.parse({}));
    expect(atB.rows.map((v) => [v.tag, v.own, v.propagations.map((p) => p.tenant.name)])).toEqual([[300, false, ["B"]]]);
    expect((await listVlans(cc, vlanList.parse({ scope: "own" }))).rows.map((v) => v.tag)).toEqual([500]);
    expect((await listVlans(cc, vlanList.parse({ scope: "received" }))).rows.map((v) => v.tag)).toEqual([300]);
    expect((await listVlans(ca, vlanList.parse({ sort: "name" }))).rows.map((v) => v.name)).toEqual(["a-back", "a-front"]);
  });
});
