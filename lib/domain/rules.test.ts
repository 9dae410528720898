import { describe, expect, it, test } from "vitest";
import { checkAffinityRule } from "./affinity";
import { checkEncryption, type EncryptionInput } from "./encryption";
import { checkVlanPropagation } from "./network";
import { checkDatastoreChange, checkOrderZone, checkVlanNameFree, checkVlanTagFree } from "./order-plan";
import { checkDatastoreOrderCount, checkNetworkCount, checkOrderOpen } from "./orders";
import { checkPlacement } from "./placement";
import { checkActivatedMemoryChange, checkAddHosts, checkHostMaintenance, checkPoolOrder, checkRemoveHosts } from "./pool";
import { checkGlobalMirror, checkMetroMirror, checkRpoCompliance, checkVmReplication, type StorageMirrorInput, type VmReplicationInput } from "./replication";
import { allViolations, applyOverride, decide, formatNumber, type Decision, type Override } from "./result";
import { RULES, RULE_CODES, isAdvisory, type RuleCode } from "./rules";
import { checkDatastoreOrder, checkDatastoreResize, checkDiskAdd } from "./storage";
import { makeDatastore, makePool, plainVm } from "./testing/fixtures";
import { checkPowerOn, checkRemoveBackupPolicy } from "./vm";
import { checkDiskController, checkDiskGrow, type DiskOnController } from "./disks";
import { checkAddressAllowed, checkAllowedRangesSave } from "./address-ranges";
import { checkTotpRequirement } from "./totp";
import { allocateNicAddress, checkNicMac } from "./nics";
import { checkBackupNow, checkBackupPolicyZone } from "./backup";
import { checkTemplateExport, type ExportableVm } from "./catalog-items";
import { checkConsoleOpen } from "./console";
import { checkInvitationOpen } from "./invitations";
import { checkSsoAccount, checkSsoIdentity } from "./sso";

// For every rule code: one situation where it fires, one (close to it) where it does not.
type Case = { fires: () => Decision<unknown>; passes: () => Decision<unknown> };

const encryptionOk: EncryptionInput = {
  tenant: { keyProviderConfigured: true, advancedProtectionSubscribed: true },
  vm: { id: "vm1", powerState: "POWERED_OFF", encryption: "NONE", snapshotCount: 0, replications: [] },
};
const encrypt = (patch: { tenant?: Partial<EncryptionInput["tenant"]>; vm?: Partial<EncryptionInput["vm"]> }) =>
  checkEncryption({ tenant: { ...encryptionOk.tenant, ...patch.tenant }, vm: { ...encryptionOk.vm, ...patch.vm } });

const exportable: ExportableVm = { id: "vm1", name: "web-01", powerState: "POWERED_OFF", encryption: "NONE" };

const mirrorOk: StorageMirrorInput = {
  datastore: { id: "ds1", tier: "STANDARD", sizeGib: 2048, azCode: "PAR7S" },
  vms: [{ id: "vm1", encrypted: false }],
  standby: { azCode: "TH3S", availableGib: 4096, tier: "STANDARD" },
};
const vmReplicationOk: VmReplicationInput = {
  vm: { id: "vm1", memoryGb: 16, storageGib: 200, writeRateMbps: 2, azCode: "PAR7S" },
  standby: { azCode: "TH3S", pool: { nodeType: "STANDARD_V3", hosts: 2, activatedMemoryGb: 256, haEnabled: true, usedGb: 0 }, reservedForReplicasGb: 0, availableStorageGib: 1000 },
};
const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const scsi = (bus: number, n: number): DiskOnController[] => Array.from({ length: n }, () => ({ controllerType: "LSI_LOGIC_SAS" as const, controllerBus: bus }));
const diskVm = (...disks: DiskOnController[][]) => ({ id: "vm1", name: "web-01", disks: disks.flat() });
const poweredOffVm = { id: "vmX", memoryGb: 64, iopsDemand: 0, powerState: "POWERED_OFF" as const, backupPolicyCount: 1, encryption: "NONE" as const };

