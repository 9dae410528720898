-- CreateEnum
CREATE TYPE "OrganizationRole" AS ENUM ('OWNER', 'OPERATOR', 'MEMBER');

-- CreateEnum
CREATE TYPE "KeyProviderStatus" AS ENUM ('NONE', 'CONFIGURED');

-- CreateEnum
CREATE TYPE "ResourceStatus" AS ENUM ('PROVISIONING', 'ACTIVE', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "HostStatus" AS ENUM ('PROVISIONING', 'CONNECTED', 'MAINTENANCE', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "PowerState" AS ENUM ('POWERED_ON', 'POWERED_OFF', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "EncryptionState" AS ENUM ('NONE', 'ENCRYPTING', 'ENCRYPTED');

-- CreateEnum
CREATE TYPE "DiskProvisioning" AS ENUM ('THIN', 'THICK');

-- CreateEnum
CREATE TYPE "AffinityKind" AS ENUM ('AFFINITY', 'ANTI_AFFINITY');

-- CreateEnum
CREATE TYPE "ReplicationKind" AS ENUM ('GLOBAL_MIRROR', 'METRO_MIRROR', 'VM_REPLICATION');

-- CreateEnum
CREATE TYPE "ReplicationStatus" AS ENUM ('INITIAL_COPY', 'ACTIVE', 'PAUSED', 'FAILED_OVER');

-- CreateEnum
CREATE TYPE "OrderResourceType" AS ENUM ('COMPUTE_POOL', 'HOST', 'DATASTORE', 'VLAN');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('SUBMITTED', 'IN_REVIEW', 'DELIVERED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ActivityState" AS ENUM ('WAITING', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'TOKEN', 'SYSTEM');

-- CreateEnum
CREATE TYPE "MetricResource" AS ENUM ('PLATFORM', 'POOL', 'HOST', 'DATASTORE', 'VM', 'REPLICATION');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationMember" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "OrganizationRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "keyProviderStatus" "KeyProviderStatus" NOT NULL DEFAULT 'NONE',
    "keyProviderName" TEXT,
    "domainKeyId" TEXT,
    "advancedProtectionSince" TIMESTAMP(3),
    "backupQuotaTib" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "permissions" TEXT[],
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityZone" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "AvailabilityZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeType" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "ramGb" INTEGER NOT NULL,
    "baseGhz" DOUBLE PRECISION NOT NULL,
    "turboGhz" DOUBLE PRECISION NOT NULL,
    "cores" INTEGER NOT NULL,
    "threads" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "gpu" TEXT,
    "sku" TEXT NOT NULL,

    CONSTRAINT "NodeType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "StorageTier" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "iopsPerTb" INTEGER,
    "unitGib" INTEGER NOT NULL,
    "skuSuffix" TEXT NOT NULL,

    CONSTRAINT "StorageTier_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ComputePool" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "nodeTypeCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "activatedMemoryGb" INTEGER NOT NULL,
    "haEnabled" BOOLEAN NOT NULL DEFAULT true,
    "status" "ResourceStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComputePool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Host" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "HostStatus" NOT NULL DEFAULT 'CONNECTED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "hostId" TEXT,
    "datastoreId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "guestOs" TEXT NOT NULL,
    "cpu" INTEGER NOT NULL,
    "memoryGb" INTEGER NOT NULL,
    "powerState" "PowerState" NOT NULL DEFAULT 'POWERED_OFF',
    "status" "ResourceStatus" NOT NULL DEFAULT 'ACTIVE',
    "iopsDemand" INTEGER NOT NULL DEFAULT 0,
    "writeRateMbps" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "encryption" "EncryptionState" NOT NULL DEFAULT 'NONE',
    "encryptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VmDisk" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "datastoreId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sizeGib" INTEGER NOT NULL,
    "usedGib" INTEGER NOT NULL,
    "provisioning" "DiskProvisioning" NOT NULL DEFAULT 'THICK',
    "excludedFromBackup" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VmDisk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sizeGib" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AffinityRule" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AffinityKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffinityRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AffinityRuleVm" (
    "ruleId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,

    CONSTRAINT "AffinityRuleVm_pkey" PRIMARY KEY ("ruleId","vmId")
);

-- CreateTable
CREATE TABLE "Datastore" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "tierCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sizeGib" INTEGER NOT NULL,
    "status" "ResourceStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Datastore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupPolicy" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retentionDays" INTEGER NOT NULL,
    "retentionWeeks" INTEGER NOT NULL DEFAULT 0,
    "retentionMonths" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupPolicyAssignment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupPolicyAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Replication" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "ReplicationKind" NOT NULL,
    "sourceAzId" TEXT NOT NULL,
    "targetAzId" TEXT NOT NULL,
    "datastoreId" TEXT,
    "vmId" TEXT,
    "promisedRpoMinutes" INTEGER NOT NULL,
    "lastReplicatedAt" TIMESTAMP(3),
    "status" "ReplicationStatus" NOT NULL DEFAULT 'INITIAL_COPY',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Replication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vlan" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "tag" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VlanPropagation" (
    "id" TEXT NOT NULL,
    "vlanId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VlanPropagation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "resourceType" "OrderResourceType" NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'SUBMITTED',
    "payload" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "reviewNote" TEXT,
    "deliveredId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "state" "ActivityState" NOT NULL DEFAULT 'WAITING',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "initiatorId" TEXT,
    "concernedItems" JSONB NOT NULL DEFAULT '[]',
    "resultId" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "tenantId" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalAccessToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "permissions" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "resourceType" "MetricResource" NOT NULL,
    "resourceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "OrganizationMember_userId_idx" ON "OrganizationMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationMember_organizationId_userId_key" ON "OrganizationMember"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE INDEX "Tenant_organizationId_idx" ON "Tenant"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_tenantId_idx" ON "Membership"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_tenantId_key" ON "Membership"("userId", "tenantId");

-- CreateIndex
CREATE INDEX "AvailabilityZone_regionId_idx" ON "AvailabilityZone"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "NodeType_sku_key" ON "NodeType"("sku");

-- CreateIndex
CREATE INDEX "ComputePool_tenantId_azId_idx" ON "ComputePool"("tenantId", "azId");

-- CreateIndex
CREATE UNIQUE INDEX "ComputePool_tenantId_name_key" ON "ComputePool"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Host_tenantId_poolId_idx" ON "Host"("tenantId", "poolId");

-- CreateIndex
CREATE UNIQUE INDEX "Host_tenantId_name_key" ON "Host"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Vm_tenantId_powerState_name_idx" ON "Vm"("tenantId", "powerState", "name");

-- CreateIndex
CREATE INDEX "Vm_tenantId_createdAt_idx" ON "Vm"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Vm_tenantId_poolId_idx" ON "Vm"("tenantId", "poolId");

-- CreateIndex
CREATE INDEX "Vm_tenantId_hostId_idx" ON "Vm"("tenantId", "hostId");

-- CreateIndex
CREATE INDEX "Vm_tenantId_datastoreId_idx" ON "Vm"("tenantId", "datastoreId");

-- CreateIndex
CREATE UNIQUE INDEX "Vm_tenantId_name_key" ON "Vm"("tenantId", "name");

-- CreateIndex
CREATE INDEX "VmDisk_tenantId_vmId_idx" ON "VmDisk"("tenantId", "vmId");

-- CreateIndex
CREATE INDEX "VmDisk_tenantId_datastoreId_idx" ON "VmDisk"("tenantId", "datastoreId");

-- CreateIndex
CREATE INDEX "Snapshot_tenantId_vmId_idx" ON "Snapshot"("tenantId", "vmId");

-- CreateIndex
CREATE INDEX "AffinityRule_tenantId_poolId_idx" ON "AffinityRule"("tenantId", "poolId");

-- CreateIndex
CREATE UNIQUE INDEX "AffinityRule_tenantId_poolId_name_key" ON "AffinityRule"("tenantId", "poolId", "name");

-- CreateIndex
CREATE INDEX "AffinityRuleVm_vmId_idx" ON "AffinityRuleVm"("vmId");

-- CreateIndex
CREATE INDEX "Datastore_tenantId_azId_idx" ON "Datastore"("tenantId", "azId");

-- CreateIndex
CREATE INDEX "Datastore_tenantId_tierCode_idx" ON "Datastore"("tenantId", "tierCode");

-- CreateIndex
CREATE UNIQUE INDEX "Datastore_tenantId_name_key" ON "Datastore"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BackupPolicy_tenantId_name_key" ON "BackupPolicy"("tenantId", "name");

-- CreateIndex
CREATE INDEX "BackupPolicyAssignment_tenantId_vmId_idx" ON "BackupPolicyAssignment"("tenantId", "vmId");

-- CreateIndex
CREATE UNIQUE INDEX "BackupPolicyAssignment_policyId_vmId_key" ON "BackupPolicyAssignment"("policyId", "vmId");

-- CreateIndex
CREATE INDEX "Replication_tenantId_kind_idx" ON "Replication"("tenantId", "kind");

-- CreateIndex
CREATE INDEX "Replication_tenantId_vmId_idx" ON "Replication"("tenantId", "vmId");

-- CreateIndex
CREATE INDEX "Replication_tenantId_datastoreId_idx" ON "Replication"("tenantId", "datastoreId");

-- CreateIndex
CREATE INDEX "Vlan_tenantId_name_idx" ON "Vlan"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Vlan_tenantId_tag_key" ON "Vlan"("tenantId", "tag");

-- CreateIndex
CREATE INDEX "VlanPropagation_tenantId_idx" ON "VlanPropagation"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "VlanPropagation_vlanId_tenantId_key" ON "VlanPropagation"("vlanId", "tenantId");

-- CreateIndex
CREATE INDEX "Order_tenantId_resourceType_status_idx" ON "Order"("tenantId", "resourceType", "status");

-- CreateIndex
CREATE INDEX "Order_tenantId_createdAt_idx" ON "Order"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_createdAt_idx" ON "Activity"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_state_idx" ON "Activity"("tenantId", "state");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_createdAt_idx" ON "AuditEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalAccessToken_tokenHash_key" ON "PersonalAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_tenantId_userId_idx" ON "PersonalAccessToken"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "MetricSample_tenantId_resourceType_resourceId_metric_at_idx" ON "MetricSample"("tenantId", "resourceType", "resourceId", "metric", "at");

-- CreateIndex
CREATE INDEX "MetricSample_tenantId_metric_at_idx" ON "MetricSample"("tenantId", "metric", "at");

-- AddForeignKey
ALTER TABLE "OrganizationMember" ADD CONSTRAINT "OrganizationMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationMember" ADD CONSTRAINT "OrganizationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityZone" ADD CONSTRAINT "AvailabilityZone_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComputePool" ADD CONSTRAINT "ComputePool_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComputePool" ADD CONSTRAINT "ComputePool_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComputePool" ADD CONSTRAINT "ComputePool_nodeTypeCode_fkey" FOREIGN KEY ("nodeTypeCode") REFERENCES "NodeType"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "ComputePool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "ComputePool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "Datastore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VmDisk" ADD CONSTRAINT "VmDisk_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VmDisk" ADD CONSTRAINT "VmDisk_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VmDisk" ADD CONSTRAINT "VmDisk_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "Datastore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffinityRule" ADD CONSTRAINT "AffinityRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffinityRule" ADD CONSTRAINT "AffinityRule_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "ComputePool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffinityRuleVm" ADD CONSTRAINT "AffinityRuleVm_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AffinityRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffinityRuleVm" ADD CONSTRAINT "AffinityRuleVm_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Datastore" ADD CONSTRAINT "Datastore_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Datastore" ADD CONSTRAINT "Datastore_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Datastore" ADD CONSTRAINT "Datastore_tierCode_fkey" FOREIGN KEY ("tierCode") REFERENCES "StorageTier"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupPolicy" ADD CONSTRAINT "BackupPolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupPolicyAssignment" ADD CONSTRAINT "BackupPolicyAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupPolicyAssignment" ADD CONSTRAINT "BackupPolicyAssignment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupPolicyAssignment" ADD CONSTRAINT "BackupPolicyAssignment_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_sourceAzId_fkey" FOREIGN KEY ("sourceAzId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_targetAzId_fkey" FOREIGN KEY ("targetAzId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "Datastore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vlan" ADD CONSTRAINT "Vlan_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VlanPropagation" ADD CONSTRAINT "VlanPropagation_vlanId_fkey" FOREIGN KEY ("vlanId") REFERENCES "Vlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VlanPropagation" ADD CONSTRAINT "VlanPropagation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalAccessToken" ADD CONSTRAINT "PersonalAccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalAccessToken" ADD CONSTRAINT "PersonalAccessToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
