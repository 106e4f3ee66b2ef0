-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "completionHash" TEXT;
ALTER TABLE "AuditEntry" ADD COLUMN "completionPrevHash" TEXT;
ALTER TABLE "AuditEntry" ADD COLUMN "completionSeq" INTEGER;
ALTER TABLE "AuditEntry" ADD COLUMN "hashVersion" INTEGER;
ALTER TABLE "AuditEntry" ADD COLUMN "pendingDigest" TEXT;

-- CreateTable
CREATE TABLE "AdminTotp" (
    "adminId" TEXT NOT NULL PRIMARY KEY,
    "secretCipher" TEXT NOT NULL,
    "enabledAt" DATETIME,
    "lastUsedStep" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AdminRecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "adminId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PortalSecurityPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requireTotp" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditChain" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT,
    "checkpointSeq" INTEGER NOT NULL DEFAULT 0,
    "checkpointHash" TEXT,
    "prunedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keyedFromSeq" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_AuditChain" ("checkpointHash", "checkpointSeq", "hash", "key", "prunedAt", "seq", "updatedAt") SELECT "checkpointHash", "checkpointSeq", "hash", "key", "prunedAt", "seq", "updatedAt" FROM "AuditChain";
DROP TABLE "AuditChain";
ALTER TABLE "new_AuditChain" RENAME TO "AuditChain";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AdminRecoveryCode_codeHash_key" ON "AdminRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "AdminRecoveryCode_adminId_idx" ON "AdminRecoveryCode"("adminId");

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_completionSeq_idx" ON "AuditEntry"("organizationId", "completionSeq");

-- Existing chains: positions up to the current head keep their legacy SHA-256 links; every
-- position after it is linked with HMAC under AUDIT_CHAIN_KEY (lib/audit/chain.ts).
UPDATE "AuditChain" SET "keyedFromSeq" = "seq" + 1;
