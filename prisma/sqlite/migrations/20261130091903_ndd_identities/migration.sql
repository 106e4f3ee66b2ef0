-- CreateTable
CREATE TABLE "NddClient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NddIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "logon" TEXT NOT NULL,
    "userKey" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "state" TEXT NOT NULL,
    "ezeepUserId" TEXT,
    "invitationId" TEXT,
    "invitedByNdd" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NddGrouping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ezeepGroupId" TEXT NOT NULL,
    "createdByNdd" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NddGroupingMember" (
    "groupingId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,

    PRIMARY KEY ("groupingId", "identityId"),
    CONSTRAINT "NddGroupingMember_groupingId_fkey" FOREIGN KEY ("groupingId") REFERENCES "NddGrouping" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NddGroupingMember_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "NddIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NddSettings" (
    "organizationId" TEXT NOT NULL PRIMARY KEY,
    "massRemovalPercent" INTEGER NOT NULL DEFAULT 20,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "NddClient_organizationId_nameKey_key" ON "NddClient"("organizationId", "nameKey");

-- CreateIndex
CREATE INDEX "NddIdentity_organizationId_lastSeenAt_idx" ON "NddIdentity"("organizationId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "NddIdentity_organizationId_clientKey_userKey_key" ON "NddIdentity"("organizationId", "clientKey", "userKey");

-- CreateIndex
CREATE UNIQUE INDEX "NddGrouping_organizationId_clientKey_name_key" ON "NddGrouping"("organizationId", "clientKey", "name");

-- CreateIndex
CREATE INDEX "NddGroupingMember_identityId_idx" ON "NddGroupingMember"("identityId");
