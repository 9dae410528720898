import { describe, expect, it } from "vitest";
import { EDGES, faketimeEnv } from "./test-clocks";

// The edge run is only as good as its edges: each one must really be the calendar case it names.
const MINUTE = 60_000;
const utcMonth = (t: number) => new Date(t).toISOString().slice(0, 7);
const daysInUtcMonth = (t: number) => {
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
};
/** Minutes east of UTC in `tz` at `t` (Paris: 60 in winter, 120 in summer). */
function offsetMinutes(t: number, tz: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return (Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - t) / MINUTE;
}
const localDay = (t: number, tz: string) => new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(new Date(t));
const edge = (name: string) => {
  const e = EDGES.find((x) => x.name === name);
  if (!e) throw new Error(`no edge ${name}`);
  return { ...e, t: Date.parse(e.at) };
};

describe("the clock edges", () => {
  it("cover months of 28, 29, 30 and 31 days", () => {
    expect(new Set(EDGES.map((e) => daysInUtcMonth(Date.parse(e.at))))).toEqual(new Set([28, 29, 30, 31]));
  });

  it.each(EDGES.filter((e) => e.name.includes("last-minute") || e.name === "29-day-leap" || e.name.startsWith("year-end")).map((e) => [e.name]))("%s is the last minute of its month", (name) => {
    const e = edge(name);
    expect(utcMonth(e.t + MINUTE)).not.toBe(utcMonth(e.t));
    expect(utcMonth(e.t - MINUTE)).toBe(utcMonth(e.t));
  });

  it("28-day-first-minute is the first minute of a February", () => {
    const e = edge("28-day-first-minute");
    expect(utcMonth(e.t - MINUTE)).not.toBe(utcMonth(e.t));
    expect(daysInUtcMonth(e.t)).toBe(28);
  });

  it.each([
    ["dst-spring", 60, 120],
    ["dst-autumn", 120, 60],
  ])("%s is a minute before Paris changes its offset (%i → %i minutes east of UTC)", (name, before, after) => {
    const e = edge(name);
    expect(e.tz).toBe("Europe/Paris");
    expect(offsetMinutes(e.t, e.tz)).toBe(before);
    expect(offsetMinutes(e.t + 2 * MINUTE, e.tz)).toBe(after);
  });

  it.each([["utc-vs-paris-midnight"], ["year-end-2359-utc"]])("%s is a different day in Paris than in UTC", (name) => {
    const e = edge(name);
    expect(localDay(e.t, e.tz)).not.toBe(new Date(e.t).toISOString().slice(0, 10));
  });

  it("the shift lands every process on the edge, whenever it is computed", () => {
    const e = edge("dst-spring");
    const realNow = Date.parse("2026-12-07T02:38:00Z");
    const env = faketimeEnv(e, realNow);
    expect(realNow + Number(env.FAKETIME) * 1000).toBe(e.t);
    expect(env).toMatchObject({ TZ: "Europe/Paris", TEST_EMBEDDED_PG: "1", NO_FAKE_STAT: "1" });
    expect(faketimeEnv(e, e.t + 5000).FAKETIME).toBe("-5");
  });
});