export const CASES: Record<RuleCode, Case> = {
  "CPOOL.MIXED_NODE_TYPES": {
    fires: () => checkAddHosts(makePool(), { count: 1, nodeType: "ADVANCE_V3" }),
    passes: () => checkAddHosts(makePool(), { count: 1, nodeType: "STANDARD_V3" }),
  },
  "CPOOL.MAX_HOSTS": {
    fires: () => checkAddHosts(makePool({ hosts: 32 }), { count: 1, nodeType: "STANDARD_V3" }),
    passes: () => checkAddHosts(makePool({ hosts: 31 }), { count: 1, nodeType: "STANDARD_V3" }),
  },
  "CPOOL.MEMORY_RESERVATION_RANGE": {
    fires: () => checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: 1153, haEnabled: true }),
    passes: () => checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: 1152, haEnabled: true }),
  },
  "CPOOL.MEMORY_PRESSURE": {
    // 3 × 128 = 384 GB activated: the 85 % line is 326.4 GB.
    fires: () => checkPlacement({ pool: makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] }), vm: { id: "new", memoryGb: 32, poweredOn: true, iopsDemand: 0, encryption: "NONE" } }),
    passes: () => checkPlacement({ pool: makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] }), vm: { id: "new", memoryGb: 26, poweredOn: true, iopsDemand: 0, encryption: "NONE" } }),
  },
  "CPOOL.SLA_INELIGIBLE": {
    fires: () => checkPoolOrder({ nodeType: "ECO_V3", hostCount: 1, haEnabled: true }),
    passes: () => checkPoolOrder({ nodeType: "ECO_V3", hostCount: 2, haEnabled: true }),
  },
  "HOST.MAINTENANCE_CAPACITY": {
    // 2 × 384 GB fully activated, 400 GB running: one host left carries 326.4 GB at 85 %.
    fires: () => checkHostMaintenance(makePool({ hosts: 2, activatedMemoryGb: 768, vms: [{ memoryGb: 200, host: 0 }, { memoryGb: 200, host: 1 }] }), "h0"),
    passes: () => checkHostMaintenance(makePool({ hosts: 3, activatedMemoryGb: 1152, vms: [{ memoryGb: 200, host: 0 }, { memoryGb: 200, host: 1 }] }), "h0"),
  },
  "AFFINITY.UNSATISFIABLE": {
    fires: () => checkAffinityRule(makePool({ hosts: 2 }), { kind: "ANTI_AFFINITY", vms: ["a", "b", "c"].map((id) => ({ id, poolId: "pool1", memoryGb: 8 })) }),
    passes: () => checkAffinityRule(makePool({ hosts: 3 }), { kind: "ANTI_AFFINITY", vms: ["a", "b", "c"].map((id) => ({ id, poolId: "pool1", memoryGb: 8 })) }),
  },
  "AFFINITY.VIOLATION": {
    fires: () =>
      checkPlacement({
        pool: makePool({ hosts: 2, vms: [{ id: "dc1", memoryGb: 8, host: 0 }, { id: "dc2", memoryGb: 8, host: 1 }], rules: [{ kind: "ANTI_AFFINITY", vmIds: ["dc1", "dc2", "dc3"] }] }),
        vm: { id: "dc3", memoryGb: 8, poweredOn: true, iopsDemand: 0, encryption: "NONE" },
      }),
    passes: () =>
      checkPlacement({
        pool: makePool({ hosts: 3, vms: [{ id: "dc1", memoryGb: 8, host: 0 }, { id: "dc2", memoryGb: 8, host: 1 }], rules: [{ kind: "ANTI_AFFINITY", vmIds: ["dc1", "dc2", "dc3"] }] }),
        vm: { id: "dc3", memoryGb: 8, poweredOn: true, iopsDemand: 0, encryption: "NONE" },
      }),
  },
  "DATASTORE.MIN_SIZE": {
    fires: () => checkDatastoreOrder({ tier: "STANDARD", sizeGib: 499 }),
    passes: () => checkDatastoreOrder({ tier: "STANDARD", sizeGib: 500 }),
  },
  "DATASTORE.IOPS_LIMIT": {
    fires: () => checkDatastoreOrder({ tier: "STANDARD", sizeGib: 512, requestedIops: 751 }),
    passes: () => checkDatastoreOrder({ tier: "STANDARD", sizeGib: 512, requestedIops: 750 }),
  },
  "DATASTORE.SWAP_SPACE": {
    fires: () => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1024, usedGib: 961 }) }),
    passes: () => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1024, usedGib: 500 }) }),
  },
  "DATASTORE.SNAPSHOT_RESERVE": {
    // 1000 GiB: 100 GiB reserve. 836 used + 64 swap leaves exactly 100; 837 leaves 99.
    fires: () => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 837 }) }),
    passes: () => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 836 }) }),
  },
  "DATASTORE.THIN_OVERCOMMIT": {
    // 1000 GiB: disks may promise 900 GiB (10 % reserve) when nothing runs.
    fires: () => checkDiskAdd(makeDatastore({ sizeGib: 1000, usedGib: 100, provisionedGib: 800 }), { sizeGib: 101, provisioning: "THIN", vm: plainVm }),
    passes: () => checkDiskAdd(makeDatastore({ sizeGib: 1000, usedGib: 100, provisionedGib: 800 }), { sizeGib: 100, provisioning: "THIN", vm: plainVm }),
  },
  "DATASTORE.IOPS_BUDGET": {
    // 1024 GiB Standard: 1500 IOPS.
    fires: () => checkPowerOn({ vm: { ...poweredOffVm, iopsDemand: 501 }, datastore: makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 1000 }] }) }),
    passes: () => checkPowerOn({ vm: { ...poweredOffVm, iopsDemand: 500 }, datastore: makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 1000 }] }) }),
  },
  "REPLICATION.GM_TIER": {
    fires: () => checkGlobalMirror({ ...mirrorOk, datastore: { ...mirrorOk.datastore, tier: "ENTERPRISE" } }),
    passes: () => checkGlobalMirror({ ...mirrorOk, datastore: { ...mirrorOk.datastore, tier: "PREMIUM" } }),
  },
  "REPLICATION.GM_STANDBY_CAPACITY": {
    fires: () => checkGlobalMirror({ ...mirrorOk, standby: { azCode: "TH3S", availableGib: 2047, tier: "STANDARD" } }),
    passes: () => checkGlobalMirror({ ...mirrorOk, standby: { azCode: "TH3S", availableGib: 2048, tier: "STANDARD" } }),
  },
  "REPLICATION.VM_STANDBY_RESERVATION": {
    fires: () => checkVmReplication({ ...vmReplicationOk, standby: { ...vmReplicationOk.standby, availableStorageGib: 199 } }),
    passes: () => checkVmReplication({ ...vmReplicationOk, standby: { ...vmReplicationOk.standby, availableStorageGib: 200 } }),
  },
  "REPLICATION.VM_WRITE_RATE": {
    fires: () => checkVmReplication({ ...vmReplicationOk, vm: { ...vmReplicationOk.vm, writeRateMbps: 20.5 } }),
    passes: () => checkVmReplication({ ...vmReplicationOk, vm: { ...vmReplicationOk.vm, writeRateMbps: 20 } }),
  },
  "REPLICATION.RPO_BREACH": {
    fires: () => checkRpoCompliance({ id: "r1", promisedRpoMinutes: 15, lastReplicatedAt: minutesAgo(16) }, now),
    passes: () => checkRpoCompliance({ id: "r1", promisedRpoMinutes: 15, lastReplicatedAt: minutesAgo(15) }, now),
  },
  "REPLICATION.VM_ENCRYPTED": {
    fires: () => checkGlobalMirror({ ...mirrorOk, vms: [{ id: "vm1", encrypted: true }, { id: "vm2", encrypted: false }] }),
    passes: () => checkGlobalMirror({ ...mirrorOk, vms: [{ id: "vm1", encrypted: false }, { id: "vm2", encrypted: false }] }),
  },
  "ENCRYPTION.NO_KEY_PROVIDER": { fires: () => encrypt({ tenant: { keyProviderConfigured: false } }), passes: () => encrypt({}) },
  "ENCRYPTION.NO_SUBSCRIPTION": { fires: () => encrypt({ tenant: { advancedProtectionSubscribed: false } }), passes: () => encrypt({}) },
  "ENCRYPTION.VM_POWERED_ON": { fires: () => encrypt({ vm: { powerState: "SUSPENDED" } }), passes: () => encrypt({ vm: { powerState: "POWERED_OFF" } }) },
  "ENCRYPTION.VM_REPLICATED": { fires: () => encrypt({ vm: { replications: ["GLOBAL_MIRROR"] } }), passes: () => encrypt({ vm: { replications: [] } }) },
  "ENCRYPTION.VM_HAS_SNAPSHOTS": { fires: () => encrypt({ vm: { snapshotCount: 1 } }), passes: () => encrypt({ vm: { snapshotCount: 0 } }) },
  "ENCRYPTION.ALREADY_ENCRYPTED": { fires: () => encrypt({ vm: { encryption: "ENCRYPTED" } }), passes: () => encrypt({ vm: { encryption: "NONE" } }) },
  "VLAN.CROSS_ORGANIZATION": {
    fires: () => checkVlanPropagation({ vlan: { id: "v1", tag: 100, tenantId: "t1", organizationId: "o1" }, target: { tenantId: "t9", organizationId: "o2" } }),
    passes: () => checkVlanPropagation({ vlan: { id: "v1", tag: 100, tenantId: "t1", organizationId: "o1" }, target: { tenantId: "t2", organizationId: "o1" } }),
  },
  "ORDER.ALREADY_OPEN": {
    fires: () => checkOrderOpen("HOST", [{ id: "o1", resourceType: "HOST", status: "IN_REVIEW" }]),
    passes: () => checkOrderOpen("HOST", [{ id: "o1", resourceType: "HOST", status: "DELIVERED" }, { id: "o2", resourceType: "DATASTORE", status: "SUBMITTED" }]),
  },
  "BACKUP.POLICY_REQUIRED": {
    fires: () => checkPowerOn({ vm: { ...poweredOffVm, backupPolicyCount: 0 }, datastore: makeDatastore() }),
    passes: () => checkPowerOn({ vm: { ...poweredOffVm, backupPolicyCount: 1 }, datastore: makeDatastore() }),
  },
  "BACKUP.LAST_POLICY": {
    fires: () => checkRemoveBackupPolicy({ id: "vm1", powerState: "POWERED_ON", backupPolicyCount: 1 }),
    passes: () => checkRemoveBackupPolicy({ id: "vm1", powerState: "POWERED_OFF", backupPolicyCount: 1 }),
  },
  "INPUT.INVALID": {
    fires: () => checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: Number.NaN, haEnabled: true }),
    passes: () => checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: 384, haEnabled: true }),
  },
  "REPLICATION.STANDBY_TIER": {
    fires: () => checkMetroMirror({ ...mirrorOk, standby: { ...mirrorOk.standby, tier: "PREMIUM" } }),
    passes: () => checkMetroMirror(mirrorOk),
  },
  "CPOOL.ACTIVATED_MEMORY": {
    // 3 × 128 = 384 GB activated, 300 GB running: 85 GB more is 385.
    fires: () => checkPlacement({ pool: makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] }), vm: { id: "new", memoryGb: 85, poweredOn: true, iopsDemand: 0, encryption: "NONE" } }),
    passes: () => checkPlacement({ pool: makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] }), vm: { id: "new", memoryGb: 84, poweredOn: true, iopsDemand: 0, encryption: "NONE" } }),
  },
  "HOST.PHYSICAL_MEMORY": {
    // STANDARD v3 hosts have 384 GB of RAM.
    fires: () => checkPlacement({ pool: makePool({ activatedMemoryGb: 1152 }), vm: { id: "new", memoryGb: 385, poweredOn: false, iopsDemand: 0, encryption: "NONE" } }),
    passes: () => checkPlacement({ pool: makePool({ activatedMemoryGb: 1152 }), vm: { id: "new", memoryGb: 384, poweredOn: false, iopsDemand: 0, encryption: "NONE" } }),
  },
  "REPLICATION.MM_STANDBY_CAPACITY": {
    fires: () => checkMetroMirror({ ...mirrorOk, standby: { azCode: "TH3S", availableGib: 2047, tier: "STANDARD" } }),
    passes: () => checkMetroMirror({ ...mirrorOk, standby: { azCode: "TH3S", availableGib: 2048, tier: "STANDARD" } }),
  },
  "ORDER.DATASTORE_COUNT": { fires: () => checkDatastoreOrderCount(11), passes: () => checkDatastoreOrderCount(10) },
  "ORDER.NETWORK_COUNT": { fires: () => checkNetworkCount(21, "propagation"), passes: () => checkNetworkCount(20, "propagation") },
  "ORDER.ZONE_OUTSIDE_REGION": { fires: () => checkOrderZone("AZ99", "FR1"), passes: () => checkOrderZone("TH3S", "FR1") },
  "ORDER.NO_CHANGE": {
    fires: () => checkDatastoreChange({ name: "ds-prd-01", sizeGib: 1024, tier: "STANDARD" }, { sizeGib: 1024 }),
    passes: () => checkDatastoreChange({ name: "ds-prd-01", sizeGib: 1024, tier: "STANDARD" }, { tier: "PREMIUM" }),
  },
  "VLAN.TAG_IN_USE": { fires: () => checkVlanTagFree(100, [{ tag: 100, name: "front" }]), passes: () => checkVlanTagFree(101, [{ tag: 100, name: "front" }]) },
  "VLAN.NAME_IN_USE": { fires: () => checkVlanNameFree("front", [{ tag: 100, name: "front" }]), passes: () => checkVlanNameFree("back", [{ tag: 100, name: "front" }]) },
  "VM.MAX_CONTROLLERS": {
    fires: () => checkDiskController(diskVm(scsi(0, 1), scsi(1, 1), scsi(2, 1), scsi(3, 1)), { controllerType: "VMWARE_PARAVIRTUAL" }),
    passes: () => checkDiskController(diskVm(scsi(0, 1), scsi(1, 1), scsi(2, 1)), { controllerType: "VMWARE_PARAVIRTUAL" }),
  },
  "VM.MAX_DISKS_PER_CONTROLLER": {
    fires: () => checkDiskController(diskVm(scsi(0, 15)), { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }),
    passes: () => checkDiskController(diskVm(scsi(0, 14)), { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }),
  },
  "DISK.SHRINK": {
    fires: () => checkDiskGrow({ id: "d2", label: "Hard disk 2", sizeGib: 200 }, 100),
    passes: () => checkDiskGrow({ id: "d2", label: "Hard disk 2", sizeGib: 100 }, 200),
  },
  "IAM.ADDRESS_NOT_ALLOWED": {
    fires: () => checkAddressAllowed({ address: "192.168.2.1", cidrs: ["192.168.1.0/24"], tenantName: "Production" }),
    passes: () => checkAddressAllowed({ address: "192.168.1.254", cidrs: ["192.168.1.0/24"], tenantName: "Production" }),
  },
  "IAM.TOTP_REQUIRED": {
    fires: () => checkTotpRequirement({ required: true, enrolled: false, tenantName: "Production" }),
    passes: () => checkTotpRequirement({ required: true, enrolled: true, tenantName: "Production" }),
  },
  "IAM.RANGES_EXCLUDE_SELF": {
    fires: () => checkAllowedRangesSave({ cidrs: ["10.0.0.0/8"], savingFrom: "127.0.0.1" }),
    passes: () => checkAllowedRangesSave({ cidrs: ["10.0.0.0/8", "127.0.0.0/8"], savingFrom: "127.0.0.1" }),
  },
  "NIC.DUPLICATE_MAC": {
    fires: () => checkNicMac("00:50:56:0a:1b:2c", [{ id: "nic1", mac: "00:50:56:0a:1b:2c", label: "Network adapter 1", vmName: "web-01" }]),
    passes: () => checkNicMac("00:50:56:0a:1b:2d", [{ id: "nic1", mac: "00:50:56:0a:1b:2c", label: "Network adapter 1", vmName: "web-01" }]),
  },
  "NIC.SUBNET_FULL": {
    fires: () => allocateNicAddress({ tag: 120, name: "front", subnet: "10.0.120.0/28" }, new Set(["10.0.120.10", "10.0.120.11", "10.0.120.12", "10.0.120.13", "10.0.120.14"])),
    passes: () => allocateNicAddress({ tag: 120, name: "front", subnet: "10.0.120.0/28" }, new Set(["10.0.120.10", "10.0.120.11", "10.0.120.13", "10.0.120.14"])),
  },
  "BACKUP.SNAPSHOT_PRESENT": {
    fires: () => checkBackupNow({ vm: { id: "vm1", name: "web-01", azId: "PAR7S", snapshotCount: 2 }, policies: [{ name: "daily", targetAzId: "TH3S" }], completedBackups: 0 }),
    passes: () => checkBackupNow({ vm: { id: "vm1", name: "web-01", azId: "PAR7S", snapshotCount: 2 }, policies: [{ name: "daily", targetAzId: "TH3S" }], completedBackups: 1 }),
  },
  "BACKUP.SAME_AZ": {
    fires: () => checkBackupPolicyZone({ id: "vm1", name: "web-01", azId: "PAR7S" }, { name: "daily", targetAzId: "PAR7S" }),
    passes: () => checkBackupPolicyZone({ id: "vm1", name: "web-01", azId: "PAR7S" }, { name: "daily", targetAzId: "TH3S" }),
  },
  "CATALOG.ENCRYPTED_EXPORT": { fires: () => checkTemplateExport({ ...exportable, encryption: "ENCRYPTED" }), passes: () => checkTemplateExport(exportable) },
  "CATALOG.EXPORT_POWERED_ON": { fires: () => checkTemplateExport({ ...exportable, powerState: "POWERED_ON" }), passes: () => checkTemplateExport(exportable) },
  "CONSOLE.VM_NOT_RUNNING": {
    fires: () => checkConsoleOpen({ id: "vm1", name: "web-01", powerState: "SUSPENDED" }),
    passes: () => checkConsoleOpen({ id: "vm1", name: "web-01", powerState: "POWERED_ON" }),
  },
  // 72 hours: a link made at 12:00 on 1 March still opens at 11:59 on 4 March, not at 12:00.
  "INVITE.EXPIRED": {
    fires: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: null, revokedAt: null }, new Date("2026-03-04T12:00:00Z")),
    passes: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: null, revokedAt: null }, new Date("2026-03-04T11:59:00Z")),
  },
  "INVITE.USED": {
    fires: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: now, revokedAt: null }, now),
    passes: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: null, revokedAt: null }, now),
  },
  "INVITE.REVOKED": {
    fires: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: null, revokedAt: now }, now),
    passes: () => checkInvitationOpen({ tenantName: "Prod", expiresAt: new Date("2026-03-04T12:00:00Z"), acceptedAt: null, revokedAt: null }, now),
  },
  // Exact domains: a sub-domain is another domain.
  "SSO.DOMAIN_NOT_COVERED": {
    fires: () => checkSsoIdentity({ organizationName: "Acme", domains: ["acme.test"], email: "eve@eu.acme.test", emailVerified: true }),
    passes: () => checkSsoIdentity({ organizationName: "Acme", domains: ["ACME.test"], email: "ann@acme.test", emailVerified: true }),
  },
  "SSO.EMAIL_NOT_VERIFIED": {
    fires: () => checkSsoIdentity({ organizationName: "Acme", domains: ["acme.test"], email: "ann@acme.test", emailVerified: false }),
    passes: () => checkSsoIdentity({ organizationName: "Acme", domains: ["acme.test"], email: "ann@acme.test", emailVerified: true }),
  },
  "SSO.NOT_INVITED": {
    fires: () => checkSsoAccount({ organizationName: "Acme", email: "new@acme.test", hasAccount: false, invited: false, totpEnabled: false, amr: ["pwd"] }),
    passes: () => checkSsoAccount({ organizationName: "Acme", email: "new@acme.test", hasAccount: false, invited: true, totpEnabled: false, amr: ["pwd"] }),
  },
  "SSO.SECOND_FACTOR": {
    fires: () => checkSsoAccount({ organizationName: "Acme", email: "ann@acme.test", hasAccount: true, invited: false, totpEnabled: true, amr: ["pwd"] }),
    passes: () => checkSsoAccount({ organizationName: "Acme", email: "ann@acme.test", hasAccount: true, invited: false, totpEnabled: true, amr: ["pwd", "otp"] }),
  },
};

