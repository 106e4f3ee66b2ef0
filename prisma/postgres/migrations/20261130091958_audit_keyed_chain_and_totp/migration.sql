-- AlterTable
ALTER TABLE "AuditChain" ADD COLUMN     "keyedFromSeq" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "completionHash" TEXT,
ADD COLUMN     "completionPrevHash" TEXT,
ADD COLUMN     "completionSeq" INTEGER,
ADD COLUMN     "hashVersion" INTEGER,
ADD COLUMN     "pendingDigest" TEXT;

-- CreateTable
CREATE TABLE "AdminTotp" (
    "adminId" TEXT NOT NULL,
    "secretCipher" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "lastUsedStep" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminTotp_pkey" PRIMARY KEY ("adminId")
);

-- CreateTable
CREATE TABLE "AdminRecoveryCode" (
    "id" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "AdminRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalSecurityPolicy" (
    "id" TEXT NOT NULL,
    "requireTotp" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "PortalSecurityPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminRecoveryCode_codeHash_key" ON "AdminRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "AdminRecoveryCode_adminId_idx" ON "AdminRecoveryCode"("adminId");

-- CreateIndex
CREATE INDEX "AuditEntry_organizationId_completionSeq_idx" ON "AuditEntry"("organizationId", "completionSeq");

-- Existing chains: positions up to the current head keep their legacy SHA-256 links; every
-- position after it is linked with HMAC under AUDIT_CHAIN_KEY (lib/audit/chain.ts).
UPDATE "AuditChain" SET "keyedFromSeq" = "seq" + 1;
