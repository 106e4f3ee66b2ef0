-- CreateTable
CREATE TABLE "DomainRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "groups" TEXT NOT NULL,
    "joinedAfter" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastAppliedAt" DATETIME,
    "usersAdded" INTEGER NOT NULL DEFAULT 0
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("organizationId", "ezeepUserId")
);

-- CreateTable
CREATE TABLE "DomainRuleTracking" (
    "organizationId" TEXT NOT NULL PRIMARY KEY,
    "since" DATETIME NOT NULL,
    "baselinedAt" DATETIME,
    "lastScanAt" DATETIME,
    "lastScanError" TEXT
);

-- CreateTable
CREATE TABLE "AdminSsoIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "adminId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "firstLoginAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'portal',
    "passwordSignInDisabled" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DomainRule_organizationId_pattern_idx" ON "DomainRule"("organizationId", "pattern");

-- CreateIndex
CREATE INDEX "DomainRuleUser_organizationId_state_idx" ON "DomainRuleUser"("organizationId", "state");

-- CreateIndex
CREATE INDEX "AdminSsoIdentity_adminId_idx" ON "AdminSsoIdentity"("adminId");

-- CreateIndex
CREATE UNIQUE INDEX "AdminSsoIdentity_issuer_subject_key" ON "AdminSsoIdentity"("issuer", "subject");
