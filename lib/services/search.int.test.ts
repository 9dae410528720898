import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import type { Actor } from "@/lib/auth/context";
import { PERMISSIONS } from "@/lib/permissions";
import { searchEverywhere } from "./search";

// One person, member of Production and Recette with every permission, of Analytics without
// compute:read; Foreign is a tenant they hold nothing in.
const s = {
  actor: null as unknown as Actor,
  prodVm: "",
  recetteVm: "",
  analyticsVm: "",
  foreignVm: "",
  prodPool: "",
  prodDatastore: "",
};

async function vmIn(tenantId: string, name: string) {
  const { pool, hosts } = await createPool(db(), { tenantId, hosts: 1 });
  const ds = await createDatastore(db(), { tenantId });
  const vm = await createVm(db(), { tenantId, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, name });
  return { vm, pool, ds };
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const user = await createUser(db(), { cost: 4 });
  const [prod, recette, analytics, foreign] = await Promise.all([
    createTenant(db(), { organizationId: org.id, name: "Production" }),
    createTenant(db(), { organizationId: org.id, name: "Recette" }),
    createTenant(db(), { organizationId: org.id, name: "Analytics" }),
    createTenant(db(), { organizationId: org.id, name: "Foreign" }),
  ]);
  await grantMembership(db(), { userId: user.id, tenantId: prod.id });
  await grantMembership(db(), { userId: user.id, tenantId: recette.id });
  await grantMembership(db(), { userId: user.id, tenantId: analytics.id, permissions: PERMISSIONS.filter((p) => p !== "compute:read") });
  const p = await vmIn(prod.id, "zephyr-web-01");
  s.prodVm = p.vm.id;
  s.prodPool = p.pool.id;
  s.prodDatastore = p.ds.id;
  s.recetteVm = (await vmIn(recette.id, "zephyr-db-01")).vm.id;
  s.analyticsVm = (await vmIn(analytics.id, "zephyr-etl-01")).vm.id;
  s.foreignVm = (await vmIn(foreign.id, "zephyr-secret-01")).vm.id;
  await vmIn(prod.id, "pct100_literal");
  await vmIn(prod.id, "pctX00Xliteral");
  s.actor = { type: "user", userId: user.id, email: user.email, name: user.name };
});

const vmHits = async (q: string) => (await searchEverywhere(s.actor, q)).hits.filter((h) => h.kind === "vm");

describe("searching everywhere", () => {
  it("finds a VM of each tenant the person is a member of by a fragment of its name, with the tenant's name", async () => {
    const hits = await vmHits("ZEPHYR");
    expect(hits.map((h) => [h.name, h.tenant.name]).sort()).toEqual([
      ["zephyr-db-01", "Recette"],
      ["zephyr-web-01", "Production"],
    ]);
  });

  it("finds a VM by its exact id, in any tenant of the person", async () => {
    expect(await vmHits(s.prodVm)).toEqual([expect.objectContaining({ id: s.prodVm, name: "zephyr-web-01", tenant: expect.objectContaining({ name: "Production" }) })]);
    expect(await vmHits(s.recetteVm)).toEqual([expect.objectContaining({ id: s.recetteVm, tenant: expect.objectContaining({ name: "Recette" }) })]);
  });

  it("never returns a VM of a tenant the person is not a member of, even by its exact id", async () => {
    expect(await vmHits("secret")).toEqual([]);
    expect((await searchEverywhere(s.actor, s.foreignVm)).hits).toEqual([]);
  });

  it("returns no VM of a tenant where the membership lacks compute:read", async () => {
    expect(await vmHits("etl")).toEqual([]);
    expect(await vmHits(s.analyticsVm)).toEqual([]);
  });

  it("takes LIKE wildcards in the query literally", async () => {
    expect((await vmHits("pct100_")).map((h) => h.name)).toEqual(["pct100_literal"]);
    expect((await vmHits("X00_")).map((h) => h.name)).toEqual([]);
    expect(await vmHits("%%")).toEqual([]);
  });

  it("finds pools and datastores by exact id, and nothing under two characters or without a person", async () => {
    expect((await searchEverywhere(s.actor, s.prodPool)).hits).toEqual([expect.objectContaining({ kind: "pool", id: s.prodPool })]);
    expect((await searchEverywhere(s.actor, s.prodDatastore)).hits).toEqual([expect.objectContaining({ kind: "datastore", id: s.prodDatastore })]);
    expect((await searchEverywhere(s.actor, " z ")).hits).toEqual([]);
    expect((await searchEverywhere(null, "zephyr")).hits).toEqual([]);
  });
});
