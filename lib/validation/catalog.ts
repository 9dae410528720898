// What the console and the REST API accept for the tenant's catalogue, a VM's CD/DVD drive and
// cloud-init at creation: one schema each, shared by the forms and the server (the check that counts).
import { z } from "zod";
import { load as loadYaml } from "js-yaml";
import { VM_TEMPLATE_CODES } from "@/lib/catalog/templates";

const id = z.string().trim().min(1, "v.required").max(64);
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** An item's name: a file name as an ISO has one ("debian-12.8.0-amd64-netinst.iso"). */
export const CATALOG_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const itemName = z.string().trim().regex(CATALOG_NAME_PATTERN, "v.catalogName");

/** The largest ISO the simulation accepts the metadata of: 64 GiB (a dual-layer DVD is 8.5 GB). */
export const ISO_MAX_BYTES = 64 * 1024 ** 3;

export const copyPublicTemplateSchema = z.object({
  templateCode: z.enum(VM_TEMPLATE_CODES),
  /** Its name in the tenant's catalogue; the template's code when left out. */
  name: z.preprocess(blank, itemName.optional()),
});
export type CopyPublicTemplateInput = z.infer<typeof copyPublicTemplateSchema>;

export const registerIsoSchema = z.object({
  name: itemName,
  sizeBytes: whole(1, ISO_MAX_BYTES),
  sha256: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, "v.sha256"),
});
export type RegisterIsoInput = z.infer<typeof registerIsoSchema>;

export const deleteCatalogItemSchema = z.object({ itemId: id });
export type DeleteCatalogItemInput = z.infer<typeof deleteCatalogItemSchema>;

export const mountIsoSchema = z.object({ vmId: id, itemId: id });
export type MountIsoInput = z.infer<typeof mountIsoSchema>;

export const unmountIsoSchema = z.object({ vmId: id });
export type UnmountIsoInput = z.infer<typeof unmountIsoSchema>;

export const exportVmTemplateSchema = z.object({ vmId: id, name: itemName });
export type ExportVmTemplateInput = z.infer<typeof exportVmTemplateSchema>;

// ── cloud-init ──

/** cloud-init's user data is at most 16 KiB here (the usual limit of a cloud's metadata service). */
export const USER_DATA_MAX_BYTES = 16 * 1024;
export const SSH_KEYS_MAX = 10;
export const SSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"] as const;

const SSH_KEY = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: .*)?$/;

function decodeBase64(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * An OpenSSH public key line ("ssh-ed25519 AAAA… comment"): one of the accepted types, and a blob
 * that really is a key of that type (the blob starts with its own type's name).
 */
export function parseSshPublicKey(line: string): { type: string; blob: Uint8Array; comment: string } | null {
  const m = SSH_KEY.exec(line.trim());
  if (!m || !(SSH_KEY_TYPES as readonly string[]).includes(m[1]!)) return null;
  const blob = decodeBase64(m[2]!);
  if (!blob || blob.length < 4 + m[1]!.length) return null;
  const n = (blob[0]! << 24) | (blob[1]! << 16) | (blob[2]! << 8) | blob[3]!;
  const inner = String.fromCharCode(...blob.slice(4, 4 + n));
  if (n !== m[1]!.length || inner !== m[1]) return null;
  return { type: m[1]!, blob, comment: line.trim().split(/\s+/).slice(2).join(" ") };
}

/** A form sends the keys one a line in a textarea; the API sends a list. */
const sshKeys = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : v),
  z
    .array(z.string().trim().max(16_384).refine((k) => parseSshPublicKey(k) !== null, "v.sshKey"))
    .max(SSH_KEYS_MAX)
    .optional(),
);

/** Whether `text` is YAML whose document is a mapping (what cloud-config is). */
export function isCloudConfigYaml(text: string): boolean {
  try {
    const doc = loadYaml(text);
    return doc !== null && typeof doc === "object" && !Array.isArray(doc);
  } catch {
    return false;
  }
}

const userData = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= USER_DATA_MAX_BYTES, "v.userDataSize")
    .refine(isCloudConfigYaml, "v.userDataYaml")
    .optional(),
);

/** What createVmSchema adds: the catalogue template it deploys from, and cloud-init. */
export const cloudInitFields = {
  catalogItemId: z.preprocess(blank, id.optional()),
  userData,
  sshKeys,
};

// ── disks without a VM ──

/** Detach a VM's disk: it stays on its datastore, attachable to a VM of that datastore. */
export const detachDiskSchema = z.object({ vmId: id, diskId: id });
export type DetachDiskInput = z.infer<typeof detachDiskSchema>;

/** Attach a detached disk of the VM's datastore to the VM (on a new controller of the disk's type). */
export const attachDiskSchema = z.object({ vmId: id, diskId: id });
export type AttachDiskInput = z.infer<typeof attachDiskSchema>;
