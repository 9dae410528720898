import "server-only";
import { attachDiskSchema, detachDiskSchema, copyPublicTemplateSchema, deleteCatalogItemSchema, exportVmTemplateSchema, mountIsoSchema, registerIsoSchema, unmountIsoSchema } from "@/lib/validation/catalog";
import { copyPublicTemplate, deleteCatalogItem, exportVmTemplate, mountIso, registerIso, unmountIso } from "@/lib/services/catalog";
import { attachDisk, detachDisk } from "@/lib/services/detached-disks";
import { tenantUseCase } from "./define";

// The tenant's catalogue (templates and ISO images), a VM's CD/DVD drive, a VM exported as a
// template. Catalogue items change at once (no activity); the drive and the export are activities.

const item = { type: "catalog_item", key: "itemId" };
const vm = { type: "vm", key: "vmId" };
const VM = { id: "vmId" };

export const CATALOG_USE_CASES = {
  copyPublicTemplate: tenantUseCase({
    summary: "Copy one of the provider's public templates into the tenant's catalogue (its OS, CPU, memory and disk as defaults)",
    tag: "compute",
    permission: "compute:write",
    schema: copyPublicTemplateSchema,
    resource: { type: "catalog_item" },
    audit: ["catalog.template_copy"],
    activity: [],
    run: copyPublicTemplate,
    route: { method: "POST", path: "/compute/catalog/templates", status: 201 },
  }),
  registerIso: tenantUseCase({
    summary: "Register an ISO image in the tenant's catalogue: its name, size and SHA-256 only (simulated: no content is transferred)",
    tag: "compute",
    permission: "compute:write",
    schema: registerIsoSchema,
    resource: { type: "catalog_item" },
    audit: ["catalog.iso_register"],
    activity: [],
    run: registerIso,
    route: { method: "POST", path: "/compute/catalog/isos", status: 201 },
  }),
  deleteCatalogItem: tenantUseCase({
    summary: "Delete an item of the tenant's catalogue (refused while an ISO is mounted in a VM)",
    tag: "compute",
    permission: "compute:write",
    schema: deleteCatalogItemSchema,
    resource: item,
    audit: ["catalog.item_delete"],
    activity: [],
    run: deleteCatalogItem,
    route: { method: "DELETE", path: "/compute/catalog/items/{id}", params: { id: "itemId" } },
  }),
  mountIso: tenantUseCase({
    summary: "Mount an ISO of the tenant's catalogue in a VM's CD/DVD drive (one drive per VM; it must be empty)",
    tag: "compute",
    permission: "compute:write",
    schema: mountIsoSchema,
    resource: vm,
    audit: ["vm.iso_mount"],
    activity: ["vm.iso_mount"],
    run: mountIso,
    route: { method: "POST", path: "/compute/vms/{id}/cd-drive", params: VM },
  }),
  unmountIso: tenantUseCase({
    summary: "Eject the ISO from a VM's CD/DVD drive",
    tag: "compute",
    permission: "compute:write",
    schema: unmountIsoSchema,
    resource: vm,
    audit: ["vm.iso_unmount"],
    activity: ["vm.iso_unmount"],
    run: unmountIso,
    route: { method: "DELETE", path: "/compute/vms/{id}/cd-drive", params: VM },
  }),
  exportVmTemplate: tenantUseCase({
    summary: "Export a powered-off VM as a template of the tenant's catalogue (refused when encrypted: CATALOG.ENCRYPTED_EXPORT)",
    tag: "compute",
    permission: "compute:write",
    schema: exportVmTemplateSchema,
    resource: vm,
    audit: ["vm.template_export"],
    activity: ["vm.template_export"],
    run: exportVmTemplate,
    route: { method: "POST", path: "/compute/vms/{id}/export-template", params: VM },
  }),
  // ── disks without a VM ──
  detachDisk: tenantUseCase({
    summary: "Detach a VM's disk (not its system disk): it stays on its datastore, with no VM, attachable to a VM of that datastore",
    tag: "compute",
    permission: "compute:write",
    schema: detachDiskSchema,
    resource: vm,
    audit: ["vm.disk_detach"],
    activity: ["vm.disk_detach"],
    run: detachDisk,
    route: { method: "POST", path: "/compute/vms/{id}/disks/{did}/detach", params: { id: "vmId", did: "diskId" } },
  }),
  attachDisk: tenantUseCase({
    summary: "Attach a detached disk of the VM's datastore to the VM, on a new controller of the disk's type (VM.MAX_CONTROLLERS)",
    tag: "compute",
    permission: "compute:write",
    schema: attachDiskSchema,
    resource: vm,
    audit: ["vm.disk_attach"],
    activity: ["vm.disk_attach"],
    run: attachDisk,
    route: { method: "POST", path: "/compute/vms/{id}/disks/attach", params: VM },
  }),
};
