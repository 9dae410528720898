import "server-only";
import { createHash } from "node:crypto";
import { VM_TEMPLATES, templateOf } from "@/lib/catalog/templates";
import type { Tx } from "@/lib/db/client";
import { catalogNameTaken, findCatalogItem, getVmCatalogSide, listCatalogItems } from "@/lib/db/catalog";
import { checkTemplateExport } from "@/lib/domain/catalog-items";
import { decide, msg, type Decision } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { parseSshPublicKey, type CopyPublicTemplateInput, type DeleteCatalogItemInput, type ExportVmTemplateInput, type MountIsoInput, type RegisterIsoInput, type UnmountIsoInput } from "@/lib/validation/catalog";
import type { Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { audit } from "./audit";
import { lockName, transaction } from "./tx";
import { changeVm } from "./vms";

// The tenant's catalogue: templates (copied from the provider's public ones, or exported from one of
// its VMs) and ISO images (metadata only: the content is simulated, nothing is transferred); an ISO
// mounted in a VM's CD/DVD drive. Copying, registering and deleting an item are immediate; mounting,
// ejecting and exporting are activities on the VM.

export type CatalogItemView = {
  id: string;
  kind: "TEMPLATE" | "ISO";
  name: string;
  templateCode: string | null;
  osLabel: string | null;
  cpu: number | null;
  memoryGb: number | null;
  diskGib: number | null;
  source: string;
  sourceVmName: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: string;
  mountedIn: { id: string; name: string }[];
};

type ItemRow = NonNullable<Awaited<ReturnType<typeof findCatalogItem>>>;

function toView(r: ItemRow): CatalogItemView {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    templateCode: r.templateCode,
    osLabel: r.templateCode ? (templateOf(r.templateCode)?.label ?? r.templateCode) : null,
    cpu: r.cpu,
    memoryGb: r.memoryGb,
    diskGib: r.diskGib,
    source: r.source,
    sourceVmName: r.sourceVmName,
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    mountedIn: r.mounts.map((m) => m.vm),
  };
}

/** The provider's public templates: the very list VM creation uses (lib/catalog/templates.ts). */
export function publicTemplates() {
  return VM_TEMPLATES.map((t) => ({ code: t.code, label: t.label, family: t.family, cpu: t.defaultCpu, memoryGb: t.defaultMemoryGb, diskGib: t.minDiskGib }));
}

export async function listCatalog(ctx: TenantContext): Promise<CatalogItemView[]> {
  assertPermission(ctx, "compute:read");
  return (await listCatalogItems(ctx.tenant.id)).map(toView);
}

function nameTaken(name: string): never {
  throw new InvalidInputError({
    name: msg(
      () => `The catalogue of this tenant already has an item named ${name}. Choose another name.`,
      () => `Le catalogue de ce tenant a déjà un élément nommé ${name}. Choisissez un autre nom.`,
    ),
  });
}

/** Two creations of one name at the same instant queue on the name; the second sees the first. */
async function claimName(tx: Tx, tenantId: string, name: string) {
  await lockName(tx, tenantId, `catalog:${name}`);
  if (await catalogNameTaken(tx, tenantId, name)) nameTaken(name);
}

export async function copyPublicTemplate(ctx: TenantContext, input: CopyPublicTemplateInput): Promise<Decision<{ itemId: string }>> {
  assertPermission(ctx, "compute:write");
  const t = templateOf(input.templateCode);
  if (!t) throw new NotFoundError("template", input.templateCode);
  const name = input.name ?? t.code;
  return transaction(async (tx) => {
    await claimName(tx, ctx.tenant.id, name);
    const item = await tx.catalogItem.create({
      data: { tenantId: ctx.tenant.id, kind: "TEMPLATE", name, templateCode: t.code, cpu: t.defaultCpu, memoryGb: t.defaultMemoryGb, diskGib: t.minDiskGib, source: "public" },
      select: { id: true },
    });
    await audit(tx, ctx, { action: "catalog.template_copy", target: { type: "catalog_item", id: item.id, name }, after: { templateCode: t.code, cpu: t.defaultCpu, memoryGb: t.defaultMemoryGb, diskGib: t.minDiskGib } });
    return decide([], { itemId: item.id });
  });
}

