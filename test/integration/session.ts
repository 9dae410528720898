// Chooses who is signed in for the server actions under test (see setup-file.ts).
type U = { id: string; email: string; name: string };
const g = globalThis as { __testSessionUser?: U | null };

export function signInAs(user: U): void {
  g.__testSessionUser = { id: user.id, email: user.email, name: user.name };
}

export function signOut(): void {
  g.__testSessionUser = null;
}
