// A tenant with one of everything the REST API reads or changes, and tokens to call it with.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import { createToken } from "@/lib/services/tokens";
import { PERMISSIONS, type Permission } from "@/lib/permissions";

export type ApiFixture = { tenantId: string; poolId: string; datastoreId: string; policyId: string; vmId: string; snapshotId: string; ruleId: string; orderId: string; activityId: string; vmName: string };

export async function makeApiTenant(organizationId: string): Promise<ApiFixture> {
  const tenant = await createTenant(db(), { organizationId, keyProvider: true, advancedProtection: true });
  const { pool, hosts } = await createPool(db(), { tenantId: tenant.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: tenant.id });
  const policy = await createBackupPolicy(db(), { tenantId: tenant.id });
  const vm = await createVm(db(), { tenantId: tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, name: "api-target", powerState: "POWERED_OFF" });
  const snapshot = await db().snapshot.create({ data: { tenantId: tenant.id, vmId: vm.id, name: "keep" } });
  const author = await createUser(db(), { cost: 4 });
  const order = await db().order.create({ data: { tenantId: tenant.id, resourceType: "VLAN", status: "SUBMITTED", payload: { kind: "vlan", tag: 999, name: "iso", summary: "VLAN 999 iso" }, createdById: author.id } });
  const rule = await db().affinityRule.create({ data: { tenantId: tenant.id, poolId: pool.id, name: "iso-keep", kind: "ANTI_AFFINITY", enabled: false, vms: { create: [{ vmId: vm.id }] } } });
  const activity = await db().activity.create({
    data: { tenantId: tenant.id, type: "vm.power_on", state: "COMPLETED", progress: 100, resourceType: "vm", resourceId: vm.id, resourceName: vm.name, actorType: "SYSTEM", payload: {} },
  });
  return { tenantId: tenant.id, poolId: pool.id, datastoreId: ds.id, policyId: policy.id, vmId: vm.id, snapshotId: snapshot.id, ruleId: rule.id, orderId: order.id, activityId: activity.id, vmName: vm.name };
}

/** A token for a new member of the tenant who holds `held` there; the token asks for all of it. */
export async function tokenFor(tenantId: string, held: readonly Permission[] = PERMISSIONS): Promise<string> {
  const u = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: u.id, tenantId, permissions: held });
  const a = await authorize({ type: "user", userId: u.id, email: u.email, name: u.name }, { id: tenantId });
  if (!a.ok) throw new Error(a.reason);
  const r = await createToken(a.ctx, { name: "test", days: 30, permissions: held.length ? [...held] : undefined });
  if (!r.ok) throw new Error("refused");
  return r.value.secret;
}

/** Everything of a tenant a request could change. */
export async function fingerprint(tenantId: string): Promise<string> {
  const [vms, disks, snapshots, activities, pools, datastores, orders, rules] = await Promise.all([
    db().vm.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().vmDisk.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().snapshot.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().activity.count({ where: { tenantId } }),
    db().computePool.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().datastore.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().order.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db().affinityRule.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ vms, disks, snapshots, activities, pools, datastores, orders, rules });
}

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route file of the API, as "compute/vms/[id]", found from the code. */
export function routeFiles(dir = V1): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [path.relative(V1, dir)] : [];
  });
}

export const METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT"] as const;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function routeModule(route: string): Promise<Partial<Record<(typeof METHODS)[number], Handler>>> {
  return (await import(/* @vite-ignore */ path.join(V1, route, "route.ts"))) as Partial<Record<(typeof METHODS)[number], Handler>>;
}

/** Calls a route handler as Next would: URL from its folder with the params filled in. */
export async function call(route: string, method: (typeof METHODS)[number], o: { token?: string; params?: Record<string, string>; body?: unknown; rawBody?: string; query?: Record<string, string> } = {}): Promise<Response> {
  const handler = (await routeModule(route))[method];
  if (!handler) throw new Error(`${route} has no ${method}`);
  const urlPath = route.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(o.params?.[k] ?? k));
  const url = new URL(`http://localhost/api/v1/${urlPath}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  return handler(new Request(url, { method, headers, body: method === "GET" || method === "DELETE" ? undefined : (body ?? "{}") }), { params: Promise.resolve(o.params ?? {}) });
}