const reason = { reason: "quarter-end batch, memory order on its way" };
/** What a service does with an override for a check that takes none: the same applyOverride. */
const overriding = (code: RuleCode) => (o: Override) => decide(applyOverride(allViolations(CASES[code].fires()), o), undefined);
const crowded = () => makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] });
const newVm = (memoryGb: number, encryption: "NONE" | "ENCRYPTED" = "NONE") => ({ id: "new", memoryGb, poweredOn: true, iopsDemand: 0, encryption });

/**
 * Every code, once: a hard refusal is tried with an admin's override (through the decision that
 * takes one where there is one) and must stay refused; advisory codes and rules that only warn
 * say so, and the registry must agree. A new code does not compile until it is here.
 */
const OVERRIDDEN: Record<RuleCode, ((o: Override) => Decision<unknown>) | "advisory" | "warning only"> = {
  "CPOOL.MIXED_NODE_TYPES": overriding("CPOOL.MIXED_NODE_TYPES"),
  "CPOOL.MAX_HOSTS": (o) => checkRemoveHosts(makePool({ hosts: 1 }), { hostIds: ["h0"] }, o),
  "CPOOL.MEMORY_RESERVATION_RANGE": (o) => checkActivatedMemoryChange(makePool(), 100, o),
  "CPOOL.MEMORY_PRESSURE": "advisory",
  "CPOOL.SLA_INELIGIBLE": "warning only",
  "HOST.MAINTENANCE_CAPACITY": (o) => checkPlacement({ pool: makePool({ maintenance: [1] }), vm: newVm(8), hostId: "h1", override: o }),
  "AFFINITY.UNSATISFIABLE": overriding("AFFINITY.UNSATISFIABLE"),
  "AFFINITY.VIOLATION": (o) =>
    checkPlacement({
      pool: makePool({ hosts: 2, vms: [{ id: "dc1", memoryGb: 8, host: 0 }, { id: "dc2", memoryGb: 8, host: 1 }], rules: [{ kind: "ANTI_AFFINITY", vmIds: ["dc1", "dc2", "dc3"] }] }),
      vm: { ...newVm(8), id: "dc3" },
      override: o,
    }),
  "DATASTORE.MIN_SIZE": overriding("DATASTORE.MIN_SIZE"),
  "DATASTORE.IOPS_LIMIT": overriding("DATASTORE.IOPS_LIMIT"),
  "DATASTORE.SWAP_SPACE": (o) => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1024, usedGib: 961 }), pool: makePool(), override: o }),
  "DATASTORE.SNAPSHOT_RESERVE": (o) => checkPowerOn({ vm: poweredOffVm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 837 }), pool: makePool(), override: o }),
  "DATASTORE.THIN_OVERCOMMIT": "advisory",
  "DATASTORE.IOPS_BUDGET": "warning only",
  "REPLICATION.GM_TIER": overriding("REPLICATION.GM_TIER"),
  "REPLICATION.GM_STANDBY_CAPACITY": overriding("REPLICATION.GM_STANDBY_CAPACITY"),
  "REPLICATION.VM_STANDBY_RESERVATION": overriding("REPLICATION.VM_STANDBY_RESERVATION"),
  "REPLICATION.VM_WRITE_RATE": "warning only",
  "REPLICATION.RPO_BREACH": "warning only",
  "REPLICATION.VM_ENCRYPTED": (o) => checkPlacement({ pool: makePool(), vm: newVm(8, "ENCRYPTED"), datastore: makeDatastore({ replication: "GLOBAL_MIRROR" }), override: o }),
  "ENCRYPTION.NO_KEY_PROVIDER": overriding("ENCRYPTION.NO_KEY_PROVIDER"),
  "ENCRYPTION.NO_SUBSCRIPTION": overriding("ENCRYPTION.NO_SUBSCRIPTION"),
  "ENCRYPTION.VM_POWERED_ON": overriding("ENCRYPTION.VM_POWERED_ON"),
  "ENCRYPTION.VM_REPLICATED": overriding("ENCRYPTION.VM_REPLICATED"),
  "ENCRYPTION.VM_HAS_SNAPSHOTS": overriding("ENCRYPTION.VM_HAS_SNAPSHOTS"),
  "ENCRYPTION.ALREADY_ENCRYPTED": overriding("ENCRYPTION.ALREADY_ENCRYPTED"),
  "VLAN.CROSS_ORGANIZATION": overriding("VLAN.CROSS_ORGANIZATION"),
  "ORDER.ALREADY_OPEN": overriding("ORDER.ALREADY_OPEN"),
  "BACKUP.POLICY_REQUIRED": (o) => checkPowerOn({ vm: { ...poweredOffVm, backupPolicyCount: 0 }, datastore: makeDatastore(), pool: makePool(), override: o }),
  "BACKUP.LAST_POLICY": overriding("BACKUP.LAST_POLICY"),
  "INPUT.INVALID": (o) => checkPlacement({ pool: makePool(), vm: newVm(Number.NaN), override: o }),
  "REPLICATION.STANDBY_TIER": overriding("REPLICATION.STANDBY_TIER"),
  // The issue's own case, in small: 85 % is passed (advisory) and so is the activated memory (hard).
  "CPOOL.ACTIVATED_MEMORY": (o) => checkPlacement({ pool: crowded(), vm: newVm(85), override: o }),
  "HOST.PHYSICAL_MEMORY": (o) => checkPlacement({ pool: makePool({ activatedMemoryGb: 1152 }), vm: newVm(385), override: o }),
  "REPLICATION.MM_STANDBY_CAPACITY": overriding("REPLICATION.MM_STANDBY_CAPACITY"),
  "ORDER.DATASTORE_COUNT": overriding("ORDER.DATASTORE_COUNT"),
  "ORDER.NETWORK_COUNT": overriding("ORDER.NETWORK_COUNT"),
  "ORDER.ZONE_OUTSIDE_REGION": overriding("ORDER.ZONE_OUTSIDE_REGION"),
  "ORDER.NO_CHANGE": overriding("ORDER.NO_CHANGE"),
  "VLAN.TAG_IN_USE": overriding("VLAN.TAG_IN_USE"),
  "VLAN.NAME_IN_USE": overriding("VLAN.NAME_IN_USE"),
  "VM.MAX_CONTROLLERS": overriding("VM.MAX_CONTROLLERS"),
  "VM.MAX_DISKS_PER_CONTROLLER": overriding("VM.MAX_DISKS_PER_CONTROLLER"),
  "DISK.SHRINK": (o) => checkDiskGrow({ id: "d2", label: "Hard disk 2", sizeGib: 200 }, 100, o),
  "IAM.ADDRESS_NOT_ALLOWED": overriding("IAM.ADDRESS_NOT_ALLOWED"),
  "IAM.RANGES_EXCLUDE_SELF": overriding("IAM.RANGES_EXCLUDE_SELF"),
  "IAM.TOTP_REQUIRED": overriding("IAM.TOTP_REQUIRED"),
  "NIC.DUPLICATE_MAC": overriding("NIC.DUPLICATE_MAC"),
  "NIC.SUBNET_FULL": overriding("NIC.SUBNET_FULL"),
  "BACKUP.SNAPSHOT_PRESENT": overriding("BACKUP.SNAPSHOT_PRESENT"),
  "BACKUP.SAME_AZ": overriding("BACKUP.SAME_AZ"),
  "CATALOG.ENCRYPTED_EXPORT": overriding("CATALOG.ENCRYPTED_EXPORT"),
  "CATALOG.EXPORT_POWERED_ON": overriding("CATALOG.EXPORT_POWERED_ON"),
  "CONSOLE.VM_NOT_RUNNING": overriding("CONSOLE.VM_NOT_RUNNING"),
  "INVITE.EXPIRED": overriding("INVITE.EXPIRED"),
  "INVITE.USED": overriding("INVITE.USED"),
  "INVITE.REVOKED": overriding("INVITE.REVOKED"),
  "SSO.DOMAIN_NOT_COVERED": overriding("SSO.DOMAIN_NOT_COVERED"),
  "SSO.EMAIL_NOT_VERIFIED": overriding("SSO.EMAIL_NOT_VERIFIED"),
  "SSO.NOT_INVITED": overriding("SSO.NOT_INVITED"),
  "SSO.SECOND_FACTOR": overriding("SSO.SECOND_FACTOR"),
};

