// The session signing key when NEXTAUTH_SECRET is unset: kept in the database, so every instance
// started on the same DATABASE_URL (from any checkout) signs and reads the same cookies.
import { withClient } from "./pg";

/**
 * The secret named `name`: the one already stored, or `candidate`, stored now. Two instances
 * starting at once agree: the first INSERT wins, and both read what it wrote.
 */
export async function sharedSecret(url: string, name: string, candidate: string): Promise<string> {
  return withClient(url, async (c) => {
    await c.query(`INSERT INTO "ConsoleSecret" (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, candidate]);
    const r = await c.query<{ value: string }>(`SELECT value FROM "ConsoleSecret" WHERE name = $1`, [name]);
    return r.rows[0]!.value;
  });
}
