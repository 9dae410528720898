-- The simulated web console of a VM: its sessions (audited once opened, once closed) and the
-- commands typed at it (the VM's console history).

CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "userId" TEXT,
    "actorLabel" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "commandCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ConsoleCommand" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT,
    "actorLabel" TEXT,
    "line" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleCommand_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ConsoleSession_tenantId_vmId_userId_closedAt_idx" ON "ConsoleSession"("tenantId", "vmId", "userId", "closedAt");
CREATE INDEX "ConsoleCommand_tenantId_vmId_createdAt_id_idx" ON "ConsoleCommand"("tenantId", "vmId", "createdAt", "id");
CREATE INDEX "ConsoleCommand_sessionId_createdAt_idx" ON "ConsoleCommand"("sessionId", "createdAt");

ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ConsoleCommand" ADD CONSTRAINT "ConsoleCommand_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ConsoleSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
