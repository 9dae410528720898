import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createVmSchema } from "@/lib/validation/vms";
import { memberContext, tenantForVms } from "@/test/integration/context";
import { ed25519PublicKey } from "@/test/ssh-key";
import { copyPublicTemplate, deleteCatalogItem, exportVmTemplate, listCatalog, mountIso, registerIso, unmountIso, vmCatalogSide } from "./catalog";
import { createVm as createVmService, getVm } from "./vms";

// Tenant a: a pool, a datastore, a policy, a stopped VM "web" and a stopped encrypted VM "vault".
// Tenant b: its own ISO and VM, which a never reaches.
const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, pool: "", ds: "", policy: "", web: "", vault: "", theirIso: "", theirVm: "" };
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

beforeAll(async () => {
  const t = await tenantForVms();
  Object.assign(s, { a: t.ctx, pool: t.pool, ds: t.ds, policy: t.policy });
  s.web = (await createVm(db(), { tenantId: s.a.tenant.id, poolId: s.pool, datastoreId: s.ds, name: "web", cpu: 4, memoryGb: 8 })).id;
  s.vault = (await createVm(db(), { tenantId: s.a.tenant.id, poolId: s.pool, datastoreId: s.ds, name: "vault", encryption: "ENCRYPTED" })).id;
  const org = await createOrganization(db());
  const b = await createTenant(db(), { organizationId: org.id });
  s.b = await memberContext(b.id);
  s.theirIso = (await db().catalogItem.create({ data: { tenantId: b.id, kind: "ISO", name: "secret.iso", source: "upload", sizeBytes: 1n, sha256: SHA } })).id;
  const { pool } = await createPool(db(), { tenantId: b.id });
  const ds = await createDatastore(db(), { tenantId: b.id });
  s.theirVm = (await createVm(db(), { tenantId: b.id, poolId: pool.id, datastoreId: ds.id })).id;
});

afterEach(() => setInfraFaults([]));

describe("the tenant's catalogue", () => {
  it("copies a public template with its OS, CPU, memory and disk as defaults, once per name, audited", async () => {
    const r = await copyPublicTemplate(s.a, { templateCode: "rocky-9", name: "rocky-base" });
    expect(r.ok).toBe(true);
    const items = await listCatalog(s.a);
    expect(items.find((i) => i.name === "rocky-base")).toMatchObject({ kind: "TEMPLATE", templateCode: "rocky-9", osLabel: "Rocky Linux 9", cpu: 2, memoryGb: 8, diskGib: 30, source: "public" });
    await expect(copyPublicTemplate(s.a, { templateCode: "debian-12", name: "rocky-base" })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "catalog.template_copy" } })).toBe(1);
    // Tenant b sees none of it.
    expect((await listCatalog(s.b)).map((i) => i.name)).toEqual(["secret.iso"]);
  });

  it("registers an ISO's metadata only, and says so in the audit trail", async () => {
    const r = await registerIso(s.a, { name: "tools.iso", sizeBytes: 734_003_200, sha256: SHA });
    expect(r.ok).toBe(true);
    expect((await listCatalog(s.a)).find((i) => i.name === "tools.iso")).toMatchObject({ kind: "ISO", sizeBytes: 734_003_200, sha256: SHA, source: "upload" });
    const row = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "catalog.iso_register" } });
    expect(row.details).toMatchObject({ after: { contentTransferred: false, sha256: SHA } });
  });

  it("does not find another tenant's item, to delete or to mount", async () => {
    await expect(deleteCatalogItem(s.a, { itemId: s.theirIso })).rejects.toBeInstanceOf(NotFoundError);
    await expect(mountIso(s.a, { vmId: s.web, itemId: s.theirIso })).rejects.toBeInstanceOf(NotFoundError);
    await expect(mountIso(s.a, { vmId: s.theirVm, itemId: s.theirIso })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().catalogItem.count({ where: { id: s.theirIso } })).toBe(1);
  });
});

