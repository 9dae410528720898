import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import type { OrganizationRole } from "@/lib/auth/context";
import { signInAs, signOut } from "@/test/integration/session";
import { fingerprint, makeApiTenant, type ApiFixture } from "@/test/api/fixture";

// Every server action, found from the code itself: a new action file without a row below fails
// this test. For each one: no session → UNAUTHENTICATED; a member lacking its permission →
// FORBIDDEN; another tenant's id → NOT_FOUND; a resource of another tenant → NOT_FOUND — and
// the other tenant's inventory is unchanged afterwards. Organization-level actions (orders,
// an owner's review) have their own rows: a member of the organization who is not its
// owner → FORBIDDEN; an owner of another organization → NOT_FOUND, for the organization and for
// its orders alike.

/** The API tests' tenant with one of everything (test/api/fixture.ts), and its organization. */
type Fixture = ApiFixture & { organizationId: string };
type Row =
  | {
      permission: Permission;
      input: (f: Fixture) => Record<string, unknown>;
      /** A bulk action skips the selected ids it cannot see (the default for bulk files); false when another of its inputs is then not found. */
      skipsCrossed?: boolean;
      /** False when the input names no resource at all (an invitation by email), so there is no other tenant's to cross. */
      crosses?: false;
    }
  // Any member of the tenant may call it (their own tokens); no permission to lack
  | { member: true; input: (f: Fixture) => Record<string, unknown>; crosses?: false }
  | { public: string }
  // The caller's own account (two-factor enrolment): a session and nothing else; no tenant to cross
  | { account: (f: Fixture) => Record<string, unknown> }
  // orders: acts across an organization's tenants
  | { organization: OrganizationRole; input: (f: Fixture) => Record<string, unknown>; /** False when the input names no record (an organization's own settings): nothing of another's to cross. */ crosses?: false };

const vmInput = (f: Fixture) => ({ name: "iso-vm", templateCode: "debian-12", poolId: f.poolId, datastoreId: f.datastoreId, cpu: 2, memoryGb: 4, diskGib: 40, backupPolicyId: f.policyId, powerOn: "true" });

