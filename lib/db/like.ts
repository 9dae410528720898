import "server-only";

/** Prisma passes `contains` to LIKE as is: escape its wildcards so "%" or "_" match themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
