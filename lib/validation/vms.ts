// What the console and the REST API accept for VM changes: one schema each, shared by the form
// (client-side hints), the server action and the API route (the check that counts). Messages
// are keys of the "validation" namespace (lib/validation/messages.ts), said in the user's language.
import { z } from "zod";
import { VM_TEMPLATE_CODES } from "@/lib/catalog/templates";
import { DISK_CONTROLLER_TYPES, DISK_MODES, NIC_TYPES, VM_MAX_CONTROLLERS_PER_FAMILY, VM_NAME_PATTERN } from "@/lib/domain/catalogue";
import { normalizeMac } from "@/lib/domain/nics";
import { cloudInitFields } from "./catalog";

const id = z.string().trim().min(1, "v.required").max(64);
/** A form sends "true"/"false" (or a checkbox's "on"); the API sends a boolean; absent keeps the default. */
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === "" ? undefined : v === true || v === "true" || v === "on"), z.boolean().default(fallback));
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const vmName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(VM_NAME_PATTERN, "v.vmName");

/** An override of an overridable refusal (memory pressure): the reason is audited. */
const overrideReason = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().min(10, "v.overrideReason").max(500).optional());

export const diskSchema = z.object({
  sizeGib: whole(1, 65_536),
  provisioning: z.enum(["THIN", "THICK"]).default("THICK"),
});

export const createVmSchema = z.object({
  name: vmName,
  templateCode: z.enum(VM_TEMPLATE_CODES),
  poolId: id,
  datastoreId: id,
  cpu: whole(1, 128),
  memoryGb: whole(1, 1536),
  diskGib: whole(1, 65_536),
  diskProvisioning: z.enum(["THIN", "THICK"]).default("THICK"),
  backupPolicyId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  /** The VLAN of its first network adapter (VMXNET3, MAC generated); without one the VM has no adapter. */
  vlanId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  powerOn: flag(true),
  overrideReason,
  /** A template of the tenant's catalogue it is deployed from, and cloud-init (user data, SSH keys). */
  ...cloudInitFields,
});
export type CreateVmInput = z.infer<typeof createVmSchema>;

export const VM_POWER_ACTIONS = ["on", "off", "restart", "suspend"] as const;
export type VmPowerAction = (typeof VM_POWER_ACTIONS)[number];

export const powerVmSchema = z.object({ vmId: id, action: z.enum(VM_POWER_ACTIONS), overrideReason });
export type PowerVmInput = z.infer<typeof powerVmSchema>;

export const bulkPowerSchema = z.object({
  vmIds: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(id).min(1, "v.selectVm").max(100)),
  action: z.enum(VM_POWER_ACTIONS),
});
export type BulkPowerInput = z.infer<typeof bulkPowerSchema>;

export const resizeVmSchema = z.object({ vmId: id, cpu: whole(1, 128), memoryGb: whole(1, 1536), overrideReason });
export type ResizeVmInput = z.infer<typeof resizeVmSchema>;

/** A form's empty select or field is "not given". */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * A new disk: its size, thin or thick, persistent or independent (in neither snapshots nor
 * backups), and its controller: `controllerBus` names one the VM has, of `controllerType`'s family;
 * without it the disk goes on a new controller of `controllerType`.
 */
export const addDiskSchema = z.object({
  vmId: id,
  sizeGib: whole(1, 65_536),
  provisioning: z.enum(["THIN", "THICK"]).default("THICK"),
  mode: z.enum(DISK_MODES).default("PERSISTENT"),
  controllerType: z.enum(DISK_CONTROLLER_TYPES),
  controllerBus: z.preprocess(blank, whole(0, VM_MAX_CONTROLLERS_PER_FAMILY - 1).optional()),
  overrideReason,
});
export type AddDiskInput = z.infer<typeof addDiskSchema>;

export const growDiskSchema = z.object({ vmId: id, diskId: id, sizeGib: whole(1, 65_536), overrideReason });
export type GrowDiskInput = z.infer<typeof growDiskSchema>;

export const deleteDiskSchema = z.object({ vmId: id, diskId: id });
export type DeleteDiskInput = z.infer<typeof deleteDiskSchema>;

