// Access is permissions, not roles, granted per tenant. Roles below only bundle them
// for the console's forms; every check is on a permission. Pure: the client mirrors it
// to hide or disable controls, the server enforces it.
export const PERMISSIONS = [
  "compute:read",
  "compute:write",
  "compute:management",
  "vm:power",
  "storage:read",
  "storage:write",
  "network:read",
  "network:write",
  "backup:read",
  "backup:write",
  "replication:write",
  "activity:read",
  "audit:read",
  "order:read",
  "order:write",
  "metric:read",
  "billing:read",
  "iam:read",
  "iam:write",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Keeps only known permissions: a row edited by hand never grants an unknown power. */
export function toPermissions(values: readonly string[]): Permission[] {
  return values.filter(isPermission);
}

export const ROLE_BUNDLES = {
  tenantAdmin: PERMISSIONS,
  readOnly: PERMISSIONS.filter((p) => p.endsWith(":read")),
  operator: ["compute:read", "storage:read", "network:read", "backup:read", "activity:read", "order:read", "metric:read"],
} as const satisfies Record<string, readonly Permission[]>;

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes(needed);
}
