/** The same server, another database (pg ignores a separate `database` option when given a connection string). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
