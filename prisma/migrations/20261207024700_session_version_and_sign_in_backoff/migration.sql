-- Sessions that end: every session cookie carries the session version of the user at sign-in, signing
-- out, a password change or disabling the account bumps it, and older cookies stop working at the
-- next request. Cookies issued before this column existed carry none: they end once.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Failed sign-ins per account ("account:<email>") and per address ("address:<ip>"), for the
-- exponential backoff. One row per key, updated in one statement (no read-then-write race).
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);
