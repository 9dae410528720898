// Every action the audit trail records, once. A typed list like RULE_CODES: an audit row with a
// name that is not here does not compile. Grouped by area; an action that refuses is recorded
// under the same name with outcome REFUSED (rule) or DENIED (authorisation).
export const AUDIT_ACTIONS = [
  // sign-in and authorisation
  "auth.sign_in",
  "auth.sign_in_failed",
  /** Refused before the password was checked: too many failures (backoff) or too many a second. */
  "auth.sign_in_throttled",
  /** Two-factor authentication turned on (the first code confirmed) or off (a current code given). */
  "auth.totp_enabled",
  "auth.totp_disabled",
  /** New recovery codes replaced the old ones (a current code given). */
  "auth.totp_recovery_renewed",
  "authz.denied",
  // virtual machines
  "vm.create",
  "vm.power_on",
  "vm.power_off",
  "vm.restart",
  "vm.suspend",
  "vm.resize",
  "vm.disk_add",
  "vm.disk_grow",
  "vm.disk_delete",
  "vm.snapshot_create",
  "vm.snapshot_delete",
  "vm.snapshot_revert",
  "vm.nic_add",
  "vm.nic_edit",
  "vm.nic_remove",
  "vm.migrate",
  "vm.tags_set",
  "vm.delete",
  "vm.encrypt",
  "vm.iso_mount",
  "vm.iso_unmount",
  "vm.template_export",
  "vm.disk_detach",
  "vm.disk_attach",
  // the tenant's catalogue (immediate: no activity)
  "catalog.template_copy",
  "catalog.iso_register",
  "catalog.item_delete",
  /** The simulated web console: opened (or refused), and closed with the count of its commands. */
  "vm.console_open",
  "vm.console_close",
  // orders
  "order.submit",
  "order.cancel",
  "order.approve",
  "order.reject",
  // pools and hosts
  "pool.set_activated_memory",
  "pool.set_ha",
  "host.enter_maintenance",
  "host.exit_maintenance",
  // affinity rules
  "affinity.create",
  "affinity.enable",
  "affinity.disable",
  "affinity.delete",
  // data protection
  "backup.policy_assign",
  "backup.policy_remove",
  "backup.run",
  "backup.restore_test",
  "backup.restore_clone",
  "backup.restore_production",
  "backup.promote_restore",
  "replication.vm_enable",
  "replication.global_mirror_enable",
  "replication.metro_mirror_enable",
  "replication.stop",
  // network; a propagation is recorded in the receiving tenant too
  "vlan.propagate",
  "vlan.unpropagate",
  // the demo data
  "tenant.seed",
  // IAM and personal access tokens
  "token.create",
  "token.revoke",
  "iam.user_create",
  "iam.user_disable",
  "iam.user_enable",
  "iam.permissions_set",
  "iam.owner_set",
  "iam.allowed_ranges_set",
  "iam.address_refused",
  "iam.totp_required_set",
  /** An e-mail invited into a tenant, the link sent again (a new token), the invitation revoked, accepted. */
  "iam.invitation_create",
  "iam.invitation_resend",
  "iam.invitation_revoke",
  "iam.invitation_accept",
  /** An organization's single sign-on provider set or changed (the secret never recorded). */
  "iam.sso_set",
  // alerts: acknowledging one, a tenant's line for a resource, a person's subscription
  "alert.acknowledge",
  "alert.threshold_set",
  "alert.subscription_set",
  // a person's saved views of a list (filters, columns, sort)
  "view.save",
  "view.delete",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
