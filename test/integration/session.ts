// Chooses who is signed in for the server actions under test (see setup-file.ts).
type U = { id: string; email: string; name: string };
const g = globalThis as { __testSessionUser?: U | null; __testClientAddress?: string | null };

export function signInAs(user: U): void {
  g.__testSessionUser = { id: user.id, email: user.email, name: user.name };
}

export function signOut(): void {
  g.__testSessionUser = null;
}

/**
 * The client address the server actions under test see (as server.mjs would hand it over, the one
 * entry of X-Forwarded-For); null: none, which the console reads as "unknown".
 */
export function fromAddress(address: string | null): void {
  g.__testClientAddress = address;
}
