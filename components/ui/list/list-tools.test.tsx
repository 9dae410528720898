// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { ActionResult } from "@/lib/actions/result";
import { renderInConsole } from "@/test/render-in-console";
import { ColumnsMenu } from "./columns-menu";
import { SavedViews } from "./saved-views";
import { InstantFilterForm, FILTER_DEBOUNCE_MS } from "./instant-filter-form";

// The list kit's client half as a person uses it: the columns menu (checkboxes, move buttons,
// Escape), saved views (save the URL's state under a name, apply by link, delete), and filters
// that follow typing after a pause. The URL is the state: each assertion reads what was put there.

const replace = vi.fn<(href: string, o?: unknown) => void>();
const refresh = vi.fn();
let search = "";
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace, refresh, push: vi.fn() }),
  usePathname: () => "/t/production/compute/vms",
  useSearchParams: () => new URLSearchParams(search),
}));
vi.mock("sonner", () => ({ toast: { info: vi.fn(), success: vi.fn(), error: vi.fn() } }));
const save = vi.fn<(tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<unknown>>>();
const remove = vi.fn<(tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<unknown>>>();
vi.mock("@/lib/actions/views/save-list-view", () => ({ saveListViewAction: (...a: Parameters<typeof save>) => save(...a) }));
vi.mock("@/lib/actions/views/delete-list-view", () => ({ deleteListViewAction: (...a: Parameters<typeof remove>) => remove(...a) }));

beforeEach(() => {
  replace.mockReset();
  refresh.mockReset();
  save.mockReset();
  remove.mockReset();
  search = "";
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const LABELS = { name: "Name", powerState: "State", pool: "Pool", host: "Host", memoryGb: "Memory (GB)", cpu: "vCPU", datastore: "Datastore", encryption: "Encryption", tags: "Tags", createdAt: "Created" };
const DEFAULTS = ["name", "powerState", "pool", "memoryGb", "cpu", "encryption", "tags", "createdAt"];
const lastCols = () => new URL(`http://x${replace.mock.lastCall![0]}`).searchParams.get("cols");

describe("the columns menu", () => {
  it("opens from its button, lists every column with the shown ones ticked, and the name cannot be hidden", () => {
    renderInConsole(<ColumnsMenu list="vms" listLabel="Virtual machines" shown={DEFAULTS} labels={LABELS} />);
    const button = screen.getByRole("button", { name: "Columns" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const boxes = screen.getAllByRole("checkbox");
    expect(boxes).toHaveLength(10);
    expect(boxes.filter((b) => (b as HTMLInputElement).checked)).toHaveLength(8);
    expect((screen.getByRole("checkbox", { name: "Show Name" }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Show Host" }) as HTMLInputElement).checked).toBe(false);
  });

  it("hides a column, shows another and moves one, each time in the URL's cols (the page number dropped)", () => {
    search = "q=web&page=3";
    renderInConsole(<ColumnsMenu list="vms" listLabel="Virtual machines" shown={DEFAULTS} labels={LABELS} />);
    fireEvent.click(screen.getByRole("button", { name: "Columns" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Show Pool" }));
    expect(lastCols()).toBe("name,powerState,memoryGb,cpu,encryption,tags,createdAt");
    expect(replace.mock.lastCall![0]).toMatch(/^\/t\/production\/compute\/vms\?q=web&cols=/);
    expect(replace.mock.lastCall![0]).not.toContain("page=");
    fireEvent.click(screen.getByRole("checkbox", { name: "Show Host" }));
    expect(lastCols()).toBe("name,powerState,memoryGb,cpu,encryption,tags,createdAt,host");
    fireEvent.click(screen.getByRole("button", { name: "Move Created up" }));
    expect(lastCols()).toBe("name,powerState,memoryGb,cpu,encryption,createdAt,tags,host");
    // The first column cannot go further up.
    expect((screen.getByRole("button", { name: "Move Name up" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("goes back to the default columns with no cols parameter at all", () => {
    search = "cols=name,tags";
    renderInConsole(<ColumnsMenu list="vms" listLabel="Virtual machines" shown={["name", "tags"]} labels={LABELS} />);
    fireEvent.click(screen.getByRole("button", { name: "Columns" }));
    fireEvent.click(screen.getByRole("button", { name: "Default columns" }));
    expect(replace.mock.lastCall![0]).toBe("/t/production/compute/vms");
  });

  it("closes on Escape and gives the focus back to its button", () => {
    renderInConsole(<ColumnsMenu list="vms" listLabel="Virtual machines" shown={DEFAULTS} labels={LABELS} />);
    const button = screen.getByRole("button", { name: "Columns" });
    fireEvent.click(button);
    const box = screen.getByRole("checkbox", { name: "Show Tags" });
    box.focus();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });
});

describe("saved views", () => {
  const views = [{ id: "v1", name: "Databases", query: "q=-db-&cols=name%2Ctags" }];

  // The panel loads when first opened (next/dynamic): each test waits for it.
  it("applies a view by its link to the list's URL with the view's query", async () => {
    renderInConsole(<SavedViews tenantId="t-1" list="vms" listLabel="Virtual machines" base="/t/production/compute/vms" views={views} />);
    fireEvent.click(screen.getByRole("button", { name: "Views" }));
    expect((await screen.findByRole("link", { name: "Apply view Databases" })).getAttribute("href")).toBe("/t/production/compute/vms?q=-db-&cols=name%2Ctags");
  });

  it("saves the URL's current filters, columns and sort under the typed name, then says so", async () => {
    search = "q=web&cols=name%2Ctags&sort=createdAt";
    save.mockResolvedValue({ ok: true, data: { id: "v2", name: "Web", list: "vms", query: "q=web" }, warnings: [] });
    renderInConsole(<SavedViews tenantId="t-1" list="vms" listLabel="Virtual machines" base="/t/production/compute/vms" views={[]} />);
    fireEvent.click(screen.getByRole("button", { name: "Views" }));
    expect(await screen.findByText("No saved view yet.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Save the current filters, columns and sort as" }), { target: { value: "  Web  " } });
    fireEvent.click(screen.getByRole("button", { name: "Save view" }));
    await waitFor(() => expect(save).toHaveBeenCalledWith("t-1", null, { list: "vms", name: "Web", query: "q=web&cols=name%2Ctags&sort=createdAt" }));
    expect(await screen.findByText("View “Web” saved.")).toBeTruthy();
    expect(refresh).toHaveBeenCalled();
  });

  it("deletes a view, and shows the server's sentence when the view is not found (another person's)", async () => {
    remove.mockResolvedValue({ ok: false, code: "NOT_FOUND", formError: "This view no longer exists." });
    renderInConsole(<SavedViews tenantId="t-1" list="vms" listLabel="Virtual machines" base="/t/production/compute/vms" views={views} />);
    fireEvent.click(screen.getByRole("button", { name: "Views" }));
    fireEvent.click(await screen.findByRole("button", { name: "Delete view Databases" }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith("t-1", null, { viewId: "v1" }));
    expect((await screen.findByTestId("form-error")).textContent).toBe("This view no longer exists.");
  });
});

describe("instant filters", () => {
  it("follow typing once it rests 300 ms (one URL change, not one per key), and a choice at once", () => {
    vi.useFakeTimers();
    search = "sort=createdAt&page=2";
    renderInConsole(
      <InstantFilterForm action="/t/production/compute/vms" label="Filters">
        <input type="search" name="q" aria-label="Filter by name" defaultValue="" />
        <select name="state" aria-label="State" defaultValue="">
          <option value="">All</option>
          <option value="POWERED_ON">On</option>
        </select>
      </InstantFilterForm>,
    );
    const box = screen.getByRole("searchbox", { name: "Filter by name" });
    for (const v of ["w", "we", "web"]) fireEvent.input(box, { target: { value: v } });
    act(() => vi.advanceTimersByTime(FILTER_DEBOUNCE_MS - 50));
    expect(replace).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(60));
    expect(replace).toHaveBeenCalledTimes(1);
    expect(replace.mock.lastCall![0]).toBe("/t/production/compute/vms?sort=createdAt&q=web");
    fireEvent.change(screen.getByRole("combobox", { name: "State" }), { target: { value: "POWERED_ON" } });
    expect(replace).toHaveBeenCalledTimes(2);
    expect(replace.mock.lastCall![0]).toContain("state=POWERED_ON");
  });
});
