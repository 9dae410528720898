-- A disk's controller (type and bus) and mode. Existing disks are on the first SCSI controller
-- (LSI Logic SAS), persistent: what the console created until now.
CREATE TYPE "DiskControllerType" AS ENUM ('LSI_LOGIC', 'LSI_LOGIC_SAS', 'VMWARE_PARAVIRTUAL', 'BUSLOGIC', 'NVME');
CREATE TYPE "DiskMode" AS ENUM ('PERSISTENT', 'INDEPENDENT');
ALTER TABLE "VmDisk" ADD COLUMN "controllerType" "DiskControllerType" NOT NULL DEFAULT 'LSI_LOGIC_SAS',
  ADD COLUMN "controllerBus" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "mode" "DiskMode" NOT NULL DEFAULT 'PERSISTENT';
