-- CreateTable
CREATE TABLE "DomainRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "groups" TEXT NOT NULL,
    "joinedAfter" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastAppliedAt" TIMESTAMP(3),
    "usersAdded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DomainRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainRuleUser" (
    "organizationId" TEXT NOT NULL,
    "ezeepUserId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainRuleUser_pkey" PRIMARY KEY ("organizationId","ezeepUserId")
);

-- CreateTable
CREATE TABLE "DomainRuleTracking" (
    "organizationId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "baselinedAt" TIMESTAMP(3),
    "lastScanAt" TIMESTAMP(3),
    "lastScanError" TEXT,

    CONSTRAINT "DomainRuleTracking_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "AdminSsoIdentity" (
    "id" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "firstLoginAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminSsoIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" TEXT NOT NULL DEFAULT 'portal',
    "passwordSignInDisabled" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DomainRule_organizationId_pattern_idx" ON "DomainRule"("organizationId", "pattern");

-- CreateIndex
CREATE INDEX "DomainRuleUser_organizationId_state_idx" ON "DomainRuleUser"("organizationId", "state");

-- CreateIndex
CREATE INDEX "AdminSsoIdentity_adminId_idx" ON "AdminSsoIdentity"("adminId");

-- CreateIndex
CREATE UNIQUE INDEX "AdminSsoIdentity_issuer_subject_key" ON "AdminSsoIdentity"("issuer", "subject");
