import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import type { Actor } from "@/lib/auth/context";
import { PERMISSIONS } from "@/lib/permissions";
import { signInAs, signOut, fromAddress } from "@/test/integration/session";
import { GET } from "@/app/api/console/search/route";
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
  user: { id: "", email: "", name: "" },
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
  // A tenant that requires two-factor (the person has it off), and one open only from 10.0.0.0/8.
  const [locked, ranged] = await Promise.all([
    createTenant(db(), { organizationId: org.id, name: "Locked" }),
    createTenant(db(), { organizationId: org.id, name: "Ranged" }),
  ]);
  await db().tenant.update({ where: { id: locked.id }, data: { requireTotp: true } });
  await db().tenantAllowedRange.create({ data: { tenantId: ranged.id, cidr: "10.0.0.0/8", label: "office", position: 0 } });
  await grantMembership(db(), { userId: user.id, tenantId: locked.id });
  await grantMembership(db(), { userId: user.id, tenantId: ranged.id });
  await vmIn(locked.id, "zephyr-locked-01");
  await vmIn(ranged.id, "zephyr-ranged-01");
  s.actor = { type: "user", userId: user.id, email: user.email, name: user.name };
  s.user = { id: user.id, email: user.email, name: user.name };
});
afterEach(() => {
  signOut();
  fromAddress(null);
});

const vmHits = async (q: string) => (await searchEverywhere(s.actor, q)).hits.filter((h) => h.kind === "vm");

describe("searching everywhere", () => {
  it("finds a VM of each tenant the person is a member of by a fragment of its name, with the tenant's name", async () => {
    const hits = await searchEverywhere({ ...s.actor, address: "192.0.2.7" } as Actor, "ZEPHYR");
    expect(hits.hits.filter((h) => h.kind === "vm").map((h) => [h.name, h.tenant.name]).sort()).toEqual([
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

describe("the tenants searched are those the person may open", () => {
  it("skips a tenant that requires two-factor of a person without it, and one whose ranges exclude the address", async () => {
    const names = async (address?: string) => (await searchEverywhere({ ...s.actor, ...(address ? { address } : {}) } as Actor, "zephyr-")).hits.map((h) => h.name).sort();
    expect(await names("192.0.2.7")).toEqual(["zephyr-db-01", "zephyr-web-01"]);
    expect(await names("10.1.2.3")).toEqual(["zephyr-db-01", "zephyr-ranged-01", "zephyr-web-01"]);
  });
});

describe("GET /api/console/search", () => {
  const get = (q: string) => GET(new Request(`http://localhost/api/console/search?q=${encodeURIComponent(q)}`));

  it("answers 401 without a session", async () => {
    expect((await get("zephyr")).status).toBe(401);
  });

  it("answers the signed-in person's hits, from the request's address", async () => {
    signInAs(s.user);
    fromAddress("192.0.2.7");
    const res = await get("zephyr-");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hits: { name: string; tenant: { name: string } }[] };
    expect(body.hits.map((h) => `${h.name} ${h.tenant.name}`).sort()).toEqual(["zephyr-db-01 Recette", "zephyr-web-01 Production"]);
  });
});
