-- A disk detached from its VM stays on its datastore (no VM), attachable to a VM of that datastore
ALTER TABLE "VmDisk" ALTER COLUMN "vmId" DROP NOT NULL,
ADD COLUMN "detachedFrom" TEXT;
