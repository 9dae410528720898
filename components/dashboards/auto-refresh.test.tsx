// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import dashboards from "@/messages/en/dashboards.json";
import { AUTO_REFRESH_PAUSED_KEY, AutoRefresh } from "./auto-refresh";

// The dashboards' auto-refresh: the page is refreshed after 60 s while visible, never while paused
// (kept in localStorage, so every dashboard of the browser stays paused), and a new render (the
// live updates' refresh) restarts the wait instead of adding a second refresh.

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const UPDATED = Date.UTC(2026, 11, 7, 14, 5, 9);

function show(updatedAt = UPDATED) {
  return render(
    <NextIntlClientProvider locale="en" messages={dashboards} timeZone="UTC">
      <AutoRefresh updatedAt={updatedAt} />
    </NextIntlClientProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  refresh.mockClear();
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("the dashboards' auto-refresh", () => {
  it("says when the figures were rendered, with the timezone", () => {
    show();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const time = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: zone }).format(UPDATED);
    expect(screen.getByRole("status").textContent).toBe(`Updated at ${time} (${zone})`);
    expect(time).toMatch(/^\d\d:\d\d:09$/);
  });

  it("refreshes the page after 60 s, and again 60 s later", () => {
    show();
    act(() => vi.advanceTimersByTime(59_999));
    expect(refresh).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(refresh).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(60_000));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("does not refresh while paused, remembers the pause, and refreshes at once on resume", () => {
    show();
    fireEvent.click(screen.getByRole("button", { name: "Pause auto-refresh" }));
    expect(window.localStorage.getItem(AUTO_REFRESH_PAUSED_KEY)).toBe("1");
    expect(screen.getByRole("button", { name: "Resume auto-refresh" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("status").textContent).toContain("auto-refresh paused");
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(refresh).not.toHaveBeenCalled();

    // Another dashboard opened later starts paused.
    cleanup();
    show();
    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(refresh).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Resume auto-refresh" }));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem(AUTO_REFRESH_PAUSED_KEY)).toBeNull();
  });

  it("waits 60 s from the latest render: a live refresh in between restarts the wait", () => {
    const view = show();
    act(() => vi.advanceTimersByTime(40_000));
    // The live updates refreshed the page: the server rendered it again.
    view.rerender(
      <NextIntlClientProvider locale="en" messages={dashboards} timeZone="UTC">
        <AutoRefresh updatedAt={UPDATED + 40_000} />
      </NextIntlClientProvider>,
    );
    act(() => vi.advanceTimersByTime(30_000));
    expect(refresh).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(30_000));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("does not refresh a hidden tab; it refreshes once when shown again", () => {
    show();
    const visibility = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    act(() => vi.advanceTimersByTime(3 * 60_000));
    expect(refresh).not.toHaveBeenCalled();
    visibility.mockReturnValue("visible");
    act(() => document.dispatchEvent(new Event("visibilitychange")));
    expect(refresh).toHaveBeenCalledTimes(1);
    visibility.mockRestore();
  });
});
