// Every rule code of DOMAIN.md, once, with its severity, its kind and the reference sentence it
// comes from. Violations take their severity from here (see result.ts), never from the call site,
// and an override reaches a violation only if its code is advisory here.

export const RULE_CODES = [
  "CPOOL.MIXED_NODE_TYPES",
  "CPOOL.MAX_HOSTS",
  "CPOOL.MEMORY_RESERVATION_RANGE",
  "CPOOL.MEMORY_PRESSURE",
  "CPOOL.SLA_INELIGIBLE",
  "HOST.MAINTENANCE_CAPACITY",
  "AFFINITY.UNSATISFIABLE",
  "AFFINITY.VIOLATION",
  "DATASTORE.MIN_SIZE",
  "DATASTORE.IOPS_LIMIT",
  "DATASTORE.SWAP_SPACE",
  "DATASTORE.SNAPSHOT_RESERVE",
  "DATASTORE.THIN_OVERCOMMIT",
  "DATASTORE.IOPS_BUDGET",
  "REPLICATION.GM_TIER",
  "REPLICATION.GM_STANDBY_CAPACITY",
  "REPLICATION.VM_STANDBY_RESERVATION",
  "REPLICATION.VM_WRITE_RATE",
  "REPLICATION.RPO_BREACH",
  "REPLICATION.VM_ENCRYPTED",
  "ENCRYPTION.NO_KEY_PROVIDER",
  "ENCRYPTION.NO_SUBSCRIPTION",
  "ENCRYPTION.VM_POWERED_ON",
  "ENCRYPTION.VM_REPLICATED",
  "ENCRYPTION.VM_HAS_SNAPSHOTS",
  "ENCRYPTION.ALREADY_ENCRYPTED",
  "VLAN.CROSS_ORGANIZATION",
  "ORDER.ALREADY_OPEN",
  "BACKUP.POLICY_REQUIRED",
  "BACKUP.LAST_POLICY",
  "INPUT.INVALID",
  "REPLICATION.STANDBY_TIER",
  "CPOOL.ACTIVATED_MEMORY",
  "HOST.PHYSICAL_MEMORY",
  "REPLICATION.MM_STANDBY_CAPACITY",
  "ORDER.DATASTORE_COUNT",
  "ORDER.NETWORK_COUNT",
  "ORDER.ZONE_OUTSIDE_REGION",
  "ORDER.NO_CHANGE",
  "VLAN.TAG_IN_USE",
  "VM.MAX_CONTROLLERS",
  "VM.MAX_DISKS_PER_CONTROLLER",
  "DISK.SHRINK",
  "IAM.ADDRESS_NOT_ALLOWED",
  "IAM.RANGES_EXCLUDE_SELF",
  "IAM.TOTP_REQUIRED",
  "NIC.DUPLICATE_MAC",
  "NIC.SUBNET_FULL",
  "BACKUP.SNAPSHOT_PRESENT",
  "BACKUP.SAME_AZ",
  "CATALOG.ENCRYPTED_EXPORT",
  "CATALOG.EXPORT_POWERED_ON",
  "CONSOLE.VM_NOT_RUNNING",
  "INVITE.EXPIRED",
  "INVITE.USED",
  "INVITE.REVOKED",
  "SSO.DOMAIN_NOT_COVERED",
  "SSO.EMAIL_NOT_VERIFIED",
  "SSO.NOT_INVITED",
  "SSO.SECOND_FACTOR",
  "VLAN.NAME_IN_USE",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = "refuse" | "warn";

/**
 * hard: physics or contract, nothing passes it. advisory: a risk an admin may accept with a
 * written reason (audited). Only CPOOL.MEMORY_PRESSURE and DATASTORE.THIN_OVERCOMMIT are advisory
 * (DOMAIN.md, "Hard limits and advisory rules"); a rule that only ever warns is hard by default:
 * there is nothing to override.
 */
export type RuleKind = "hard" | "advisory";

export type Rule = {
  /** refuse: the action does not happen. warn: it happens, and the console says what it risks. */
  severity: Severity;
  /** Whether an admin's reasoned override may turn this rule's refusal into an accepted warning. */
  kind: RuleKind;
  /** The reference's own sentence (reference/iaas-concepts.md) the rule comes from. */
  source: string;
};

const refuse = (source: string, kind: RuleKind = "hard"): Rule => ({ severity: "refuse", kind, source });
const warn = (source: string, kind: RuleKind = "hard"): Rule => ({ severity: "warn", kind, source });

/** The codes an override reaches (advisory); every other code is hard. */
export function isAdvisory(code: RuleCode): boolean {
  return RULES[code].kind === "advisory";
}

export const RULES: Record<RuleCode, Rule> = {
  "CPOOL.MIXED_NODE_TYPES": refuse("It's not possible to mix different types of compute nodes within the same cluster."),
  "CPOOL.MAX_HOSTS": refuse("A Cpool can contain up to 32 hypervisors by default. Beyond this limit, a second cluster would need to be created."),
  "CPOOL.MEMORY_RESERVATION_RANGE": refuse(
    "Minimum memory for a 'Cpool' = number of hosts x 128GB. Maximum memory for a 'Cpool' = number of hosts x the physical memory capacity of the compute node.",
  ),
  "CPOOL.MEMORY_PRESSURE": refuse("Important: Do not exceed an average memory usage of 85% per compute node.", "advisory"),
  "CPOOL.SLA_INELIGIBLE": warn(
    "You must also have at least two hosts per cluster and enable the High Availability (HA) feature. In cases where a availability zone contains only one hypervisor, automatic restart is not possible.",
  ),
  "HOST.MAINTENANCE_CAPACITY": refuse("To maintain service continuity, a minimum of two hypervisors per cluster must be available during the update."),
  "AFFINITY.UNSATISFIABLE": refuse(
    "Affinity Rules: These ensure certain virtual machines run on the same physical host. Anti-affinity Rules: Conversely, these ensure certain virtual machines aren't placed on the same physical host.",
  ),
  "AFFINITY.VIOLATION": refuse("The affinity/anti-affinity rules provided in the console pertain to VM-to-VM interactions; no rules exist between hypervisors and virtual machines."),
  "DATASTORE.MIN_SIZE": refuse("The minimum size of a storage volume is 500Gio."),
  "DATASTORE.IOPS_LIMIT": refuse(
    "The actual performance of a storage tier is linked to the volume commanded, based on \"IOPS/To\", meaning \"limit of IOPS per Terabyte allocated.\"",
  ),
  "DATASTORE.SWAP_SPACE": refuse(
    "When a virtual machine starts, it creates a .VSWP file on the disk equal to its memory size. Insufficient free space can limit VM startup due to the inability to create swap files.",
  ),
  "DATASTORE.SNAPSHOT_RESERVE": refuse("Generally, it's advisable to maintain at least 10% free space for this operation."),
  "DATASTORE.THIN_OVERCOMMIT": warn(
    "Be cautious with dynamic disks. Without proper management, insufficient physical space can lead to VM freeze or even corruption in extreme cases.",
    "advisory",
  ),
  "DATASTORE.IOPS_BUDGET": warn("The IOPS limitation applies to the volume itself, i.e., Datastore for VMware environments."),
  "REPLICATION.GM_TIER": refuse("Compatible storage classes are 500 IOPS/TB, 1500 IOPS/TB, and 3000 IOPS/TB."),
  "REPLICATION.GM_STANDBY_CAPACITY": refuse(
    "Using this technology also necessitates doubling the storage space: it is essential to have exactly the same amount of space on the distant site as on the local site.",
  ),
  "REPLICATION.VM_STANDBY_RESERVATION": refuse(
    "Recovery requires reserving compute and memory resources on the standby site as well as having identical storage capacity on the passive site as on the active site.",
  ),
  "REPLICATION.VM_WRITE_RATE": warn(
    "An example of a machine that typically does not support virtual machine replication is an FTP server receiving real-time video feeds from surveillance cameras.",
  ),
  "REPLICATION.RPO_BREACH": warn("The minimum RPO must be defined based on the virtual machine's write rate."),
  "REPLICATION.VM_ENCRYPTED": refuse("Global Mirror: Encrypted virtual machines are NOT compatible with Global Mirror replication."),
  "ENCRYPTION.NO_KEY_PROVIDER": refuse("Key Provider Configured: An HSM/KMS provider must be enabled on the vStack."),
  "ENCRYPTION.NO_SUBSCRIPTION": refuse("Subscription to Service: Advanced protection service must be subscribed to."),
  "ENCRYPTION.VM_POWERED_ON": refuse("VM Shut Down: The VM should be powered off before encryption."),
  "ENCRYPTION.VM_REPLICATED": refuse("No Active Replication: The VM should not be replicated (incompatible with Global Mirror)."),
  "ENCRYPTION.VM_HAS_SNAPSHOTS": refuse("No Snapshots: No instantaneous snapshots should be present."),
  "ENCRYPTION.ALREADY_ENCRYPTED": refuse("Virtual machine encryption can be activated with a single click from the Shiva Console."),
  "VLAN.CROSS_ORGANIZATION": refuse("VLANs can be propagated between multiple tenants within the same organization, facilitating internal communications."),
  "ORDER.ALREADY_OPEN": refuse("Only one open order per resource type and tenant at a time (the provider's console documentation)."),
  "BACKUP.POLICY_REQUIRED": refuse("Cloud Temple offers an native, non-disruptive cross-architecture backup (it's mandatory for the secnumcloud French certification)."),
  "BACKUP.LAST_POLICY": refuse("Cloud Temple offers an native, non-disruptive cross-architecture backup (it's mandatory for the secnumcloud French certification)."),
  "INPUT.INVALID": refuse(
    "The domain is the last guard of its own contract: a figure no honest form sends (not a finite number, negative where a negative means nothing, a fraction of a whole unit, an invalid date) is refused before any rule runs (the project's own rule).",
  ),
  "REPLICATION.STANDBY_TIER": refuse("When using storage replication mechanisms, performance must be identical across both availability zones."),
  "CPOOL.ACTIVATED_MEMORY": refuse(
    "A software RAM usage limit is applied at the cluster level: running VMs never use more than the pool's activated memory, nor more than the physical RAM of its hosts outside maintenance.",
  ),
  "HOST.PHYSICAL_MEMORY": refuse("Maximum memory for a 'Cpool' = number of hosts x the physical memory capacity of the compute node: no host runs more memory than it physically has."),
  "REPLICATION.MM_STANDBY_CAPACITY": refuse(
    "Metro Mirror: the standby site is an identical copy once the initial copy ends, so it needs exactly the same amount of space as the local site.",
  ),
  "ORDER.DATASTORE_COUNT": refuse("A datastore order holds 2 to 10 datastores (the provider's console documentation)."),
  "ORDER.NETWORK_COUNT": refuse("At most 20 networks can be created in one order, or propagated at once (the provider's console documentation)."),
  "ORDER.ZONE_OUTSIDE_REGION": refuse("Each tenant is attached to a region, and its resources are deployed in the availability zones of that region (the provider's console documentation)."),
  "ORDER.NO_CHANGE": refuse("An order changes a resource: a resize to the size it has, or a move to the tier it is on, is not an order (the project's own rule)."),
  "VLAN.TAG_IN_USE": refuse("A VLAN is identified by its tag within a tenant: two networks of one tenant never share a tag (the project's own rule)."),
  "VLAN.NAME_IN_USE": refuse("Adapters and lists name a VLAN by its name as well as its tag: two networks of one tenant never share a name (the project's own rule)."),
  "VM.MAX_CONTROLLERS": refuse("A VM has at most 4 SCSI controllers (LSI Logic, LSI Logic SAS, BusLogic, VMware Paravirtual) and 4 NVMe controllers (the provider's console documentation and Terraform provider)."),
  "VM.MAX_DISKS_PER_CONTROLLER": refuse("At most 15 disks per controller (the provider's console documentation and Terraform provider)."),
  "DISK.SHRINK": refuse("A virtual disk can grow, never shrink (the provider's console documentation and Terraform provider)."),
  "IAM.ADDRESS_NOT_ALLOWED": refuse("A tenant may restrict its console and its personal access tokens to allowed address ranges; a client outside them is refused (issue 16, the provider's own IAM)."),
  "IAM.TOTP_REQUIRED": refuse("A tenant may require two-factor authentication of its members: a member without it is sent to turn it on before the tenant opens (issue 16, the provider's own IAM); personal access tokens are unaffected."),
  "IAM.RANGES_EXCLUDE_SELF": refuse("Nobody saves an allowed-ranges list that shuts out the address they save it from: they could not undo it (the project's own rule)."),
  "NIC.DUPLICATE_MAC": refuse("Two network adapters of one tenant never share a MAC address (the provider's console documentation and Terraform provider)."),
  "NIC.SUBNET_FULL": refuse("An adapter is given a free address of its VLAN's subnet (the provider's plan: a /24 per VLAN, gateway .1, adapters from .10): a VLAN whose every address is held takes no more adapters."),
  "BACKUP.SNAPSHOT_PRESENT": refuse("A VM's first backup fails while a snapshot exists (the provider's backup documentation): the console refuses it before it runs."),
  "INVITE.EXPIRED": refuse("An invitation's link is valid for a stated time (72 hours); after it, an administrator resends it (the project's own rule)."),
  "INVITE.USED": refuse("An invitation's link is single-use: once accepted it opens nothing (the project's own rule)."),
  "INVITE.REVOKED": refuse("An administrator may revoke an invitation before it is accepted; its link then opens nothing (the project's own rule)."),
  "SSO.DOMAIN_NOT_COVERED": refuse("An organization's identity provider signs in only the e-mail domains the organization configured for it (the project's own rule)."),
  "SSO.EMAIL_NOT_VERIFIED": refuse("An identity provider's e-mail is trusted only when it asserts email_verified (OpenID Connect Core, section 5.1)."),
  "SSO.NOT_INVITED": refuse("Nobody joins a tenant by signing in: a first sign-on creates an account only for an invited address (the project's own rule)."),
  "SSO.SECOND_FACTOR": refuse("Single sign-on never skips an account's own two-factor authentication: the provider must assert a second factor (amr, RFC 8176) (the project's own rule)."),
  "BACKUP.SAME_AZ": refuse("Agentless, snapshot-based backups, stored in a physically separate datacenter: a VM's backups are kept in another availability zone than the VM."),
  "CATALOG.ENCRYPTED_EXPORT": refuse("An encrypted VM cannot be exported as a template or OVF (the provider's console documentation and Terraform provider)."),
  "CATALOG.EXPORT_POWERED_ON": refuse("Decision: the reference is silent on exporting a running VM; a template is copied from a powered-off VM so its disks are consistent (README, Decisions)."),
  "CONSOLE.VM_NOT_RUNNING": refuse("A VM's remote console shows its running guest: a powered-off or suspended VM has no console to open (the provider's console documentation; the console here is simulated)."),
};