/** Every action file under lib/actions, by its path. */
export const ACTIONS: Record<string, Row> = {
  "preferences/set-locale.ts": { public: "a display preference on the caller's own browser, settable before sign-in" },
  "preferences/set-theme.ts": { public: "a display preference on the caller's own browser" },
  "vms/create-vm.ts": { permission: "compute:write", input: vmInput },
  "vms/preview-vm-create.ts": { permission: "compute:write", input: vmInput },
  "vms/power-vm.ts": { permission: "vm:power", input: (f) => ({ vmId: f.vmId, action: "on" }) },
  "vms/preview-bulk-power.ts": { permission: "vm:power", input: (f) => ({ vmIds: [f.vmId], action: "on" }) },
  "vms/bulk-power.ts": { permission: "vm:power", input: (f) => ({ vmIds: [f.vmId], action: "on" }) },
  "vms/resize-vm.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, cpu: 2, memoryGb: 8 }) },
  "vms/add-disk.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, sizeGib: 10, provisioning: "THIN", controllerType: "LSI_LOGIC_SAS", controllerBus: "0" }) },
  "vms/grow-disk.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, diskId: f.diskId, sizeGib: 20 }) },
  "vms/delete-disk.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, diskId: f.diskId }) },
  "vms/add-nic.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, vlanId: f.vlanId, type: "E1000", mac: "", connected: "true" }) },
  "vms/edit-nic.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, nicId: f.nicId, type: "E1000", vlanId: f.vlanId, connected: "false" }) },
  "vms/remove-nic.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, nicId: f.nicId }) },
  // with another tenant's pool as the target, the whole request is not found
  "vms/bulk-migrate.ts": { permission: "compute:write", input: (f) => ({ vmIds: [f.vmId], poolId: f.poolId }), skipsCrossed: false },
  "vms/migrate-vm.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, hostId: f.otherHostId }) },
  "vms/create-snapshot.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, name: "iso" }) },
  "vms/delete-snapshot.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, snapshotId: f.snapshotId }) },
  "vms/revert-snapshot.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, snapshotId: f.snapshotId }) },
  "vms/set-tags.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, tags: ["iso"] }) },
  "vms/delete-vm.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, confirmName: f.vmName }) },
  "vms/encrypt-vm.ts": { permission: "compute:management", input: (f) => ({ vmId: f.vmId }) },
  // the tenant's catalogue, a VM's CD/DVD drive, disks without a VM
  "catalog/copy-public-template.ts": { permission: "compute:write", input: () => ({ templateCode: "rocky-9", name: "iso-rocky" }), crosses: false },
  "catalog/register-iso.ts": { permission: "compute:write", input: () => ({ name: "iso-new.iso", sizeBytes: 2048, sha256: "b".repeat(64) }), crosses: false },
  "catalog/delete-catalog-item.ts": { permission: "compute:write", input: (f) => ({ itemId: f.isoItemId }) },
  "catalog/mount-iso.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, itemId: f.isoItemId }) },
  "catalog/unmount-iso.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId }) },
  "catalog/export-vm-template.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, name: "iso-export" }) },
  "catalog/detach-disk.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, diskId: f.diskId }) },
  "catalog/attach-disk.ts": { permission: "compute:write", input: (f) => ({ vmId: f.vmId, diskId: f.detachedDiskId }) },
  "vms/open-console.ts": { permission: "vm:power", input: (f) => ({ vmId: f.vmId }) },
  "vms/run-console-command.ts": { permission: "vm:power", input: (f) => ({ vmId: f.vmId, sessionId: f.consoleSessionId, line: "hostname" }) },
  "vms/close-console.ts": { permission: "vm:power", input: (f) => ({ vmId: f.vmId, sessionId: f.consoleSessionId }) },
  // orders
  "orders/submit-order.ts": { permission: "order:write", input: (f) => ({ kind: "datastore_resize", datastoreId: f.datastoreId, sizeGib: 4096 }) },
  "orders/cancel-order.ts": { permission: "order:write", input: (f) => ({ orderId: f.orderId }) },
  "orders/approve-order.ts": { organization: "OWNER", input: (f) => ({ orderId: f.orderId }) },
  "orders/reject-order.ts": { organization: "OWNER", input: (f) => ({ orderId: f.orderId, note: "isolation says no" }) },
  // pools and hosts
  "pools/set-activated-memory.ts": { permission: "compute:management", input: (f) => ({ poolId: f.poolId, activatedMemoryGb: 512 }) },
  "pools/set-ha.ts": { permission: "compute:management", input: (f) => ({ poolId: f.poolId, haEnabled: "false" }) },
  "pools/enter-host-maintenance.ts": { permission: "compute:management", input: (f) => ({ hostId: f.hostId }) },
  "pools/exit-host-maintenance.ts": { permission: "compute:management", input: (f) => ({ hostId: f.hostId }) },
  // affinity rules
  "affinity/create-affinity-rule.ts": { permission: "compute:write", input: (f) => ({ poolId: f.poolId, name: "iso-rule", kind: "AFFINITY", vmIds: [f.vmId] }) },
  "affinity/enable-affinity-rule.ts": { permission: "compute:write", input: (f) => ({ ruleId: f.ruleId }) },
  "affinity/disable-affinity-rule.ts": { permission: "compute:write", input: (f) => ({ ruleId: f.ruleId }) },
  "affinity/delete-affinity-rule.ts": { permission: "compute:write", input: (f) => ({ ruleId: f.ruleId, confirmName: "iso-keep" }) },
  // data protection: with another tenant's policy, a bulk change is not found as a whole
  "data-protection/assign-backup-policy.ts": { permission: "backup:write", input: (f) => ({ vmId: f.vmId, policyId: f.policyId }) },
  "data-protection/remove-backup-policy.ts": { permission: "backup:write", input: (f) => ({ vmId: f.vmId, policyId: f.policyId }) },
  "data-protection/bulk-assign-backup-policy.ts": { permission: "backup:write", input: (f) => ({ vmIds: [f.vmId], policyId: f.policyId }), skipsCrossed: false },
  "data-protection/bulk-remove-backup-policy.ts": { permission: "backup:write", input: (f) => ({ vmIds: [f.vmId], policyId: f.policyId }), skipsCrossed: false },
  "data-protection/run-backup.ts": { permission: "backup:write", input: (f) => ({ vmId: f.vmId }) },
  "data-protection/restore-backup.ts": { permission: "backup:write", input: (f) => ({ backupJobId: f.backupJobId, mode: "clone", name: "iso-clone" }) },
  "data-protection/promote-restore-test.ts": { permission: "backup:write", input: (f) => ({ vmId: f.restoreTestVmId, confirmName: f.vmName }) },
  "data-protection/preview-vm-replication.ts": { permission: "replication:write", input: (f) => ({ vmId: f.vmId, standbyAzId: "TH3S" }) },
  "data-protection/enable-vm-replication.ts": { permission: "replication:write", input: (f) => ({ vmId: f.vmId, standbyAzId: "TH3S" }) },
  "data-protection/preview-storage-mirror.ts": { permission: "replication:write", input: (f) => ({ datastoreId: f.datastoreId, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" }) },
  "data-protection/enable-storage-mirror.ts": { permission: "replication:write", input: (f) => ({ datastoreId: f.datastoreId, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" }) },
  "data-protection/stop-replication.ts": { permission: "replication:write", input: (f) => ({ replicationId: f.replicationId }) },
  // network
  "network/propagate-vlan.ts": { permission: "network:write", input: (f) => ({ vlanIds: [f.vlanId], targetTenantId: f.siblingTenantId }) },
  "network/unpropagate-vlan.ts": { permission: "network:write", input: (f) => ({ vlanId: f.vlanId, targetTenantId: f.siblingTenantId }) },
  // The capacity planner's read-only what-if
  "dashboards/plan-capacity.ts": { permission: "metric:read", input: (f) => ({ target: "pool", poolId: f.poolId, datastoreId: f.datastoreId, vmCount: 2, vmMemoryGb: 8 }) },
  // alerts: acknowledging, a resource's own line, the caller's own subscription (names no resource)
  "alerts/acknowledge-alert.ts": { permission: "metric:read", input: (f) => ({ alertId: f.alertId }) },
  "alerts/set-alert-threshold.ts": { permission: "compute:management", input: (f) => ({ resourceId: f.poolId, kind: "POOL_MEMORY", levelPct: "80" }) },
  "alerts/set-alert-subscription.ts": { permission: "metric:read", input: () => ({ kind: "POOL_MEMORY", subscribed: "true", email: "false" }), crosses: false },
  // IAM and tokens
  "iam/create-member.ts": { permission: "iam:write", input: () => ({ email: "iso-new@example.test", password: "a-long-password-1", permissions: ["compute:read"] }), crosses: false },
  "iam/set-member-permissions.ts": { permission: "iam:write", input: (f) => ({ userId: f.memberId, permissions: [] }) },
  "iam/set-owner.ts": { permission: "iam:write", input: (f) => ({ userId: f.memberId, owner: "true" }) },
  "iam/set-user-disabled.ts": { organization: "OWNER", input: (f) => ({ userId: f.memberId, disabled: "true" }) },
  "iam/create-token.ts": { member: true, input: () => ({ name: "iso", days: 7 }), crosses: false },
  "iam/revoke-token.ts": { member: true, input: (f) => ({ tokenId: f.tokenId }) },
  // A person's saved views: the service checks the list's read permission; another person's view is not found.
  "views/save-list-view.ts": { member: true, input: () => ({ list: "vms", name: "iso", query: "q=web" }), crosses: false },
  "views/delete-list-view.ts": { member: true, input: (f) => ({ viewId: f.listViewId }) },
  "iam/set-allowed-ranges.ts": { permission: "iam:write", input: () => ({ ranges: [] }), crosses: false },
  "iam/set-totp-required.ts": { permission: "iam:write", input: () => ({ required: "false" }), crosses: false },
  "iam/set-sso.ts": { organization: "OWNER", crosses: false, input: () => ({ issuer: "https://idp.example.test", clientId: "console", clientSecret: "s3cret", domains: "iso-sso.example.test", passwordAllowed: "true" }) },
  "iam/create-invitation.ts": { permission: "iam:write", input: () => ({ email: "iso-invited@example.test", permissions: ["compute:read"] }), crosses: false },
  "iam/resend-invitation.ts": { permission: "iam:write", input: (f) => ({ invitationId: f.invitationId }) },
  "iam/revoke-invitation.ts": { permission: "iam:write", input: (f) => ({ invitationId: f.invitationId }) },
  "account/accept-invitation.ts": { public: "the person has no account yet: the link's single-use token is the credential, checked by the service" },
  "account/begin-totp-enrolment.ts": { account: () => ({}) },
  "account/confirm-totp-enrolment.ts": { account: () => ({ code: "123456" }) },
  "account/disable-totp.ts": { account: () => ({ code: "123456" }) },
  "account/renew-recovery-codes.ts": { account: () => ({ code: "123456" }) },
  // the caller's own notifications (the bell): a session, and only their own rows
  "account/mark-notifications-read.ts": { account: () => ({}) },
};

const root = path.resolve(import.meta.dirname);
function actionFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return actionFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && dir !== root ? [path.relative(root, p)] : [];
  });
}

type Action = (tenantId: string, prev: unknown, input: unknown) => Promise<{ ok: boolean; code?: string }>;
async function actionOf(file: string): Promise<Action> {
  const mod = (await import(`./${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
  const fns = Object.entries(mod).filter(([k, v]) => k.endsWith("Action") && typeof v === "function");
  expect(fns, `${file} exports one xxxAction`).toHaveLength(1);
  return fns[0]![1] as Action;
}

async function makeTenant(organizationId: string): Promise<Fixture> {
  return { ...(await makeApiTenant(organizationId)), organizationId };
}


const nobody = { id: "", email: "", name: "" };
const s = {
  a: null as unknown as Fixture,
  b: null as unknown as Fixture,
  admin: nobody,
  bare: nobody,
  // orders: another organization and its tenant c; an owner and an operator of the first
  c: null as unknown as Fixture,
  owner: nobody,
  operator: nobody,
  strangerOwner: nobody,
};

beforeAll(async () => {
  const org = await createOrganization(db());
  s.a = await makeTenant(org.id);
  s.b = await makeTenant(org.id);
  s.admin = await createUser(db(), { cost: 4 });
  s.bare = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: s.admin.id, tenantId: s.a.tenantId, permissions: PERMISSIONS });
  // Every permission but the one under test is given per action below.
  await grantMembership(db(), { userId: s.bare.id, tenantId: s.a.tenantId, permissions: [] });
  // orders
  const other = await createOrganization(db());
  s.c = await makeTenant(other.id);
  s.owner = await createUser(db(), { cost: 4 });
  s.operator = await createUser(db(), { cost: 4 });
  s.strangerOwner = await createUser(db(), { cost: 4 });
  await db().organizationMember.createMany({
    data: [
      { organizationId: org.id, userId: s.owner.id, role: "OWNER" },
      { organizationId: org.id, userId: s.operator.id, role: "OPERATOR" },
      { organizationId: other.id, userId: s.strangerOwner.id, role: "OWNER" },
    ],
  });
});
afterEach(() => signOut());

describe("every server action", () => {
  it("has a row in the isolation table (a new action cannot be forgotten)", () => {
    expect(actionFiles().sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [file, row] of Object.entries(ACTIONS)) {
    if ("public" in row) continue;
    if ("account" in row) {
      describe(file, () => {
        it("refuses without a session, and touches no tenant", async () => {
          const action = (await actionOf(file)) as unknown as (prev: unknown, input: unknown) => Promise<{ ok: boolean; code?: string }>;
          const before = await fingerprint(s.a.tenantId);
          expect(await action(null, row.account(s.a))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
          expect(await fingerprint(s.a.tenantId)).toBe(before);
        });
      });
      continue;
    }
    // orders: organization-level actions, bound to an organization id
    if ("organization" in row) {
      describe(file, () => {
        it("refuses without a session", async () => {
          const action = await actionOf(file);
          expect(await action(s.a.organizationId, null, row.input(s.a))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
        });

        it(`refuses a member of the organization who is not its ${row.organization.toLowerCase()} (a tenant admin, an operator)`, async () => {
          const action = await actionOf(file);
          const before = await fingerprint(s.a.tenantId);
          for (const who of [s.admin, s.operator]) {
            signInAs(who);
            expect(await action(s.a.organizationId, null, row.input(s.a))).toMatchObject({ ok: false, code: "FORBIDDEN" });
          }
          expect(await fingerprint(s.a.tenantId)).toBe(before);
        });

        it("answers not found to an owner of another organization, and for another organization's records, changing nothing there", async () => {
          const action = await actionOf(file);
          const before = [await fingerprint(s.a.tenantId), await fingerprint(s.c.tenantId)];
          signInAs(s.strangerOwner);
          expect(await action(s.a.organizationId, null, row.input(s.a))).toMatchObject({ ok: false, code: "NOT_FOUND" });
          if (row.crosses !== false) {
            expect(await action(s.c.organizationId, null, row.input(s.a))).toMatchObject({ ok: false, code: "NOT_FOUND" });
            signInAs(s.owner);
            expect(await action(s.a.organizationId, null, row.input(s.c))).toMatchObject({ ok: false, code: "NOT_FOUND" });
          }
          expect([await fingerprint(s.a.tenantId), await fingerprint(s.c.tenantId)]).toEqual(before);
        });
      });
      continue;
    }
    // IAM and tokens: any member may call it; what they may touch is the service's own check
    if ("member" in row) {
      describe(file, () => {
        it("refuses without a session", async () => {
          const action = await actionOf(file);
          expect(await action(s.a.tenantId, null, row.input(s.a))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
        });
        it("answers not found to someone who is no member of the tenant, and for another tenant's resources, changing nothing there", async () => {
          const action = await actionOf(file);
          signInAs(s.admin);
          const before = await fingerprint(s.b.tenantId);
          expect(await action(s.b.tenantId, null, row.input(s.b))).toMatchObject({ ok: false, code: "NOT_FOUND" });
          if (row.crosses !== false) expect(await action(s.a.tenantId, null, row.input(s.b))).toMatchObject({ ok: false, code: "NOT_FOUND" });
          expect(await fingerprint(s.b.tenantId)).toBe(before);
        });
      });
      continue;
    }
    describe(file, () => {
      it("refuses without a session", async () => {
        const action = await actionOf(file);
        expect(await action(s.a.tenantId, null, row.input(s.a))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      });

      it(`refuses a member without ${row.permission}, with every other permission`, async () => {
        const action = await actionOf(file);
        await db().membership.update({ where: { userId_tenantId: { userId: s.bare.id, tenantId: s.a.tenantId } }, data: { permissions: PERMISSIONS.filter((p) => p !== row.permission) } });
        signInAs(s.bare);
        const before = await fingerprint(s.a.tenantId);
        expect(await action(s.a.tenantId, null, row.input(s.a))).toMatchObject({ ok: false, code: "FORBIDDEN" });
        expect(await fingerprint(s.a.tenantId)).toBe(before);
      });

      it("answers not found for another tenant, and for another tenant's resources, changing nothing there", async () => {
        const action = await actionOf(file);
        signInAs(s.admin);
        const before = await fingerprint(s.b.tenantId);
        expect(await action(s.b.tenantId, null, row.input(s.b))).toMatchObject({ ok: false, code: "NOT_FOUND" });
        if (row.crosses === false) return expect(await fingerprint(s.b.tenantId)).toBe(before);
        const crossed = await action(s.a.tenantId, null, row.input(s.b));
        // A bulk action skips what it cannot see: nothing of the other tenant is in its result.
        if (row.skipsCrossed ?? file.includes("bulk")) expect(crossed).toMatchObject({ ok: true, data: [] });
        else expect(crossed).toMatchObject({ ok: false, code: "NOT_FOUND" });
        expect(await fingerprint(s.b.tenantId)).toBe(before);
      });
    });
  }
});