export async function registerIso(ctx: TenantContext, input: RegisterIsoInput): Promise<Decision<{ itemId: string }>> {
  assertPermission(ctx, "compute:write");
  return transaction(async (tx) => {
    await claimName(tx, ctx.tenant.id, input.name);
    const item = await tx.catalogItem.create({
      data: { tenantId: ctx.tenant.id, kind: "ISO", name: input.name, source: "upload", sizeBytes: BigInt(input.sizeBytes), sha256: input.sha256 },
      select: { id: true },
    });
    await audit(tx, ctx, { action: "catalog.iso_register", target: { type: "catalog_item", id: item.id, name: input.name }, after: { sizeBytes: input.sizeBytes, sha256: input.sha256, contentTransferred: false } });
    return decide([], { itemId: item.id });
  });
}

export async function deleteCatalogItem(ctx: TenantContext, input: DeleteCatalogItemInput): Promise<Decision<undefined>> {
  assertPermission(ctx, "compute:write");
  return transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "CatalogItem" WHERE id = ${input.itemId} AND "tenantId" = ${ctx.tenant.id} FOR UPDATE`;
    const item = await findCatalogItem(tx, ctx.tenant.id, input.itemId);
    if (!item) throw new NotFoundError("catalogue item", input.itemId);
    if (item.mounts.length > 0) {
      const vms = item.mounts.map((m) => m.vm.name).join(", ");
      throw new ConflictError({
        en: `${item.name} is mounted in the CD/DVD drive of ${vms}. Unmount it first.`,
        fr: `${item.name} est montée dans le lecteur CD/DVD de ${vms}. Démontez-la d’abord.`,
      });
    }
    await tx.catalogItem.delete({ where: { id: item.id } });
    await audit(tx, ctx, { action: "catalog.item_delete", target: { type: "catalog_item", id: item.id, name: item.name }, before: { kind: item.kind, templateCode: item.templateCode, sha256: item.sha256 } });
    return decide([], undefined);
  });
}

// ── a VM's CD/DVD drive ──

/** A VM has one CD/DVD drive (this simulation's choice: the provider's console shows one per VM). */
export const CD_DRIVE_LABEL = "CD/DVD drive 1";

export async function mountIso(ctx: TenantContext, input: MountIsoInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.iso_mount", activity: "vm.iso_mount" }, async (tx, vm) => {
    const item = await findCatalogItem(tx, ctx.tenant.id, input.itemId);
    if (!item) throw new NotFoundError("catalogue item", input.itemId);
    if (item.kind !== "ISO") {
      throw new InvalidInputError({ itemId: msg(() => `${item.name} is a template, not an ISO image: only an ISO goes in a CD/DVD drive.`, () => `${item.name} est un modèle, pas une image ISO : seule une ISO se monte dans un lecteur CD/DVD.`) });
    }
    const held = await tx.vmIsoMount.findFirst({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { item: { select: { name: true } } } });
    if (held) {
      throw new InvalidInputError({
        itemId: msg(
          () => `The ${CD_DRIVE_LABEL} of ${vm.name} already holds ${held.item.name}. Unmount it first.`,
          () => `Le lecteur CD/DVD 1 de ${vm.name} contient déjà ${held.item.name}. Démontez-la d’abord.`,
        ),
      });
    }
    const mount = await tx.vmIsoMount.create({ data: { tenantId: ctx.tenant.id, vmId: vm.id, itemId: item.id }, select: { id: true } });
    return decide([], { after: { drive: CD_DRIVE_LABEL, iso: item.name, itemId: item.id }, payload: { mountId: mount.id, itemId: item.id }, also: [{ type: "catalog_item", id: item.id, name: item.name }] });
  });
}

export async function unmountIso(ctx: TenantContext, input: UnmountIsoInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.iso_unmount", activity: "vm.iso_unmount" }, async (tx, vm) => {
    const held = await tx.vmIsoMount.findFirst({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { id: true, item: { select: { id: true, name: true } } } });
    if (!held) {
      throw new InvalidInputError({ _: msg(() => `The ${CD_DRIVE_LABEL} of ${vm.name} is empty: nothing to unmount.`, () => `Le lecteur CD/DVD 1 de ${vm.name} est vide : rien à démonter.`) });
    }
    return decide([], { before: { drive: CD_DRIVE_LABEL, iso: held.item.name, itemId: held.item.id }, payload: { mountId: held.id, itemId: held.item.id }, also: [{ type: "catalog_item", id: held.item.id, name: held.item.name }] });
  });
}

// ── export a VM as a template ──

export async function exportVmTemplate(ctx: TenantContext, input: ExportVmTemplateInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.template_export", activity: "vm.template_export" }, async (tx, vm) => {
    const d = checkTemplateExport({ id: vm.id, name: vm.name, powerState: vm.powerState, encryption: vm.encryption });
    if (!d.ok) return d;
    await claimName(tx, ctx.tenant.id, input.name);
    const source = await tx.vm.findFirst({
      where: { id: vm.id, tenantId: ctx.tenant.id },
      select: { templateCode: true, guestOs: true, disks: { select: { sizeGib: true }, orderBy: { createdAt: "asc" }, take: 1 } },
    });
    // A VM seeded without an image code is known by its OS's label.
    const t = templateOf(source?.templateCode ?? "") ?? VM_TEMPLATES.find((x) => x.label === source?.guestOs);
    if (!t) {
      throw new InvalidInputError({ _: msg(() => `${vm.name} runs ${source?.guestOs ?? "an OS"} that no image of the catalogue deploys; it cannot become a template.`, () => `${vm.name} exécute ${source?.guestOs ?? "un système"} qu’aucune image du catalogue ne déploie ; elle ne peut pas devenir un modèle.`) });
    }
    const diskGib = Math.max(source?.disks[0]?.sizeGib ?? t.minDiskGib, t.minDiskGib);
    const item = await tx.catalogItem.create({
      data: { tenantId: ctx.tenant.id, kind: "TEMPLATE", name: input.name, templateCode: t.code, cpu: vm.cpu, memoryGb: vm.memoryGb, diskGib, source: "vm", sourceVmName: vm.name },
      select: { id: true },
    });
    return decide(d.warnings, {
      after: { template: input.name, templateCode: t.code, cpu: vm.cpu, memoryGb: vm.memoryGb, diskGib },
      payload: { itemId: item.id },
      also: [{ type: "catalog_item", id: item.id, name: input.name }],
    });
  });
}

// ── what the VM page shows ──

/** OpenSSH's fingerprint of a public key: SHA256 of its blob, base64 without padding. */
export function sshFingerprint(line: string): { type: string; fingerprint: string; comment: string } | null {
  const k = parseSshPublicKey(line);
  if (!k) return null;
  return { type: k.type, fingerprint: `SHA256:${createHash("sha256").update(k.blob).digest("base64").replace(/=+$/, "")}`, comment: k.comment };
}

export type VmCatalogView = {
  drive: { label: string; iso: { id: string; name: string; sizeBytes: number | null } | null };
  cloudInit: { userData: string | null; keys: { type: string; fingerprint: string; comment: string }[] } | null;
};

export async function vmCatalogSide(ctx: TenantContext, vmId: string): Promise<VmCatalogView> {
  assertPermission(ctx, "compute:read");
  const { mount, cloudInit } = await getVmCatalogSide(ctx.tenant.id, vmId);
  return {
    drive: { label: CD_DRIVE_LABEL, iso: mount ? { id: mount.item.id, name: mount.item.name, sizeBytes: mount.item.sizeBytes === null ? null : Number(mount.item.sizeBytes) } : null },
    cloudInit: cloudInit ? { userData: cloudInit.userData, keys: cloudInit.sshKeys.flatMap((k) => sshFingerprint(k) ?? []) } : null,
  };
}
