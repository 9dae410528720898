import { describe, it, expect, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser } from "@/lib/db/factories";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { memberContext } from "@/test/integration/context";
import { signInAs, signOut } from "@/test/integration/session";
import { saveListViewAction } from "@/lib/actions/views/save-list-view";
import { deleteListViewAction } from "@/lib/actions/views/delete-list-view";
import { canonicalQuery, deleteListView, listListViews, saveListView } from "./list-views";

afterEach(() => signOut());

async function twoMembers() {
  const org = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id });
  const [alice, bob] = [await createUser(db(), { cost: 4 }), await createUser(db(), { cost: 4 })];
  return { tenant, alice, bob, a: await memberContext(tenant.id, undefined, alice), b: await memberContext(tenant.id, undefined, bob) };
}

describe("saved views of a list", () => {
  it("saves the list's query under a name (no page number, defaults left out), lists it, replaces it under the same name, and audits each save", async () => {
    const { a, tenant } = await twoMembers();
    const saved = await saveListView(a, { list: "vms", name: "Web, newest", query: "?q=web&sort=createdAt&dir=desc&page=4&cols=tags,name,createdAt&pageSize=25&bogus=1" });
    expect(saved.ok).toBe(true);
    // The columns in the order asked, page and the default page size dropped, an unknown parameter too.
    expect((await listListViews(a, "vms")).map((v) => [v.name, v.query])).toEqual([["Web, newest", "q=web&cols=tags%2Cname%2CcreatedAt&sort=createdAt&dir=desc"]]);
    await saveListView(a, { list: "vms", name: "Web, newest", query: "q=db" });
    expect((await listListViews(a, "vms")).map((v) => v.query)).toEqual(["q=db"]);
    // The audit log's views are another list.
    expect(await listListViews(a, "audit")).toEqual([]);
    expect(await db().auditEvent.count({ where: { tenantId: tenant.id, action: "view.save" } })).toBe(2);
  });

  it("shows nobody else a person's views, and another person's view is not found (delete, through the console action too)", async () => {
    const { a, b, alice, bob } = await twoMembers();
    const r = await saveListView(a, { list: "audit", name: "Refusals", query: "outcome=REFUSED" });
    if (!r.ok) throw new Error("not saved");
    expect(await listListViews(b, "audit")).toEqual([]);
    await expect(deleteListView(b, { viewId: r.value.id })).rejects.toBeInstanceOf(NotFoundError);
    signInAs(bob);
    expect(await deleteListViewAction(b.tenant.id, null, { viewId: r.value.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await listListViews(a, "audit")).toHaveLength(1);
    signInAs(alice);
    expect(await deleteListViewAction(a.tenant.id, null, { viewId: r.value.id })).toMatchObject({ ok: true });
    expect(await listListViews(a, "audit")).toEqual([]);
  });

  it("is not found from another tenant, even by its owner", async () => {
    const { a, alice } = await twoMembers();
    const other = await createTenant(db(), { organizationId: a.tenant.organizationId });
    const elsewhere = await memberContext(other.id, undefined, alice);
    const r = await saveListView(a, { list: "vms", name: "Mine", query: "" });
    if (!r.ok) throw new Error("not saved");
    expect(await listListViews(elsewhere, "vms")).toEqual([]);
    await expect(deleteListView(elsewhere, { viewId: r.value.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("needs the list's own read permission to save a view of it, and says which", async () => {
    const org = await createOrganization(db());
    const tenant = await createTenant(db(), { organizationId: org.id });
    const user = await createUser(db(), { cost: 4 });
    const ctx = await memberContext(tenant.id, ["compute:read"], user);
    expect((await saveListView(ctx, { list: "vms", name: "ok", query: "" })).ok).toBe(true);
    await expect(saveListView(ctx, { list: "audit", name: "no", query: "" })).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.permission === "audit:read");
    signInAs(user);
    expect(await saveListViewAction(tenant.id, null, { list: "vms", name: "", query: "" })).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("keeps a view's query in the list's words", () => {
    expect(canonicalQuery("audit", "page=2&cols=details,time&outcome=DENIED&nonsense=x")).toBe("outcome=DENIED&cols=details%2Ctime");
    // The default columns in their default order are no parameter at all.
    expect(canonicalQuery("vms", "cols=name,powerState,pool,memoryGb,cpu,encryption,tags,createdAt")).toBe("");
    // The activities and backup jobs: their own filters kept, a bad state dropped, the row's name put back first.
    expect(canonicalQuery("activities", "state=FAILED&q=web&page=3&cols=state,createdAt&initiator=u1")).toBe("state=FAILED&q=web&initiator=u1&cols=type%2Cstate%2CcreatedAt");
    expect(canonicalQuery("replications", "rpo=breach&kind=NOPE&sort=lastReplicatedAt&cols=status")).toBe("rpo=breach&cols=subject%2Cstatus&sort=lastReplicatedAt");
    expect(canonicalQuery("backupJobs", "state=BOGUS&q=db&cols=startedAt,vm,policy,zones,state,size,finishedAt&sort=startedAt&dir=desc")).toBe("q=db");
  });

  it("keeps the activities' and backup jobs' views apart, each behind its list's read permission, and another person's is not found", async () => {
    const { tenant, alice, a, b } = await twoMembers();
    const acts = await saveListView(a, { list: "activities", name: "Failures", query: "state=FAILED" });
    const jobs = await saveListView(a, { list: "backupJobs", name: "Failed runs", query: "state=FAILED&cols=startedAt,vm,state" });
    if (!acts.ok || !jobs.ok) throw new Error("saved");
    expect((await listListViews(a, "activities")).map((v) => [v.name, v.query])).toEqual([["Failures", "state=FAILED"]]);
    expect((await listListViews(a, "backupJobs")).map((v) => [v.name, v.query])).toEqual([["Failed runs", "state=FAILED&cols=startedAt%2Cvm%2Cstate"]]);
    expect(await listListViews(b, "activities")).toEqual([]);
    await expect(deleteListView(b, { viewId: jobs.value.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listListViews(a, "backupJobs")).toHaveLength(1);

    const reader = await memberContext(tenant.id, ["activity:read"], alice);
    expect((await saveListView(reader, { list: "activities", name: "ok", query: "" })).ok).toBe(true);
    await expect(saveListView(reader, { list: "backupJobs", name: "no", query: "" })).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.permission === "backup:read");
  });
});