const codesOf = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);

describe("the rule registry", () => {
  it("holds the 30 codes of DOMAIN.md, a VLAN's full subnet, the 2 template-export refusals, the console of a stopped VM, INPUT.INVALID, REPLICATION.STANDBY_TIER, the 3 hard limits split out of others, the 2 order counts, the 4 order-field refusals (a VLAN name taken among them), the 3 disk limits, the 2 allowed-address codes of IAM, its two-factor requirement, the duplicate MAC, the 2 backup-run codes, the 3 invitation-link codes and the 4 single sign-on codes, each once", () => {
    expect(RULE_CODES).toHaveLength(61);
    expect(new Set(RULE_CODES).size).toBe(61);
    expect(Object.keys(RULES).sort()).toEqual([...RULE_CODES].sort());
  });

  it("has a fixture for every code", () => {
    expect(Object.keys(CASES).sort()).toEqual([...RULE_CODES].sort());
  });

  test.each(RULE_CODES.map((c) => [c, RULES[c]] as const))("%s quotes its source and has a severity", (_code, rule) => {
    expect(rule.source.length).toBeGreaterThan(20);
    expect(["refuse", "warn"]).toContain(rule.severity);
  });

  it("treats drift and measurement as warnings, and only the 85 % line and thin over-commit as advisory", () => {
    const warnings = RULE_CODES.filter((c) => RULES[c].severity === "warn").sort();
    expect(warnings).toEqual(["CPOOL.SLA_INELIGIBLE", "DATASTORE.IOPS_BUDGET", "DATASTORE.THIN_OVERCOMMIT", "REPLICATION.RPO_BREACH", "REPLICATION.VM_WRITE_RATE"]);
    expect(RULE_CODES.filter((c) => isAdvisory(c))).toEqual(["CPOOL.MEMORY_PRESSURE", "DATASTORE.THIN_OVERCOMMIT"]);
    for (const c of RULE_CODES) expect(["hard", "advisory"]).toContain(RULES[c].kind);
  });

  test.each(RULE_CODES)("%s is tried against an override as its kind says", (code) => {
    const entry = OVERRIDDEN[code];
    if (entry === "advisory") expect(RULES[code].kind).toBe("advisory");
    else if (entry === "warning only") expect(RULES[code]).toMatchObject({ severity: "warn", kind: "hard" });
    else expect(RULES[code]).toMatchObject({ severity: "refuse", kind: "hard" });
  });
});

