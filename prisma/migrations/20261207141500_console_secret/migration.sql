-- Secrets every instance on this database shares (the session signing key when NEXTAUTH_SECRET is unset).
CREATE TABLE "ConsoleSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleSecret_pkey" PRIMARY KEY ("name")
);
