// Pure: the live updates' refresh throttle (components/shell/live-updates.tsx) and its test.

export type Throttled = { (): void; cancel(): void; readonly pending: boolean };

/**
 * Calls `fn` at once when it last ran at least `ms` ago, otherwise once at the end of the
 * window, however many calls came in between: a burst of events costs one refresh per window.
 */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    fn();
  };
  const call = (() => {
    if (timer) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  }) as Throttled;
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  Object.defineProperty(call, "pending", { get: () => timer !== null });
  return call;
}
