-- A person's saved views of a tenant's lists (filters, columns, sort as the list's query string).
CREATE TABLE "ListView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ListView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ListView_userId_tenantId_list_name_key" ON "ListView"("userId", "tenantId", "list", "name");
CREATE INDEX "ListView_tenantId_idx" ON "ListView"("tenantId");
ALTER TABLE "ListView" ADD CONSTRAINT "ListView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ListView" ADD CONSTRAINT "ListView_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
