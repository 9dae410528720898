-- The address ranges a tenant's console and personal access tokens may be used from (none: no restriction)
CREATE TABLE "TenantAllowedRange" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantAllowedRange_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TenantAllowedRange_tenantId_cidr_key" ON "TenantAllowedRange"("tenantId", "cidr");

ALTER TABLE "TenantAllowedRange" ADD CONSTRAINT "TenantAllowedRange_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
