// One valid input per use case, in the console's form (what its action receives), for tests that
// send it through the action and through the API. Typed by the registry: a new use case without
// a row here does not compile.
import type { UseCaseName } from "@/lib/use-cases";
import type { ApiFixture } from "./fixture";

export type Input = (f: ApiFixture) => Record<string, unknown>;

export const vmInput: Input = (f) => ({ name: "iso-vm", templateCode: "debian-12", poolId: f.poolId, datastoreId: f.datastoreId, cpu: 2, memoryGb: 4, diskGib: 40, backupPolicyId: f.policyId, powerOn: "false" });

export const INPUTS: Record<UseCaseName, Input> = {
  createVm: vmInput,
  previewVmCreate: vmInput,
  powerVm: (f) => ({ vmId: f.vmId, action: "on" }),
  previewBulkPower: (f) => ({ vmIds: [f.vmId], action: "on" }),
  bulkPower: (f) => ({ vmIds: [f.vmId], action: "on" }),
  resizeVm: (f) => ({ vmId: f.vmId, cpu: 2, memoryGb: 8 }),
  patchVm: (f) => ({ vmId: f.vmId, cpu: 4 }),
  addDisk: (f) => ({ vmId: f.vmId, sizeGib: 10, provisioning: "THIN", mode: "INDEPENDENT", controllerType: "NVME" }),
  growDisk: (f) => ({ vmId: f.vmId, diskId: f.diskId, sizeGib: 20 }),
  deleteDisk: (f) => ({ vmId: f.vmId, diskId: f.diskId }),
  addNic: (f) => ({ vmId: f.vmId, vlanId: f.vlanId, type: "E1000", connected: false }),
  editNic: (f) => ({ vmId: f.vmId, nicId: f.nicId, connected: false }),
  removeNic: (f) => ({ vmId: f.vmId, nicId: f.nicId }),
  migrateVm: (f) => ({ vmId: f.vmId, hostId: f.otherHostId }),
  // Its own pool: the VM is listed as already there (the fixture has one pool and one datastore).
  bulkMigrate: (f) => ({ vmIds: [f.vmId], poolId: f.poolId }),
  createSnapshot: (f) => ({ vmId: f.vmId, name: "iso" }),
  deleteSnapshot: (f) => ({ vmId: f.vmId, snapshotId: f.snapshotId }),
  revertSnapshot: (f) => ({ vmId: f.vmId, snapshotId: f.snapshotId }),
  setTags: (f) => ({ vmId: f.vmId, tags: ["iso", "web"] }),
  deleteVm: (f) => ({ vmId: f.vmId, confirmName: f.vmName }),
  encryptVm: (f) => ({ vmId: f.vmId }),
  // The fixture's VM is powered off: opening its console and typing at it are refused
  // (CONSOLE.VM_NOT_RUNNING) through both doors; closing the console left open is accepted.
  openConsole: (f) => ({ vmId: f.vmId }),
  runConsoleCommand: (f) => ({ vmId: f.vmId, sessionId: f.consoleSessionId, line: "hostname" }),
  closeConsole: (f) => ({ vmId: f.vmId, sessionId: f.consoleSessionId }),
  setActivatedMemory: (f) => ({ poolId: f.poolId, activatedMemoryGb: 512 }),
  setHa: (f) => ({ poolId: f.poolId, haEnabled: "false" }),
  enterHostMaintenance: (f) => ({ hostId: f.hostId }),
  exitHostMaintenance: (f) => ({ hostId: f.hostId }),
  createAffinityRule: (f) => ({ poolId: f.poolId, name: "iso-rule", kind: "AFFINITY", vmIds: [f.vmId] }),
  enableAffinityRule: (f) => ({ ruleId: f.ruleId }),
  disableAffinityRule: (f) => ({ ruleId: f.ruleId }),
  deleteAffinityRule: (f) => ({ ruleId: f.ruleId, confirmName: "iso-keep" }),
  assignBackupPolicy: (f) => ({ vmId: f.vmId, policyId: f.policyId }),
  removeBackupPolicy: (f) => ({ vmId: f.vmId, policyId: f.policyId }),
  bulkAssignBackupPolicy: (f) => ({ vmIds: [f.vmId], policyId: f.policyId }),
  bulkRemoveBackupPolicy: (f) => ({ vmIds: [f.vmId], policyId: f.policyId }),
  // The fixture's VM has no policy: refused (BACKUP.POLICY_REQUIRED) through both doors.
  runBackup: (f) => ({ vmId: f.vmId }),
  restoreBackup: (f) => ({ backupJobId: f.backupJobId, mode: "test" }),
  // The original is replicated: both doors answer that its replication must stop first.
  promoteRestoreTest: (f) => ({ vmId: f.restoreTestVmId, confirmName: f.vmName }),
  previewVmReplication: (f) => ({ vmId: f.vmId, standbyAzId: "TH3S" }),
  enableVmReplication: (f) => ({ vmId: f.vmId, standbyAzId: "TH3S" }),
  previewStorageMirror: (f) => ({ datastoreId: f.datastoreId, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" }),
  enableStorageMirror: (f) => ({ datastoreId: f.datastoreId, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" }),
  stopReplication: (f) => ({ replicationId: f.replicationId }),
  propagateVlan: (f) => ({ vlanIds: [f.vlanId], targetTenantId: f.siblingTenantId }),
  unpropagateVlan: (f) => ({ vlanId: f.vlanId, targetTenantId: f.siblingTenantId }),
  submitOrder: (f) => ({ kind: "datastore_resize", datastoreId: f.datastoreId, sizeGib: 4096 }),
  cancelOrder: (f) => ({ orderId: f.orderId }),
  approveOrder: (f) => ({ orderId: f.orderId }),
  rejectOrder: (f) => ({ orderId: f.orderId, note: "isolation says no" }),
  createMember: () => ({ email: "iso-new@example.test", password: "a-long-password-1", permissions: ["compute:read"] }),
  setMemberPermissions: (f) => ({ userId: f.memberId, permissions: ["compute:read", "storage:read"] }),
  setOwner: (f) => ({ userId: f.memberId, owner: "true" }),
  setUserDisabled: (f) => ({ userId: f.memberId, disabled: "true" }),
  createToken: () => ({ name: "iso", days: 7 }),
  revokeToken: (f) => ({ tokenId: f.tokenId }),
  // Empty: a test's requests come from no known address, which any non-empty list would shut out.
  setAllowedRanges: () => ({ ranges: [] }),
  setTotpRequired: () => ({ required: false }),
  copyPublicTemplate: () => ({ templateCode: "rocky-9", name: "iso-rocky" }),
  registerIso: () => ({ name: "iso-new.iso", sizeBytes: 2048, sha256: "b".repeat(64) }),
  deleteCatalogItem: (f) => ({ itemId: f.isoItemId }),
  mountIso: (f) => ({ vmId: f.vmId, itemId: f.isoItemId }),
  // The fixture's drive is empty: refused as nothing to unmount, the same way through both doors.
  unmountIso: (f) => ({ vmId: f.vmId }),
  exportVmTemplate: (f) => ({ vmId: f.vmId, name: "iso-export" }),
  detachDisk: (f) => ({ vmId: f.vmId, diskId: f.diskId }),
  attachDisk: (f) => ({ vmId: f.vmId, diskId: f.detachedDiskId }),
  planCapacity: (f) => ({ target: "pool", poolId: f.poolId, datastoreId: f.datastoreId, vmCount: 2, vmMemoryGb: 8 }),
  acknowledgeAlert: (f) => ({ alertId: f.alertId }),
  setAlertThreshold: (f) => ({ resourceId: f.poolId, kind: "POOL_MEMORY", levelPct: 80 }),
  setAlertSubscription: () => ({ kind: "POOL_MEMORY", subscribed: true, email: false }),
  createInvitation: () => ({ email: "iso-invited@example.test", permissions: ["compute:read"] }),
  resendInvitation: (f) => ({ invitationId: f.invitationId }),
  revokeInvitation: (f) => ({ invitationId: f.invitationId }),
  saveListView: () => ({ list: "vms", name: "iso", query: "q=web&cols=name,tags,createdAt&sort=createdAt&page=3" }),
  // Another person's view (the fixture's member): not found through both doors, as another tenant's is.
  deleteListView: (f) => ({ viewId: f.listViewId }),
  setSso: () => ({ issuer: "https://idp.example.test", clientId: "console", clientSecret: "s3cret", domains: "iso-sso.example.test", passwordAllowed: "true" }),
};

/** Another tenant's ids given to a use case that names no resource (an invitation by email) cross nothing. */
export const CROSSES_NOTHING: readonly UseCaseName[] = ["createMember", "setAllowedRanges", "setTotpRequired", "setAlertSubscription", "copyPublicTemplate", "registerIso", "createInvitation", "saveListView"];
/** A bulk change skips the selected ids it cannot see: 200 with no result, rather than 404. */
export const SKIPS_CROSSED: readonly UseCaseName[] = ["previewBulkPower", "bulkPower"];
