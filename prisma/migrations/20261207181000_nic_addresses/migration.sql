-- Adapter addresses: each VLAN gets the /24 of its tag in the provider's plan, and each adapter a
-- static lease on it, the lowest free from .10 (lib/domain/nics.ts).
ALTER TABLE "Vlan" ADD COLUMN "subnet" TEXT;
ALTER TABLE "VmNic" ADD COLUMN "ipAddress" TEXT;

UPDATE "Vlan" SET "subnet" = '10.' || ("tag" >> 8) || '.' || ("tag" & 255) || '.0/24';

-- Existing adapters, in the order they were made, up to the 245 addresses of each /24.
UPDATE "VmNic" n SET "ipAddress" = '10.' || (v."tag" >> 8) || '.' || (v."tag" & 255) || '.' || (9 + r.rn)
FROM (SELECT id, row_number() OVER (PARTITION BY "vlanId" ORDER BY "createdAt", id) AS rn FROM "VmNic") r, "Vlan" v
WHERE r.id = n.id AND v.id = n."vlanId" AND r.rn <= 245;

CREATE UNIQUE INDEX "VmNic_vlanId_ipAddress_key" ON "VmNic"("vlanId", "ipAddress");
