import { describe, it, expect, vi, afterEach } from "vitest";
import { throttle } from "./throttle";

afterEach(() => vi.useRealTimers());

describe("throttle: at most one page refresh a second, however many events", () => {
  it("runs at once when idle, then once at the end of the window for a burst", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) t();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(t.pending).toBe(true);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    // 50 events over 5 s: 5 or 6 refreshes, never more.
    for (let i = 0; i < 50; i++) {
      t();
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(1000);
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(8);
  });

  it("cancel drops the pending call", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    t();
    t.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
