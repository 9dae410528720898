import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { createOrganization, createUser, grantMembership } from "@/lib/db/factories";
import { PERMISSIONS } from "@/lib/permissions";
import { authorize } from "@/lib/auth/authorize";
import { ForbiddenError } from "@/lib/errors";
import { USE_CASES, routeOf, type UseCase, type UseCaseName } from "@/lib/use-cases";
import { judgeable, type AnyTenantUseCase } from "@/lib/use-cases/define";
import { call, makeApiTenant, memberWithToken, bracketed, type ApiFixture, type HttpMethod } from "@/test/api/fixture";
import { INPUTS, type Input } from "@/test/api/inputs";
import { splitInput } from "@/test/api/cases";
import { signInAs, signOut } from "@/test/integration/session";

// The console and the API are two doors to one use case: the same input sent through the server
// action (tenant A) and through the REST route (tenant B, set up identically) must end the same way
// — accepted with the same warnings, or refused with the same codes — and leave the same audit rows
// and activities. Every use case with a route is sent, plus inputs chosen to be refused. Each is
// first judged (`dryRun`) through both doors: nothing written, and the verdict is the decision taken.

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../actions");
/** Routes the console has no action for: the REST shape of two console changes (a resize or tags). */
const API_ONLY: readonly UseCaseName[] = ["patchVm"];

function actionFiles(dir = ACTIONS_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return actionFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && dir !== ACTIONS_DIR ? [path.relative(ACTIONS_DIR, p)] : [];
  });
}

type Action = ((id: string, prev: unknown, raw: unknown) => Promise<ActionOutcome>) & { useCase?: UseCase };
type ActionOutcome = { ok: boolean; code?: string; warnings?: { code: string }[]; violations?: { code: string; severity: string }[] };

const actions = new Map<UseCaseName, Action>();
beforeAll(async () => {
  for (const file of actionFiles()) {
    const mod = (await import(/* @vite-ignore */ path.join(ACTIONS_DIR, file))) as Record<string, Action>;
    for (const fn of Object.values(mod)) {
      const name = (Object.keys(USE_CASES) as UseCaseName[]).find((n) => USE_CASES[n] === fn.useCase);
      if (name) actions.set(name, fn);
    }
  }
});
afterEach(() => signOut());

describe("the registry's use cases", () => {
  it("each has one console action bound to it, and every action file but the display preferences and the caller's own account (two-factor enrolment, no tenant) is bound to one", async () => {
    const bound = actionFiles().filter((f) => !f.startsWith("preferences/") && !f.startsWith("account/"));
    expect(actions.size).toBe(bound.length);
    const missing = (Object.keys(USE_CASES) as UseCaseName[]).filter((n) => !actions.has(n) && !API_ONLY.includes(n));
    expect(missing).toEqual([]);
  });
});

const codes = (xs: { code: string; severity?: string }[] | undefined) => (xs ?? []).filter((x) => x.severity !== "warn").map((x) => x.code).sort();

function fromAction(r: ActionOutcome) {
  return r.ok ? { ok: true, warnings: (r.warnings ?? []).map((w) => w.code).sort() } : { ok: false, code: r.code, violations: r.code === "REFUSED" ? codes(r.violations) : [] };
}

const STATUS_CODE: Record<number, string> = { 400: "INVALID", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 422: "REFUSED" };
async function fromApi(res: Response) {
  const body = (await res.json()) as { warnings?: { code: string }[]; violations?: { code: string }[] };
  if (res.status === 200 || res.status === 201) return { ok: true, warnings: (body.warnings ?? []).map((w) => w.code).sort() };
  return { ok: false, code: STATUS_CODE[res.status] ?? `HTTP ${res.status}`, violations: res.status === 422 ? codes(body.violations) : [] };
}

