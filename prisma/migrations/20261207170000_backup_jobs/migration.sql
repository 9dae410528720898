-- Backups run from the console ("Backup now"), kept in another zone than the VM (BACKUP.SAME_AZ),
-- and restores from them (a test copy, a clone, or in production).

-- Where a policy keeps its backups. Existing policies get a zone of their tenant's region that
-- holds none of the tenant's pools when there is one (no VM of theirs can then be in it), else the
-- first zone by name.
ALTER TABLE "BackupPolicy" ADD COLUMN "targetAzId" TEXT;
UPDATE "BackupPolicy" p SET "targetAzId" = (
  SELECT z.id FROM "AvailabilityZone" z JOIN "Tenant" t ON t."regionId" = z."regionId"
   WHERE t.id = p."tenantId"
   ORDER BY EXISTS (SELECT 1 FROM "ComputePool" c WHERE c."tenantId" = p."tenantId" AND c."azId" = z.id), z.id
   LIMIT 1);
ALTER TABLE "BackupPolicy" ALTER COLUMN "targetAzId" SET NOT NULL;
ALTER TABLE "BackupPolicy" ADD CONSTRAINT "BackupPolicy_targetAzId_fkey" FOREIGN KEY ("targetAzId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A restore test names the VM it copies; a restored VM the job it came from.
ALTER TABLE "Vm" ADD COLUMN "restoreTestOfId" TEXT, ADD COLUMN "restoredFromJobId" TEXT;
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_restoreTestOfId_fkey" FOREIGN KEY ("restoreTestOfId") REFERENCES "Vm"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Vm_tenantId_restoreTestOfId_idx" ON "Vm"("tenantId", "restoreTestOfId");

CREATE TYPE "BackupJobState" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

CREATE TABLE "BackupJob" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT,
    "vmName" TEXT NOT NULL,
    "policyId" TEXT,
    "policyName" TEXT NOT NULL,
    "sourceAzId" TEXT NOT NULL,
    "targetAzId" TEXT NOT NULL,
    "state" "BackupJobState" NOT NULL DEFAULT 'RUNNING',
    "sizeGib" INTEGER NOT NULL DEFAULT 0,
    "contents" JSONB NOT NULL DEFAULT '{}',
    "log" JSONB NOT NULL DEFAULT '[]',
    "activityId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BackupJob_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "BackupJob_tenantId_startedAt_id_idx" ON "BackupJob"("tenantId", "startedAt", "id");
CREATE INDEX "BackupJob_tenantId_vmId_startedAt_idx" ON "BackupJob"("tenantId", "vmId", "startedAt");
CREATE INDEX "BackupJob_tenantId_state_startedAt_idx" ON "BackupJob"("tenantId", "state", "startedAt");

ALTER TABLE "BackupJob" ADD CONSTRAINT "BackupJob_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BackupJob" ADD CONSTRAINT "BackupJob_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "BackupJob" ADD CONSTRAINT "BackupJob_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The VM-name filter of the jobs list is ILIKE '%q%': trigrams (pg_trgm exists since 20261207150000_search_indexes).
CREATE INDEX "BackupJob_vmName_idx" ON "BackupJob" USING GIN ("vmName" gin_trgm_ops);
