import { describe, test, expect } from "vitest";
import { isDatabaseUnavailable } from "./db-unavailable";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("a database that cannot be reached is told apart from a bug", () => {
  test.each([
    ["Prisma: can't reach the server", withCode("P1001")],
    ["Prisma: the server closed the connection", withCode("P1017")],
    ["Prisma: pool timeout", withCode("P2024")],
    ["pg: connection refused", withCode("ECONNREFUSED")],
    ["pg: reset", withCode("ECONNRESET")],
    ["PostgreSQL shutting down", withCode("57P01")],
    ["PostgreSQL starting up", withCode("57P03")],
    ["PostgreSQL connection failure", withCode("08006")],
    ["pg: socket ended", new Error("Connection terminated unexpectedly")],
    ["driver adapter kind", Object.assign(new Error("x"), { cause: { kind: "DatabaseNotReachable" } })],
    ["wrapped cause", new Error("outer", { cause: withCode("ECONNREFUSED") })],
    ["dual-stack connect", Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), {})],
  ])("%s → unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test.each([
    ["a unique violation", withCode("P2002")],
    ["a record not found", withCode("P2025")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", null],
    ["a string", "ECONNREFUSED"],
  ])("%s → not unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
