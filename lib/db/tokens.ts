import "server-only";
import { db, type Tx } from "./client";

// Personal access tokens. Only the SHA-256 of a secret is stored; a lookup is by that hash.

export async function findTokenByHash(tokenHash: string, tx: Tx = db()) {
  return tx.personalAccessToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      name: true,
      tenantId: true,
      permissions: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, disabledAt: true } },
      tenant: { select: { slug: true } },
    },
  });
}

export const TOKEN_VIEW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  permissions: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

/** A tenant's tokens, newest first; one user's only when userId is given. */
export async function listTenantTokens(tenantId: string, userId?: string, tx: Tx = db()) {
  return tx.personalAccessToken.findMany({ where: { tenantId, ...(userId ? { userId } : {}) }, orderBy: { createdAt: "desc" }, take: 200, select: TOKEN_VIEW_SELECT });
}
