-- AlterTable
ALTER TABLE "Replication" ADD COLUMN     "busyActivityId" TEXT,
ADD COLUMN     "standbyPoolId" TEXT,
ADD COLUMN     "standbyTierCode" TEXT;

-- AlterTable
ALTER TABLE "VlanPropagation" ADD COLUMN     "busyActivityId" TEXT;

-- CreateIndex
CREATE INDEX "Replication_tenantId_targetAzId_idx" ON "Replication"("tenantId", "targetAzId");

-- Backfill for databases seeded before these columns (see README, Decisions: standby capacity)
UPDATE "Replication" r SET "standbyTierCode" = d."tierCode"
  FROM "Datastore" d
 WHERE r."datastoreId" = d.id AND r."standbyTierCode" IS NULL;

UPDATE "Replication" r SET "standbyPoolId" = (
  SELECT p.id FROM "ComputePool" p WHERE p."tenantId" = r."tenantId" AND p."azId" = r."targetAzId" ORDER BY p.name LIMIT 1
) WHERE r.kind = 'VM_REPLICATION' AND r."standbyPoolId" IS NULL;

UPDATE "Replication" r SET "standbyTierCode" = (
  SELECT d."tierCode" FROM "Datastore" d WHERE d."tenantId" = r."tenantId" AND d."azId" = r."targetAzId" AND d."tierCode" <> 'MASS' ORDER BY d.name LIMIT 1
) WHERE r.kind = 'VM_REPLICATION' AND r."standbyTierCode" IS NULL;
