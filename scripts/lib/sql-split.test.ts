import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { splitSql } from "./sql-split";

describe("splitSql", () => {
  it("cuts on the semicolons that end statements, not inside strings, identifiers, comments or function bodies", () => {
    const script = `-- a comment; still a comment
CREATE TABLE "a;b" (x text DEFAULT 'x;y');
/* block; comment */ SELECT 1;
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM 1; RETURN (regexp_match('a', $re$(a);$re$))[1]::int;
END
$fn$;
SELECT $$;$$, 'it''s; fine';
`;
    expect(splitSql(script)).toEqual([
      `-- a comment; still a comment\nCREATE TABLE "a;b" (x text DEFAULT 'x;y')`,
      `/* block; comment */ SELECT 1`,
      `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$\nBEGIN\n  PERFORM 1; RETURN (regexp_match('a', $re$(a);$re$))[1]::int;\nEND\n$fn$`,
      `SELECT $$;$$, 'it''s; fine'`,
    ]);
  });

  it("gives the same statements as split(';') for a migration without function bodies", () => {
    const sql = readFileSync(path.resolve(import.meta.dirname, "../../prisma/migrations/20261129034910_init/migration.sql"), "utf8");
    const naive = sql.split(";").map((s) => s.trim()).filter((s) => s.length > 0);
    expect(splitSql(sql)).toEqual(naive);
  });
});
