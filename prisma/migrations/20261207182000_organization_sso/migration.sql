-- An organization's single sign-on (OpenID Connect): issuer, client, sealed secret, covered domains.
CREATE TABLE "OrganizationSso" (
    "organizationId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT NOT NULL,
    "domains" TEXT[],
    "passwordAllowed" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "OrganizationSso_pkey" PRIMARY KEY ("organizationId")
);
CREATE INDEX "OrganizationSso_domains_idx" ON "OrganizationSso" USING GIN ("domains");
ALTER TABLE "OrganizationSso" ADD CONSTRAINT "OrganizationSso_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
