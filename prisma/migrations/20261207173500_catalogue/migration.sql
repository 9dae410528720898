-- The tenant's catalogue (templates and ISO metadata), a VM's CD/DVD drive, and cloud-init given at creation
CREATE TYPE "CatalogItemKind" AS ENUM ('TEMPLATE', 'ISO');

CREATE TABLE "CatalogItem" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "CatalogItemKind" NOT NULL,
    "name" TEXT NOT NULL,
    "templateCode" TEXT,
    "cpu" INTEGER,
    "memoryGb" INTEGER,
    "diskGib" INTEGER,
    "source" TEXT NOT NULL,
    "sourceVmName" TEXT,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "VmIsoMount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VmIsoMount_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "VmCloudInit" (
    "vmId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userData" TEXT,
    "sshKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VmCloudInit_pkey" PRIMARY KEY ("vmId")
);

CREATE UNIQUE INDEX "CatalogItem_tenantId_name_key" ON "CatalogItem"("tenantId", "name");
CREATE INDEX "CatalogItem_tenantId_kind_name_idx" ON "CatalogItem"("tenantId", "kind", "name");
CREATE UNIQUE INDEX "VmIsoMount_vmId_key" ON "VmIsoMount"("vmId");
CREATE INDEX "VmIsoMount_tenantId_itemId_idx" ON "VmIsoMount"("tenantId", "itemId");
CREATE INDEX "VmCloudInit_tenantId_idx" ON "VmCloudInit"("tenantId");

ALTER TABLE "CatalogItem" ADD CONSTRAINT "CatalogItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VmIsoMount" ADD CONSTRAINT "VmIsoMount_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VmIsoMount" ADD CONSTRAINT "VmIsoMount_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "VmCloudInit" ADD CONSTRAINT "VmCloudInit_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
