-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCEEDED', 'REFUSED', 'DENIED');

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "actorType" "ActorType" NOT NULL DEFAULT 'USER',
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failure" JSONB,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "payload" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "resourceId" TEXT,
ADD COLUMN     "resourceType" TEXT,
ADD COLUMN     "step" TEXT,
ADD COLUMN     "tokenId" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorLabel" TEXT,
ADD COLUMN     "outcome" "AuditOutcome" NOT NULL DEFAULT 'SUCCEEDED';

-- AlterTable
ALTER TABLE "Vm" ADD COLUMN     "busyActivityId" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "templateCode" TEXT;

-- CreateIndex
CREATE INDEX "Activity_tenantId_type_createdAt_idx" ON "Activity"("tenantId", "type", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_initiatorId_createdAt_idx" ON "Activity"("tenantId", "initiatorId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_tenantId_resourceType_resourceId_createdAt_idx" ON "Activity"("tenantId", "resourceType", "resourceId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_state_heartbeatAt_idx" ON "Activity"("state", "heartbeatAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_action_createdAt_idx" ON "AuditEvent"("tenantId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_outcome_createdAt_idx" ON "AuditEvent"("tenantId", "outcome", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetType_targetId_createdAt_idx" ON "AuditEvent"("tenantId", "targetType", "targetId", "createdAt");