/** Connected or not: a form's select sends "true"/"false", the API a boolean; absent is "not given". */
const optionalFlag = z.preprocess((v) => (v === undefined || v === "" || v === null ? undefined : v === true || v === "true" || v === "on"), z.boolean().optional());

/** A MAC set by hand: six hexadecimal pairs (":" or "-"), unicast; empty means "generate one". */
const mac = z.preprocess(blank, z.string().trim().max(32).refine((v) => normalizeMac(v) !== null, "v.mac").optional());

/** A new network adapter: its type, its VLAN (the tenant's own or one propagated to it), its MAC (generated when not given), connected or not. */
export const addNicSchema = z.object({
  vmId: id,
  vlanId: id,
  type: z.enum(NIC_TYPES).default("VMXNET3"),
  mac,
  connected: optionalFlag.transform((v) => v ?? true),
});
export type AddNicInput = z.infer<typeof addNicSchema>;

/** A change to an adapter, running or not: its type, its VLAN, connected or not (what is left out keeps its value; its MAC stays). */
export const editNicSchema = z
  .object({
    vmId: id,
    nicId: id,
    type: z.preprocess(blank, z.enum(NIC_TYPES).optional()),
    vlanId: z.preprocess(blank, id.optional()),
    connected: optionalFlag,
  })
  .refine((b) => b.type !== undefined || b.vlanId !== undefined || b.connected !== undefined, { message: "v.nicChange", path: ["_"] });
export type EditNicInput = z.infer<typeof editNicSchema>;

export const removeNicSchema = z.object({ vmId: id, nicId: id });
export type RemoveNicInput = z.infer<typeof removeNicSchema>;

export const createSnapshotSchema = z.object({ vmId: id, name: z.string().trim().min(1, "v.required").max(80) });
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export const deleteSnapshotSchema = z.object({ vmId: id, snapshotId: id });
export type DeleteSnapshotInput = z.infer<typeof deleteSnapshotSchema>;

export const revertSnapshotSchema = z.object({ vmId: id, snapshotId: id });
export type RevertSnapshotInput = z.infer<typeof revertSnapshotSchema>;

export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,62}$/;
export const setTagsSchema = z.object({
  vmId: id,
  // A form sends "a, b c"; the API sends an array.
  tags: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.string().regex(TAG_PATTERN, "v.tag")).max(20),
  ),
});
export type SetTagsInput = z.infer<typeof setTagsSchema>;

export const deleteVmSchema = z.object({ vmId: id, confirmName: z.string().trim() });
export type DeleteVmInput = z.infer<typeof deleteVmSchema>;

export const encryptVmSchema = z.object({ vmId: id });
export type EncryptVmInput = z.infer<typeof encryptVmSchema>;

/**
 * A live migration: another host of its pool, another pool (the rules pick the host unless one of
 * that pool is given), another datastore (its disks are copied), or several at once. Left out or
 * empty: it stays where it is on that account.
 */
export const migrateVmSchema = z
  .object({
    vmId: id,
    poolId: z.preprocess(blank, id.optional()),
    hostId: z.preprocess(blank, id.optional()),
    datastoreId: z.preprocess(blank, id.optional()),
    overrideReason,
  })
  .refine((b) => b.poolId !== undefined || b.hostId !== undefined || b.datastoreId !== undefined, { message: "v.migrateTarget", path: ["_"] });
export type MigrateVmInput = z.infer<typeof migrateVmSchema>;

/** Several VMs to one pool and/or datastore: the rules pick each one's host, each VM its own decision and activity. */
export const bulkMigrateSchema = z
  .object({
    vmIds: bulkPowerSchema.shape.vmIds,
    poolId: z.preprocess(blank, id.optional()),
    datastoreId: z.preprocess(blank, id.optional()),
    overrideReason,
  })
  .refine((b) => b.poolId !== undefined || b.datastoreId !== undefined, { message: "v.migrateTarget", path: ["_"] });
export type BulkMigrateInput = z.infer<typeof bulkMigrateSchema>;
