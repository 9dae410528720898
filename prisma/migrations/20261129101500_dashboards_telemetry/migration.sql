-- dashboards (issue 9): rollups, availability events, one sample per resource/metric/instant.
-- The first demo seed wrote hourly samples under names no reader uses (memory_used_gb, iops): drop them.
DELETE FROM "MetricSample" WHERE "metric" IN ('memory_used_gb', 'iops');

-- CreateEnum
CREATE TYPE "RollupResolution" AS ENUM ('HOUR', 'DAY');

-- DropIndex
DROP INDEX "MetricSample_tenantId_resourceType_resourceId_metric_at_idx";

-- CreateTable
CREATE TABLE "MetricRollup" (
    "tenantId" TEXT NOT NULL,
    "resourceType" "MetricResource" NOT NULL,
    "resourceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "resolution" "RollupResolution" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "avg" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("tenantId","resourceType","resourceId","metric","resolution","bucket")
);

-- CreateTable
CREATE TABLE "AvailabilityEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "resourceType" "MetricResource" NOT NULL,
    "resourceId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "cause" TEXT NOT NULL,

    CONSTRAINT "AvailabilityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MetricRollup_tenantId_metric_resolution_bucket_idx" ON "MetricRollup"("tenantId", "metric", "resolution", "bucket");

-- CreateIndex
CREATE INDEX "MetricRollup_resolution_bucket_idx" ON "MetricRollup"("resolution", "bucket");

-- CreateIndex
CREATE INDEX "AvailabilityEvent_tenantId_startedAt_idx" ON "AvailabilityEvent"("tenantId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilityEvent_resourceType_resourceId_startedAt_key" ON "AvailabilityEvent"("resourceType", "resourceId", "startedAt");

-- CreateIndex
CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSample_tenantId_resourceType_resourceId_metric_at_key" ON "MetricSample"("tenantId", "resourceType", "resourceId", "metric", "at");

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityEvent" ADD CONSTRAINT "AvailabilityEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

