// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { ActionResult } from "@/lib/actions/result";
import { renderInConsole } from "@/test/render-in-console";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { VmConfigActions } from "./vm-actions";

// The one client kit as a user meets it: a VM dialog read from the table of specs, the answer of
// its server action shown in place (each refusal with its figures, each field error under its
// field), and an accepted change's activity followed live with a toast saying it started.

const answer = vi.fn<(tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<{ activityId: string }>>>();
const info = vi.fn();
vi.mock("sonner", () => ({ toast: { info: (...a: unknown[]) => info(...a), success: vi.fn(), error: vi.fn() } }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn(), replace: vi.fn() }) }));
vi.mock("@/lib/actions/vms/power-vm", () => ({ powerVmAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/resize-vm", () => ({ resizeVmAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/add-disk", () => ({ addDiskAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/set-tags", () => ({ setTagsAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/create-snapshot", () => ({ createSnapshotAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/delete-snapshot", () => ({ deleteSnapshotAction: (...a: Parameters<typeof answer>) => answer(...a) }));
vi.mock("@/lib/actions/vms/delete-vm", () => ({ deleteVmAction: (...a: Parameters<typeof answer>) => answer(...a) }));

beforeEach(() => {
  answer.mockReset();
  info.mockReset();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const vm = { id: "vm-1", name: "web-01", powerState: "POWERED_ON" as const, cpu: 4, memoryGb: 16, tags: [], busy: false, pool: "pool-a", datastore: "ds-a", maxCpu: 64 };
const can = { power: true, write: true, manage: true };

function openResize() {
  renderInConsole(<VmConfigActions tenantId="t-1" tenantSlug="production" vm={vm} can={can} />);
  fireEvent.click(screen.getByRole("button", { name: "CPU and memory" }));
  return screen.getByRole("dialog", { name: "Change the CPU and memory of web-01" });
}

type Answer = ActionResult<{ activityId: string }>;
const PRESSURE: Answer = {
  ok: false,
  code: "REFUSED",
  formError: "The console refused this change.",
  violations: [{ code: "CPOOL.MEMORY_PRESSURE", severity: "refuse", message: "pool-a would be above its 85 % line.", limit: 979, actual: 1010, unit: "GB", overridable: true }],
};
const PHYSICAL: Answer = {
  ok: false,
  code: "REFUSED",
  formError: "The console refused this change.",
  violations: [{ code: "HOST.PHYSICAL_MEMORY", severity: "refuse", message: "900 GB is more than a host's 768 GB: no override passes a hard limit.", limit: 768, actual: 900, unit: "GB" }],
};
/** The dialog judges what the form holds (the action with `dryRun: true`) before Submit sends it. */
const answerAfterJudging = (judged: Answer | ((input: Record<string, unknown>) => Answer), submitted: Answer) =>
  answer.mockImplementation(async (_t, _p, input) => {
    const i = input as Record<string, unknown>;
    return i.dryRun ? (typeof judged === "function" ? judged(i) : judged) : submitted;
  });

// Rendering a Radix dialog in jsdom on a loaded machine can take seconds: the limit is generous, nothing is timed.
describe("a VM dialog driven by its spec", { timeout: 20_000 }, () => {
  it("sends the spec's input and shows a refusal with each rule's code and figures, offering the reason field when the rule may be overridden", async () => {
    answerAfterJudging({ ok: true, data: { activityId: "" }, warnings: [] }, PRESSURE);
    const dialog = openResize();
    fireEvent.change(within(dialog).getByLabelText("Memory (GB)"), { target: { value: "48" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Apply" }));
    const refused = await within(dialog).findByTestId("violations");
    expect(answer).toHaveBeenCalledWith("t-1", null, { cpu: "4", memoryGb: "48", vmId: "vm-1" });
    expect(refused.textContent).toContain("Refused");
    expect(refused.textContent).toContain("CPOOL.MEMORY_PRESSURE");
    expect(refused.textContent).toContain("limit 979 GB");
    expect(refused.textContent).toContain("would be 1010 GB");
    expect(within(dialog).getByLabelText("Override with a reason")).toBeTruthy();
    expect(info).not.toHaveBeenCalled();
  });

  it("puts each field error under its field, linked to the control", async () => {
    answerAfterJudging({ ok: true, data: { activityId: "" }, warnings: [] }, { ok: false, code: "INVALID", formError: "Check the highlighted fields.", fieldErrors: { cpu: ["At most 64 vCPU on this pool's hosts."] } });
    const dialog = openResize();
    fireEvent.change(within(dialog).getByLabelText("vCPU"), { target: { value: "65" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Apply" }));
    const cpu = within(dialog).getByLabelText("vCPU");
    await waitFor(() => expect(cpu.getAttribute("aria-invalid")).toBe("true"));
    const errorId = cpu.getAttribute("aria-describedby")!.split(" ").find((id) => id.endsWith("-error"))!;
    expect(document.getElementById(errorId)?.textContent).toBe("At most 64 vCPU on this pool's hosts.");
    expect(within(dialog).getByLabelText("Memory (GB)").getAttribute("aria-invalid")).toBeNull();
  });

  it("judges the form before Submit: a hard refusal shows as 'would be refused', with no reason field, and Apply is disabled until the input changes", async () => {
    answerAfterJudging((i) => (i.memoryGb === "900" ? PHYSICAL : { ok: true, data: { activityId: "" }, warnings: [] }), PHYSICAL);
    const dialog = openResize();
    const apply = within(dialog).getByRole("button", { name: "Apply" });
    expect(await within(dialog).findByText("Checked: the rules accept this change.", undefined, { timeout: 5000 })).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText("Memory (GB)"), { target: { value: "900" } });
    const refused = await within(dialog).findByTestId("violations");
    expect(refused.textContent).toContain("Would be refused");
    expect(refused.textContent).toContain("HOST.PHYSICAL_MEMORY");
    expect(answer).toHaveBeenCalledWith("t-1", null, { cpu: "4", memoryGb: "900", vmId: "vm-1", dryRun: true });
    expect(within(dialog).queryByLabelText("Override with a reason")).toBeNull();
    expect(apply).toHaveProperty("disabled", true);
    fireEvent.change(within(dialog).getByLabelText("Memory (GB)"), { target: { value: "32" } });
    await within(dialog).findByText("Checked: the rules accept this change.");
    expect(apply).toHaveProperty("disabled", false);
    // Judging never submitted anything.
    expect(answer.mock.calls.every((c) => (c[2] as { dryRun?: boolean }).dryRun === true)).toBe(true);
  });

  it("offers the reason field when the verdict is an advisory refusal; with a reason, Submit overrides", async () => {
    answerAfterJudging((i) => (i.overrideReason ? { ok: true, data: { activityId: "" }, warnings: PRESSURE.ok ? [] : PRESSURE.violations!.map((v) => ({ ...v, severity: "warn" as const, overridable: undefined })) } : PRESSURE), PRESSURE);
    const dialog = openResize();
    fireEvent.change(within(dialog).getByLabelText("Memory (GB)"), { target: { value: "48" } });
    const reason = await within(dialog).findByLabelText("Override with a reason");
    expect(within(dialog).getByTestId("violations").textContent).toContain("Would be refused");
    fireEvent.change(reason, { target: { value: "Load test this week only" } });
    expect(await within(dialog).findByRole("button", { name: "Override and submit" })).toHaveProperty("disabled", false);
    expect((await within(dialog).findByTestId("violations")).textContent).toContain("Would be accepted with warnings");
  });

  it("the delete dialog keeps Submit disabled until the VM's name is typed back", async () => {
      renderInConsole(<VmConfigActions tenantId="t-1" tenantSlug="production" vm={vm} can={can} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog");
    const submit = within(dialog).getByRole("button", { name: "Delete VM" });
    expect(submit).toHaveProperty("disabled", true);
    fireEvent.change(within(dialog).getByLabelText("Type web-01 to confirm"), { target: { value: "web-01" } });
    expect(submit).toHaveProperty("disabled", false);
  });
});

function Harness({ action }: { action: (prev: unknown, input: unknown) => Promise<ActionResult<{ activityId: string }>> }) {
  const a = useAction(action, { announce: { type: "vm.resize", name: "web-01" } });
  return (
    <>
      <button type="button" onClick={() => a.run({})}>Go</button>
      <ActionResultView result={a.result} accepted="Accepted." progress />
    </>
  );
}

describe("an accepted change that started an activity", () => {
  it("says it started, then shows the activity's live progress from the tracker", async () => {
    const activity = { id: "act-1", type: "vm.resize", state: "RUNNING", progress: 40, step: "hot_add", stepLabel: { en: "Hot-adding memory", fr: "Ajout de mémoire à chaud" }, concernedItems: [{ type: "vm", id: "vm-1", name: "web-01" }] };
    const fetch = vi.fn(async () => new Response(JSON.stringify({ items: [activity] }), { headers: { "content-type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    renderInConsole(<Harness action={async () => ({ ok: true, data: { activityId: "act-1" }, warnings: [] })} />);
    fireEvent.click(screen.getByRole("button", { name: "Go" }));
    expect(await screen.findByRole("status")).toHaveProperty("textContent", "Accepted.");
    expect(info).toHaveBeenCalledWith("Change CPU and memory of web-01 started.");
    const bar = await screen.findByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("40");
    expect(screen.getByTestId("activity-progress").textContent).toContain("Hot-adding memory");
    expect(String(fetch.mock.calls[0]![0 as never])).toContain("/api/console/production/activities?ids=act-1");
  });
});
