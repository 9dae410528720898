// A tenant with one of everything the REST API reads or changes, and tokens to call it with.
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import { createToken } from "@/lib/services/tokens";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { handleApiRequest } from "@/lib/api/handler";
import { API_ROUTES } from "@/lib/api/routes";

export type ApiFixture = {
  tenantId: string;
  poolId: string;
  hostId: string;
  /** The pool's other host, where the VM is not. */
  otherHostId: string;
  datastoreId: string;
  policyId: string;
  vmId: string;
  vmName: string;
  snapshotId: string;
  /** The VM's second disk (its first is the system disk, which only goes with the VM). */
  diskId: string;
  /** The VM's network adapter, on the tenant's VLAN. */
  nicId: string;
  ruleId: string;
  orderId: string;
  activityId: string;
  replicationId: string;
  vlanId: string;
  /** A tenant of the same organization, which the VLAN reaches. */
  siblingTenantId: string;
  /** A member of the tenant (compute:read) and one of their tokens. */
  memberId: string;
  tokenId: string;
  /** A finished backup of the VM. */
  backupJobId: string;
  /** A restore test of the VM (powered off, promotable). */
  restoreTestVmId: string;
  /** An open alert on the pool (its memory above the 85 % line). */
  alertId: string;
  /** Items of the tenant's catalogue: an ISO (not mounted) and a template. */
  isoItemId: string;
  templateItemId: string;
  /** A detached disk (no VM) on the tenant's datastore. */
  detachedDiskId: string;
  /** A web console left open on the VM (by a former member). */
  consoleSessionId: string;
  /** A pending invitation into the tenant. */
  invitationId: string;
  /** A saved view of the VM list, the member's own (nobody else may delete it: not found). */
  listViewId: string;
};

