-- A VM's network adapters: E1000 or VMXNET3, on a VLAN of the tenant (its own or one propagated to
-- it), with a MAC address unique within the tenant (NIC.DUPLICATE_MAC, held here under concurrency).
CREATE TYPE "NicType" AS ENUM ('E1000', 'VMXNET3');

CREATE TABLE "VmNic" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "vlanId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "NicType" NOT NULL DEFAULT 'VMXNET3',
    "mac" TEXT NOT NULL,
    "connected" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VmNic_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "VmNic_tenantId_vmId_idx" ON "VmNic"("tenantId", "vmId");
CREATE INDEX "VmNic_vlanId_idx" ON "VmNic"("vlanId");
CREATE UNIQUE INDEX "VmNic_tenantId_mac_key" ON "VmNic"("tenantId", "mac");

ALTER TABLE "VmNic" ADD CONSTRAINT "VmNic_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VmNic" ADD CONSTRAINT "VmNic_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VmNic" ADD CONSTRAINT "VmNic_vlanId_fkey" FOREIGN KEY ("vlanId") REFERENCES "Vlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