/** What a change left in a tenant: its audit rows (not sign-ins) and activities, in order, without ids or actors. */
async function traces(tenantId: string, since: Date) {
  const [audit, activities] = await Promise.all([
    db().auditEvent.findMany({ where: { tenantId, createdAt: { gte: since }, action: { notIn: ["token.create", "authz.denied"] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, outcome: true, targetType: true, details: true } }),
    db().activity.findMany({ where: { tenantId, createdAt: { gte: since } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { type: true, state: true, resourceType: true } }),
  ]);
  return {
    audit: audit.map((a) => ({ action: a.action, outcome: a.outcome, targetType: a.targetType, violations: codes((a.details as { violations?: { code: string }[] } | null)?.violations) })),
    activities,
  };
}

/** Inputs the rules refuse, sent through both doors too. */
const REFUSED: { name: UseCaseName; input: Input }[] = [
  { name: "setActivatedMemory", input: (f) => ({ poolId: f.poolId, activatedMemoryGb: 1 }) },
  { name: "createVm", input: (f) => ({ ...INPUTS.createVm(f), diskGib: 65_536, diskProvisioning: "THICK" }) },
  { name: "addDisk", input: (f) => ({ vmId: f.vmId, sizeGib: 65_536, provisioning: "THICK", controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }) },
  { name: "growDisk", input: (f) => ({ vmId: f.vmId, diskId: f.diskId, sizeGib: 5 }) },
  // The fixture's adapter holds this MAC already.
  { name: "addNic", input: (f) => ({ vmId: f.vmId, vlanId: f.vlanId, type: "VMXNET3", mac: "00:50:56:00:00:01" }) },
  // 21 networks in one order: ORDER.NETWORK_COUNT (20 at most), through both doors.
  { name: "submitOrder", input: () => ({ kind: "vlan", networks: Array.from({ length: 21 }, (_, i) => ({ tag: 3000 + i, name: `par-${i + 1}` })) }) },
];

/** Further inputs accepted, beside each use case's own. */
const MORE: { name: UseCaseName; input: Input; label: string }[] = [
  { name: "submitOrder", label: "submitOrder (a VLAN order of 2 networks)", input: () => ({ kind: "vlan", networks: [{ tag: 3101, name: "par-front" }, { tag: 3102, name: "par-back" }] }) },
];

const CASES = [
  ...(Object.keys(USE_CASES) as UseCaseName[]).flatMap((name) => (routeOf(USE_CASES[name]) && !API_ONLY.includes(name) ? [{ name, input: INPUTS[name], label: name }] : [])),
  ...MORE,
  ...REFUSED.map((r) => ({ ...r, label: `${r.name} (refused)`, refused: true })),
];

describe("the same input through the console action and the REST route", () => {
  for (const c of CASES) {
    it(`${c.label}: same outcome, same audit rows, same activities`, async () => {
      const u = USE_CASES[c.name];
      const route = routeOf(u)!;
      const org = await createOrganization(db());
      const [a, b] = [await makeApiTenant(org.id), await makeApiTenant(org.id)];
      const admin = await createUser(db(), { cost: 4 });
      await grantMembership(db(), { userId: admin.id, tenantId: a.tenantId, permissions: PERMISSIONS });
      const { secret } = await memberWithToken(b.tenantId);
      const since = new Date();

      signInAs(admin);
      const { params, body } = splitInput(route.params, c.input(b as ApiFixture));
      // Judged first (dryRun): through both doors, nothing is written.
      const judgedAction = fromAction(await actions.get(c.name)!(a.tenantId, null, { ...(c.input(a) as object), dryRun: true }));
      const judgedApi = await fromApi(await call(bracketed(route.path), route.method as HttpMethod, { token: secret, params, body, query: { dryRun: "true" } }));
      expect(judgedApi).toEqual(judgedAction);
      expect(await traces(a.tenantId, since)).toEqual({ audit: [], activities: [] });
      expect(await traces(b.tenantId, since)).toEqual({ audit: [], activities: [] });

      const viaAction = fromAction(await actions.get(c.name)!(a.tenantId, null, c.input(a)));
      const viaApi = await fromApi(await call(bracketed(route.path), route.method as HttpMethod, { token: secret, params, body }));

      expect(viaApi).toEqual(viaAction);
      // The verdict judged beforehand is the decision taken; a change that is not judged says so.
      expect(judgedAction).toEqual(judgeable(u) ? viaAction : { ok: false, code: "INVALID", violations: [] });
      if ("refused" in c) expect(viaAction).toMatchObject({ ok: false, code: "REFUSED" });
      const [ta, tb] = [await traces(a.tenantId, since), await traces(b.tenantId, since)];
      expect(tb).toEqual(ta);
      // What was recorded is what the entry declares.
      for (const row of ta.audit) expect(u.audit).toContain(row.action);
      for (const row of ta.activities) expect(u.activity).toContain(row.type);
    });
  }
});

describe("judging (dryRun)", () => {
  it("takes true or false only, and on an immediate change says it cannot be judged, writing nothing", async () => {
    const org = await createOrganization(db());
    const f = await makeApiTenant(org.id);
    const { secret } = await memberWithToken(f.tenantId);
    const route = routeOf(USE_CASES.powerVm)!;
    const { params, body } = splitInput(route.params, INPUTS.powerVm(f));
    const since = new Date();
    const res = await call(bracketed(route.path), route.method as HttpMethod, { token: secret, params, body, query: { dryRun: "yes" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: { dryRun: ["true | false"] } });
    const immediate = (Object.keys(USE_CASES) as UseCaseName[]).find((n) => routeOf(USE_CASES[n]) && !judgeable(USE_CASES[n]) && !USE_CASES[n].preview)!;
    const r2 = routeOf(USE_CASES[immediate])!;
    const split = splitInput(r2.params, INPUTS[immediate](f));
    const refused = await call(bracketed(r2.path), r2.method as HttpMethod, { token: secret, ...split, query: { dryRun: "true" } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { fields: Record<string, string[]> }).fields.dryRun?.[0]).toMatch(/cannot be checked in advance/);
    expect(await traces(f.tenantId, since)).toEqual({ audit: [], activities: [] });
  });
});

describe("each service behind its entry", () => {
  // The entry's permission is what every door checks; the service checks it again on its own (a
  // future caller cannot skip it). The two must be the same permission: a service called with
  // every permission but its entry's refuses, naming that permission.
  const guarded = (Object.keys(USE_CASES) as UseCaseName[]).filter((n) => {
    const u = USE_CASES[n];
    return u.scope === "tenant" && u.permission !== null;
  });
  it.each(guarded)("%s refuses a caller without the entry's permission", async (name) => {
    const u = USE_CASES[name];
    if (u.scope !== "tenant" || !u.permission) throw new Error("filtered above");
    const org = await createOrganization(db());
    const f = await makeApiTenant(org.id);
    const user = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: user.id, tenantId: f.tenantId, permissions: PERMISSIONS.filter((p) => p !== u.permission) });
    const authz = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: f.tenantId });
    if (!authz.ok) throw new Error(authz.reason);
    const input = u.schema.parse(INPUTS[name](f));
    await expect((u as AnyTenantUseCase).run(authz.ctx, input)).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.permission === u.permission);
  });
});