describe("a VM's CD/DVD drive", () => {
  it("mounts an ISO (an activity), refuses a second one and the deletion of the mounted ISO, then unmounts it", async () => {
    const iso = await registerIso(s.a, { name: "rescue.iso", sizeBytes: 1024, sha256: SHA });
    if (!iso.ok) throw new Error("refused");
    const m = await mountIso(s.a, { vmId: s.web, itemId: iso.value.itemId });
    if (!m.ok) throw new Error("refused");
    expect(await runActivity(m.value.activityId)).toBe("completed");
    expect((await vmCatalogSide(s.a, s.web)).drive).toMatchObject({ label: "CD/DVD drive 1", iso: { name: "rescue.iso", sizeBytes: 1024 } });
    await expect(mountIso(s.a, { vmId: s.web, itemId: iso.value.itemId })).rejects.toThrow(/already holds rescue.iso/);
    await expect(deleteCatalogItem(s.a, { itemId: iso.value.itemId })).rejects.toBeInstanceOf(ConflictError);

    const u = await unmountIso(s.a, { vmId: s.web });
    if (!u.ok) throw new Error("refused");
    expect(await runActivity(u.value.activityId)).toBe("completed");
    expect((await vmCatalogSide(s.a, s.web)).drive.iso).toBeNull();
    await expect(unmountIso(s.a, { vmId: s.web })).rejects.toThrow(/empty/);
    expect((await deleteCatalogItem(s.a, { itemId: iso.value.itemId })).ok).toBe(true);
    expect(await db().activity.count({ where: { tenantId: s.a.tenant.id, resourceId: s.web, type: { in: ["vm.iso_mount", "vm.iso_unmount"] }, state: "COMPLETED" } })).toBe(2);
  });

  it("empties the drive again when the mount fails on the infrastructure", async () => {
    const iso = await registerIso(s.a, { name: "broken.iso", sizeBytes: 1024, sha256: SHA });
    if (!iso.ok) throw new Error("refused");
    setInfraFaults([{ type: "vm.iso_mount", step: "*" }]);
    const m = await mountIso(s.a, { vmId: s.web, itemId: iso.value.itemId });
    if (!m.ok) throw new Error("refused");
    expect(await runActivity(m.value.activityId)).toBe("failed");
    expect((await vmCatalogSide(s.a, s.web)).drive.iso).toBeNull();
  });

  it("takes only an ISO, not a template", async () => {
    const t = await copyPublicTemplate(s.a, { templateCode: "debian-12", name: "not-an-iso" });
    if (!t.ok) throw new Error("refused");
    await expect(mountIso(s.a, { vmId: s.web, itemId: t.value.itemId })).rejects.toThrow(/not an ISO/);
  });
});

describe("exporting a VM as a template", () => {
  it("is refused for an encrypted VM with CATALOG.ENCRYPTED_EXPORT, audited, nothing added", async () => {
    const r = await exportVmTemplate(s.a, { vmId: s.vault, name: "vault-tpl" });
    expect(codes(r)).toEqual(["CATALOG.ENCRYPTED_EXPORT"]);
    expect(await db().catalogItem.count({ where: { tenantId: s.a.tenant.id, name: "vault-tpl" } })).toBe(0);
    const row = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "vm.template_export" } });
    expect(row.outcome).toBe("REFUSED");
  });

  it("copies a stopped VM's OS, CPU, memory and system disk into a template", async () => {
    const r = await exportVmTemplate(s.a, { vmId: s.web, name: "web-golden" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const item = (await listCatalog(s.a)).find((i) => i.name === "web-golden");
    expect(item).toMatchObject({ kind: "TEMPLATE", templateCode: "debian-12", cpu: 4, memoryGb: 8, source: "vm", sourceVmName: "web" });
  });

  it("is refused for a running VM (CATALOG.EXPORT_POWERED_ON)", async () => {
    const running = await createVm(db(), { tenantId: s.a.tenant.id, poolId: s.pool, datastoreId: s.ds, name: "running", powerState: "POWERED_ON" });
    expect(codes(await exportVmTemplate(s.a, { vmId: running.id, name: "running-tpl" }))).toEqual(["CATALOG.EXPORT_POWERED_ON"]);
  });
});

describe("deploying from a catalogue item, with cloud-init", () => {
  it("creates the VM with the item's OS, and keeps the user data and SSH keys, shown by fingerprint", async () => {
    const t = await copyPublicTemplate(s.a, { templateCode: "ubuntu-24.04", name: "ubuntu-web" });
    if (!t.ok) throw new Error("refused");
    const key = ed25519PublicKey("ops@bastion");
    // The form's template select says Debian: the catalogue item decides the OS.
    const input = createVmSchema.parse({
      name: "from-catalog", templateCode: "debian-12", catalogItemId: t.value.itemId, poolId: s.pool, datastoreId: s.ds, cpu: 2, memoryGb: 4, diskGib: 25, backupPolicyId: s.policy, powerOn: "false",
      userData: "#cloud-config\npackages: [nginx]\n", sshKeys: `${key.line}\n`,
    });
    const r = await createVmService(s.a, input);
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const vm = await getVm(s.a, r.value.vmId);
    expect(vm).toMatchObject({ guestOs: "Ubuntu 24.04 LTS" });
    const side = await vmCatalogSide(s.a, r.value.vmId);
    expect(side.cloudInit).toEqual({ userData: "#cloud-config\npackages: [nginx]\n", keys: [{ type: "ssh-ed25519", fingerprint: key.fingerprint, comment: "ops@bastion" }] });
  });

  it("does not deploy from another tenant's item, nor from an ISO", async () => {
    const base = { name: "nope", templateCode: "debian-12", poolId: s.pool, datastoreId: s.ds, cpu: 1, memoryGb: 1, diskGib: 20, powerOn: "false" };
    await expect(createVmService(s.a, createVmSchema.parse({ ...base, catalogItemId: s.theirIso }))).rejects.toBeInstanceOf(NotFoundError);
    const iso = await registerIso(s.a, { name: "boot.iso", sizeBytes: 10, sha256: SHA });
    if (!iso.ok) throw new Error("refused");
    await expect(createVmService(s.a, createVmSchema.parse({ ...base, catalogItemId: iso.value.itemId }))).rejects.toBeInstanceOf(InvalidInputError);
  });
});
