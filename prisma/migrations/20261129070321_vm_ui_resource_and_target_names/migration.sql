-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "resourceName" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "targetName" TEXT;

-- Rows written before these columns existed carry the same names in their JSON.
UPDATE "Activity" SET "resourceName" = "concernedItems"->0->>'name' WHERE "resourceName" IS NULL AND jsonb_typeof("concernedItems") = 'array';
UPDATE "AuditEvent" SET "targetName" = "details"->>'targetName' WHERE "targetName" IS NULL AND jsonb_typeof("details") = 'object';