export async function makeApiTenant(organizationId: string, o: { vmPowerState?: "POWERED_ON" | "POWERED_OFF" } = {}): Promise<ApiFixture> {
  const tenant = await createTenant(db(), { organizationId, keyProvider: true, advancedProtection: true });
  const { pool, hosts } = await createPool(db(), { tenantId: tenant.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: tenant.id });
  const policy = await createBackupPolicy(db(), { tenantId: tenant.id });
  const vm = await createVm(db(), { tenantId: tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, name: "api-target", powerState: o.vmPowerState ?? "POWERED_OFF" });
  const snapshot = await db().snapshot.create({ data: { tenantId: tenant.id, vmId: vm.id, name: "keep" } });
  const disk = await db().vmDisk.create({
    data: { tenantId: tenant.id, vmId: vm.id, datastoreId: ds.id, label: "Hard disk 2", sizeGib: 10, usedGib: 0, provisioning: "THIN", createdAt: new Date(Date.now() + 1000) },
  });
  const author = await createUser(db(), { cost: 4 });
  // A host order: the parity inputs submit a VLAN order and a datastore change, which an open order of their type would refuse.
  const order = await db().order.create({ data: { tenantId: tenant.id, resourceType: "HOST", status: "SUBMITTED", payload: { kind: "hosts", poolId: pool.id, count: 1, summary: `${pool.name} + 1` }, createdById: author.id } });
  const rule = await db().affinityRule.create({ data: { tenantId: tenant.id, poolId: pool.id, name: "iso-keep", kind: "ANTI_AFFINITY", enabled: false, vms: { create: [{ vmId: vm.id }] } } });
  const activity = await db().activity.create({
    data: { tenantId: tenant.id, type: "vm.power_on", state: "COMPLETED", progress: 100, resourceType: "vm", resourceId: vm.id, resourceName: vm.name, actorType: "SYSTEM", payload: {} },
  });
  const replication = await db().replication.create({ data: { tenantId: tenant.id, kind: "VM_REPLICATION", sourceAzId: "PAR7S", targetAzId: "TH3S", vmId: vm.id, promisedRpoMinutes: 60, status: "ACTIVE", lastReplicatedAt: new Date() } });
  const sibling = await createTenant(db(), { organizationId });
  const vlan = await db().vlan.create({ data: { tenantId: tenant.id, tag: 100, name: "iso-front" } });
  await db().vlanPropagation.create({ data: { vlanId: vlan.id, tenantId: sibling.id } });
  const nic = await db().vmNic.create({ data: { tenantId: tenant.id, vmId: vm.id, vlanId: vlan.id, label: "Network adapter 1", type: "VMXNET3", mac: "00:50:56:00:00:01" } });
  const member = await createUser(db(), { cost: 4 });
  await db().membership.create({ data: { userId: member.id, tenantId: tenant.id, permissions: ["compute:read"] } });
  const token = await db().personalAccessToken.create({
    data: { userId: member.id, tenantId: tenant.id, name: "iso", prefix: "scp_iso", tokenHash: `iso-${tenant.id}`, permissions: ["compute:read"], expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const job = await db().backupJob.create({
    data: {
      tenantId: tenant.id,
      vmId: vm.id,
      vmName: vm.name,
      policyId: policy.id,
      policyName: policy.name,
      sourceAzId: "PAR7S",
      targetAzId: policy.targetAzId,
      state: "COMPLETED",
      sizeGib: 60,
      finishedAt: new Date(),
      contents: { guestOs: vm.guestOs, templateCode: null, cpu: vm.cpu, memoryGb: vm.memoryGb, iopsDemand: vm.iopsDemand, writeRateMbps: vm.writeRateMbps, poolId: pool.id, datastoreId: ds.id, disks: [{ label: "Hard disk 1", sizeGib: 60, usedGib: 60, provisioning: "THICK", controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }] },
    },
  });
  const copy = await createVm(db(), { tenantId: tenant.id, poolId: pool.id, datastoreId: ds.id, name: "api-copy" });
  await db().vm.update({ where: { id: copy.id }, data: { restoreTestOfId: vm.id, restoredFromJobId: job.id } });
  const invitation = await db().invitation.create({ data: { tenantId: tenant.id, email: `invited-${tenant.id}@example.test`, permissions: ["compute:read"], tokenHash: `fixture-${tenant.id}`, expiresAt: new Date(Date.now() + 3_600_000) } });
  const alert = await db().alert.create({ data: { tenantId: tenant.id, kind: "POOL_MEMORY", resourceType: "POOL", resourceId: pool.id, resourceName: pool.name, value: 900, limit: 870.4, peak: 900, lastValue: 900 } });
  const iso = await db().catalogItem.create({ data: { tenantId: tenant.id, kind: "ISO", name: "iso-tools.iso", source: "upload", sizeBytes: BigInt(1_048_576), sha256: "a".repeat(64) } });
  const template = await db().catalogItem.create({ data: { tenantId: tenant.id, kind: "TEMPLATE", name: "iso-debian", templateCode: "debian-12", cpu: 2, memoryGb: 4, diskGib: 20, source: "public" } });
  const detached = await db().vmDisk.create({ data: { tenantId: tenant.id, vmId: null, datastoreId: ds.id, label: "Hard disk 3", sizeGib: 5, usedGib: 0, provisioning: "THIN", detachedFrom: "gone" } });
  const consoleSession = await db().consoleSession.create({ data: { tenantId: tenant.id, vmId: vm.id, actorType: "USER", userId: author.id, actorLabel: author.email, commandCount: 1 } });
  const listView = await db().listView.create({ data: { userId: member.id, tenantId: tenant.id, list: "vms", name: "mine", query: "q=web" } });
  await db().consoleCommand.create({ data: { tenantId: tenant.id, vmId: vm.id, sessionId: consoleSession.id, userId: author.id, actorLabel: author.email, line: "hostname" } });
  return {
    tenantId: tenant.id,
    poolId: pool.id,
    hostId: hosts[0]!.id,
    otherHostId: hosts[1]!.id,
    datastoreId: ds.id,
    policyId: policy.id,
    vmId: vm.id,
    vmName: vm.name,
    snapshotId: snapshot.id,
    diskId: disk.id,
    nicId: nic.id,
    ruleId: rule.id,
    orderId: order.id,
    activityId: activity.id,
    replicationId: replication.id,
    vlanId: vlan.id,
    siblingTenantId: sibling.id,
    memberId: member.id,
    tokenId: token.id,
    backupJobId: job.id,
    restoreTestVmId: copy.id,
    alertId: alert.id,
    isoItemId: iso.id,
    templateItemId: template.id,
    detachedDiskId: detached.id,
    consoleSessionId: consoleSession.id,
    invitationId: invitation.id,
    listViewId: listView.id,
  };
}

/** A token for a new member of the tenant who holds `held` there; the token asks for all of it. */
export async function tokenFor(tenantId: string, held: readonly Permission[] = PERMISSIONS): Promise<string> {
  return (await memberWithToken(tenantId, held)).secret;
}

/** A new member of the tenant holding `held`, and a token of theirs asking for all of it. */
export async function memberWithToken(tenantId: string, held: readonly Permission[] = PERMISSIONS) {
  const u = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: u.id, tenantId, permissions: held });
  const a = await authorize({ type: "user", userId: u.id, email: u.email, name: u.name }, { id: tenantId });
  if (!a.ok) throw new Error(a.reason);
  const r = await createToken(a.ctx, { name: "test", days: 30, permissions: held.length ? [...held] : undefined });
  if (!r.ok) throw new Error("refused");
  return { user: { id: u.id, email: u.email, name: u.name }, secret: r.value.secret };
}

/** Everything of a tenant a request could change (a token's last use is not a change). */
export async function fingerprint(tenantId: string): Promise<string> {
  const byId = { orderBy: { id: "asc" as const } };
  const [vms, disks, snapshots, activities, pools, datastores, hosts, orders, orderEvents, rules, backups, replications, vlans, propagations, memberships, tokens, users, audit, ranges, backupJobs, alerts, alertThresholds, alertSubscriptions, notifications, catalog, mounts, cloudInits, consoles, consoleCommands, invitations, listViews] = await Promise.all([
    db().vm.findMany({ where: { tenantId }, ...byId }),
    db().vmDisk.findMany({ where: { tenantId }, ...byId }),
    db().snapshot.findMany({ where: { tenantId }, ...byId }),
    db().activity.count({ where: { tenantId } }),
    db().computePool.findMany({ where: { tenantId }, ...byId }),
    db().datastore.findMany({ where: { tenantId }, ...byId }),
    db().host.findMany({ where: { tenantId }, ...byId }),
    db().order.findMany({ where: { tenantId }, ...byId }),
    db().orderEvent.count({ where: { tenantId } }),
    db().affinityRule.findMany({ where: { tenantId }, ...byId }),
    db().backupPolicyAssignment.findMany({ where: { tenantId }, ...byId }),
    db().replication.findMany({ where: { tenantId }, ...byId }),
    db().vlan.findMany({ where: { tenantId }, ...byId }),
    db().vlanPropagation.findMany({ where: { OR: [{ tenantId }, { vlan: { tenantId } }] }, ...byId }),
    db().membership.findMany({ where: { tenantId }, ...byId }),
    db().personalAccessToken.findMany({ where: { tenantId }, ...byId, select: { id: true, revokedAt: true, permissions: true, expiresAt: true } }),
    db().user.findMany({ where: { memberships: { some: { tenantId } } }, ...byId, select: { id: true, disabledAt: true } }),
    db().auditEvent.count({ where: { tenantId, outcome: { not: "DENIED" } } }),
    db().tenantAllowedRange.findMany({ where: { tenantId }, ...byId }),
    db().backupJob.findMany({ where: { tenantId }, ...byId }),
    db().alert.findMany({ where: { tenantId }, ...byId }),
    db().alertThreshold.findMany({ where: { tenantId }, ...byId }),
    db().alertSubscription.findMany({ where: { tenantId }, orderBy: [{ userId: "asc" }, { kind: "asc" }] }),
    db().notification.findMany({ where: { tenantId }, ...byId }),
    db().catalogItem.findMany({ where: { tenantId }, ...byId, select: { id: true, name: true } }),
    db().vmIsoMount.findMany({ where: { tenantId }, ...byId }),
    db().vmCloudInit.findMany({ where: { tenantId }, orderBy: { vmId: "asc" } }),
    db().consoleSession.findMany({ where: { tenantId }, ...byId }),
    db().consoleCommand.count({ where: { tenantId } }),
    db().invitation.findMany({ where: { tenantId }, ...byId }),
    db().listView.findMany({ where: { tenantId }, ...byId }),
  ]);
  return JSON.stringify({ vms, disks, snapshots, activities, pools, datastores, hosts, orders, orderEvents, rules, backups, replications, vlans, propagations, memberships, tokens, users, audit, ranges, backupJobs, alerts, alertThresholds, alertSubscriptions, notifications, catalog, mounts, cloudInits, consoles, consoleCommands, invitations, listViews });
}

export const METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT"] as const;
export type HttpMethod = (typeof METHODS)[number];

/** "compute/vms/{id}/power" → "compute/vms/[id]/power": the form the tests name routes by. */
export const bracketed = (path: string) => path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");

/** Every route the API answers, as "POST compute/vms/[id]/power", generated from the registry. */
export function declaredRoutes(): string[] {
  return [...API_ROUTES.map((r) => `${r.method} ${bracketed(r.path)}`), "GET openapi.json"].sort();
}

/** Calls the API as Next would, through the one route handler: URL from the route with the params filled in. */
export async function call(route: string, method: HttpMethod, o: { token?: string; params?: Record<string, string>; body?: unknown; rawBody?: string; query?: Record<string, string>; lang?: string; /** the client address, as server.mjs hands it over (X-Forwarded-For) */ address?: string } = {}): Promise<Response> {
  const urlPath = route.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(o.params?.[k] ?? k));
  const url = new URL(`http://localhost/api/v1/${urlPath}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.lang) headers["accept-language"] = o.lang;
  if (o.address) headers["x-forwarded-for"] = o.address;
  const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const req = new Request(url, { method, headers, body: method === "GET" ? undefined : body });
  if (route === "openapi.json") return (await import("@/app/api/v1/openapi.json/route")).GET();
  return handleApiRequest(req);
}