describe.each(RULE_CODES.filter((c) => typeof OVERRIDDEN[c] === "function"))("%s under an override", (code) => {
  it("is refused whatever the reason, and nothing in the decision is marked overridden", () => {
    const attempt = OVERRIDDEN[code] as (o: Override) => Decision<unknown>;
    const d = attempt(reason);
    expect(d.ok).toBe(false);
    expect(allViolations(d).filter((v) => v.code === code && v.severity === "refuse").length).toBeGreaterThan(0);
    expect(allViolations(d).some((v) => v.overridden)).toBe(false);
  });
});

describe.each(RULE_CODES)("%s", (code) => {
  const c = CASES[code];

  it("fires", () => {
    const d = c.fires();
    const found = allViolations(d).filter((v) => v.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const v of found) expect(v.severity).toBe(RULES[code].severity);
    // A refusal refuses; a warning lets the action through.
    if (RULES[code].severity === "refuse") expect(d.ok).toBe(false);
  });

  it("does not fire", () => {
    expect(codesOf(c.passes())).not.toContain(code);
  });

  it("explains itself in English and French, naming its numbers", () => {
    for (const v of allViolations(c.fires())) {
      expect(v.message.en.length).toBeGreaterThan(20);
      expect(v.message.fr.length).toBeGreaterThan(20);
      expect(v.message.fr).not.toEqual(v.message.en);
      if (v.limit !== undefined) {
        expect(v.message.en).toContain(formatNumber(v.limit, "en"));
        expect(v.message.fr).toContain(formatNumber(v.limit, "fr"));
      }
      if (v.actual !== undefined) {
        expect(v.message.en).toContain(formatNumber(v.actual, "en"));
        expect(v.message.fr).toContain(formatNumber(v.actual, "fr"));
      }
    }
  });
});

