// Splits a migration script into statements on the semicolons that end them: not those inside
// quotes, quoted identifiers, dollar-quoted bodies ($fn$ … $fn$: a function's) or comments.
// @prisma/adapter-pg 6.19.3 runs a migration with `script.split(";")`, which cuts a
// CREATE FUNCTION into pieces (prisma.config.ts runs each statement this returns instead).
export function splitSql(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1);
      i = end < 0 ? n : end + 1; // a doubled quote is two strings back to back: same result
    } else if (c === "-" && script[i + 1] === "-") {
      const end = script.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i));
      if (tag && !/[A-Za-z0-9_]/.test(script[i - 1] ?? "")) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ";") {
      out.push(script.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, "").trim().length > 0);
}
