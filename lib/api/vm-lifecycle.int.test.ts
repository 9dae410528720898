import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { startWorker, type WorkerHandle } from "@/lib/jobs/worker";
import { call } from "@/test/api/fixture";

// End to end: a token made with the CLI drives a VM from creation to encrypted through
// the API alone, every response matching the contract. The activity worker runs as in the app.

const run = promisify(execFile);
let worker: WorkerHandle;
const t = { slug: "", poolId: "", datastoreId: "", policyId: "", email: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id, keyProvider: true, advancedProtection: true });
  const { pool } = await createPool(db(), { tenantId: tenant.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: tenant.id });
  const policy = await createBackupPolicy(db(), { tenantId: tenant.id });
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId: tenant.id });
  Object.assign(t, { slug: tenant.slug, poolId: pool.id, datastoreId: ds.id, policyId: policy.id, email: user.email });
  worker = await startWorker({ concurrency: 2, sweepSeconds: 1 });
});
afterAll(async () => worker?.stop());

async function completed(token: string, res: Response): Promise<{ id: string; resultId: string | null }> {
  expect(res.status, await res.clone().text()).toBe(201);
  const { activityId } = (await res.json()) as { activityId: string };
  expect(res.headers.get("location")).toBe(`/api/v1/activities/${activityId}`);
  for (let i = 0; i < 200; i++) {
    const a = await call("activities/[id]", "GET", { token, params: { id: activityId } });
    expect(a.status).toBe(200);
    const body = (await a.json()) as { id: string; state: string; resultId: string | null; failureReason?: string };
    if (body.state === "COMPLETED") return body;
    if (body.state === "FAILED") throw new Error(`activity failed: ${body.failureReason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("activity did not end");
}

describe("a CLI token drives a VM from creation to encrypted through the API", () => {
  it("create → power off → encrypt, each an activity that completes", async () => {
    const cli = await run("node", ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "token", "create", "--email", t.email, "--tenant", t.slug, "--permissions", "compute:read,compute:write,compute:management,vm:power,activity:read", "--days", "7"], { env: process.env });
    const token = cli.stdout.trim();

    const create = await call("compute/vms", "POST", { token, body: { name: "api-vm", templateCode: "debian-12", poolId: t.poolId, datastoreId: t.datastoreId, cpu: 2, memoryGb: 4, diskGib: 40, backupPolicyId: t.policyId, powerOn: true } });
    const made = await completed(token, create);
    const vmId = made.resultId!;
    expect(vmId).toBeTruthy();
    const vm = await call("compute/vms/[id]", "GET", { token, params: { id: vmId } });
    expect(await vm.json()).toMatchObject({ id: vmId, name: "api-vm", powerState: "POWERED_ON", encryption: "NONE" });

    // Encrypting a running VM is refused by the rule, with its code.
    const refused = await call("compute/vms/[id]/encryption", "POST", { token, params: { id: vmId }, body: {} });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: "ENCRYPTION.VM_POWERED_ON", violations: [expect.objectContaining({ code: "ENCRYPTION.VM_POWERED_ON", message: expect.any(String) })] });

    await completed(token, await call("compute/vms/[id]/power", "POST", { token, params: { id: vmId }, body: { action: "off" } }));
    await completed(token, await call("compute/vms/[id]/encryption", "POST", { token, params: { id: vmId }, body: {} }));

    const after = await call("compute/vms/[id]", "GET", { token, params: { id: vmId } });
    expect(await after.json()).toMatchObject({ id: vmId, powerState: "POWERED_OFF", encryption: "ENCRYPTED" });
    const list = await call("compute/vms", "GET", { token, query: { limit: "1" } });
    expect(await list.json()).toMatchObject({ items: [expect.objectContaining({ id: vmId })], nextCursor: null });
  }, 120_000);
});