describe("messages", () => {
  it("say the 33rd host is refused, and what to do, in both languages", () => {
    const d = CASES["CPOOL.MAX_HOSTS"].fires();
    expect(d.ok).toBe(false);
    const v = allViolations(d).find((x) => x.code === "CPOOL.MAX_HOSTS");
    expect(v).toMatchObject({ limit: 32, actual: 33, unit: "hosts" });
    expect(v?.message.en).toBe("A compute pool holds at most 32 hypervisors; this one would have 33. Create a second pool.");
    expect(v?.message.fr).toBe("Un pool de calcul compte au plus 32 hyperviseurs ; celui-ci en aurait 33. Créez un second pool.");
  });

  test.each([
    [326.4, "en", "326.4"],
    [326.4, "fr", "326,4"],
    [150000, "en", "150000"],
    [1 / 3, "en", "0.33"],
  ] as const)("formatNumber(%s, %s) = %s", (n, lang, s) => {
    expect(formatNumber(n, lang)).toBe(s);
  });
});

describe("evaluating every rule", () => {
  it("reports all the encryption preconditions that fail, together", () => {
    const d = encrypt({
      tenant: { keyProviderConfigured: false, advancedProtectionSubscribed: false },
      vm: { powerState: "POWERED_ON", encryption: "ENCRYPTED", snapshotCount: 2, replications: ["VM_REPLICATION"] },
    });
    expect(d.ok).toBe(false);
    expect(codesOf(d).sort()).toEqual([
      "ENCRYPTION.ALREADY_ENCRYPTED",
      "ENCRYPTION.NO_KEY_PROVIDER",
      "ENCRYPTION.NO_SUBSCRIPTION",
      "ENCRYPTION.VM_HAS_SNAPSHOTS",
      "ENCRYPTION.VM_POWERED_ON",
      "ENCRYPTION.VM_REPLICATED",
    ]);
  });

  it("reports mixed node types, the 33rd host and the reservation at once", () => {
    const d = checkAddHosts(makePool({ hosts: 32 }), { count: 1, nodeType: "PERF3_V3", activatedMemoryGb: 100 });
    expect(codesOf(d).sort()).toEqual(["CPOOL.MAX_HOSTS", "CPOOL.MEMORY_RESERVATION_RANGE", "CPOOL.MIXED_NODE_TYPES"]);
  });

  it("lets an admin override memory pressure with a reason, as an audited warning", () => {
    const pool = makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] });
    const vm = { id: "new", memoryGb: 32, poweredOn: true, iopsDemand: 0, encryption: "NONE" as const };
    expect(checkPlacement({ pool, vm, override: { reason: "   " } }).ok).toBe(false);
    const d = checkPlacement({ pool, vm, override: { reason: "quarter-end batch, memory order on its way" } });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const w = d.warnings.find((x) => x.code === "CPOOL.MEMORY_PRESSURE");
    expect(w).toMatchObject({ severity: "warn", overridden: { reason: "quarter-end batch, memory order on its way" } });
    expect(w?.message.en).toContain("quarter-end batch");
  });

  it("does not let an override lift any other refusal", () => {
    const d = checkActivatedMemoryChange(makePool(), 100, { reason: "because" });
    expect(d.ok).toBe(false);
    expect(codesOf(d)).toContain("CPOOL.MEMORY_RESERVATION_RANGE");
  });
});
