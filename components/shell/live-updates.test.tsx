// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { LiveEvent } from "@/lib/domain/live";
import { LiveUpdates } from "./live-updates";

// The tab's side of live updates, with a stand-in EventSource: one stream per tab, a change of
// the tenant shown refreshes the page (at most once a second), one of another tenant does not, a
// progress step only refetches the activities, a sign-out stops it, a refused stream is retried.

const refresh = vi.fn();
let pathname = "/t/prod/compute/vms";
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }), usePathname: () => pathname }));

class FakeSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static all: FakeSource[] = [];
  readyState = FakeSource.CONNECTING;
  onerror: (() => void) | null = null;
  listeners = new Map<string, ((m: { data: string }) => void)[]>();
  constructor(public url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, fn: (m: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = FakeSource.CLOSED;
  }
  emit(type: string, data: unknown) {
    act(() => this.listeners.get(type)?.forEach((fn) => fn({ data: JSON.stringify(data) })));
  }
}

const change = (tenant: string, state: "WAITING" | "RUNNING" | "COMPLETED", progress = 0): LiveEvent => ({
  tenant,
  activity: { id: "a1", state, progress, version: 1 },
  resources: [{ type: "vm", id: "vm1" }],
});

let queries: QueryClient;
beforeEach(() => {
  vi.useFakeTimers();
  FakeSource.all = [];
  refresh.mockReset();
  pathname = "/t/prod/compute/vms";
  vi.stubGlobal("EventSource", FakeSource);
  queries = new QueryClient();
  vi.spyOn(queries, "invalidateQueries");
  render(
    <QueryClientProvider client={queries}>
      <LiveUpdates tenant="prod">
        <p>page</p>
      </LiveUpdates>
    </QueryClientProvider>,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("LiveUpdates", () => {
  it("opens one stream for the tab", () => {
    expect(FakeSource.all.map((s) => s.url)).toEqual(["/api/console/events"]);
  });

  it("refreshes the page on a change of the tenant shown, at most once a second however many come", () => {
    const s = FakeSource.all[0]!;
    s.emit("ready", { tenants: ["prod"] });
    expect(refresh).not.toHaveBeenCalled();
    s.emit("change", change("prod", "WAITING"));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(queries.invalidateQueries).toHaveBeenCalledWith({ queryKey: ["activities", "prod"] });
    for (let i = 0; i < 10; i++) s.emit("change", change("prod", "COMPLETED", 100));
    expect(refresh).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("does not refresh for another tenant's change, nor for a progress step (which only refetches the activities)", () => {
    const s = FakeSource.all[0]!;
    s.emit("change", change("recette", "COMPLETED", 100));
    s.emit("change", change("prod", "RUNNING", 40));
    act(() => vi.advanceTimersByTime(2000));
    expect(refresh).not.toHaveBeenCalled();
    expect(queries.invalidateQueries).toHaveBeenCalledWith({ queryKey: ["activities", "prod"] });
  });

  it("stops for good when the session has ended, after one refresh that sends the person to sign in", () => {
    const s = FakeSource.all[0]!;
    s.emit("end", { reason: "UNAUTHENTICATED" });
    expect(s.readyState).toBe(FakeSource.CLOSED);
    expect(refresh).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(120_000));
    expect(FakeSource.all).toHaveLength(1);
  });

  it("opens a refused stream again with a growing delay, and refreshes once it is back", () => {
    const first = FakeSource.all[0]!;
    first.emit("ready", { tenants: ["prod"] });
    first.readyState = FakeSource.CLOSED;
    act(() => first.onerror?.());
    act(() => vi.advanceTimersByTime(999));
    expect(FakeSource.all).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSource.all).toHaveLength(2);
    const second = FakeSource.all[1]!;
    second.readyState = FakeSource.CLOSED;
    act(() => second.onerror?.());
    act(() => vi.advanceTimersByTime(1999));
    expect(FakeSource.all).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSource.all).toHaveLength(3);
    FakeSource.all[2]!.emit("ready", { tenants: ["prod"] });
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
