// Pure: the server tables and the command palette (a client component) both link with it.

/**
 * Where the console shows a resource named by an activity, an audit event or an order: its own page, or the
 * list filtered on its name where it has none. Null when the console has no place for it.
 */
export function resourceHref(tenantSlug: string, r: { type: string; id: string; name?: string } | null): string | null {
  if (!r) return null;
  const base = `/t/${tenantSlug}`;
  const named = (list: string) => (r.name ? `${base}/${list}?q=${encodeURIComponent(r.name)}` : `${base}/${list}`);
  switch (r.type) {
    case "vm": return `${base}/compute/vms/${r.id}`;
    case "pool": return `${base}/compute/pools/${r.id}`;
    case "datastore": return `${base}/storage/${r.id}`;
    case "order": return `${base}/orders/${r.id}`;
    case "user": return `${base}/iam/users/${r.id}`;
    case "host": return named("compute/hosts");
    case "vlan": return named("network");
    case "affinity_rule": return `${base}/compute/affinity-rules`;
    case "replication": return `${base}/data-protection/replications`;
    case "backup_job": return `${base}/data-protection/jobs/${r.id}`;
    default: return null;
  }
}
