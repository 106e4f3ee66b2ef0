-- CreateTable
CREATE TABLE "NddClient" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NddClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NddIdentity" (
    "id" TEXT NOT NULL,
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
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NddIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NddGrouping" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ezeepGroupId" TEXT NOT NULL,
    "createdByNdd" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NddGrouping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NddGroupingMember" (
    "groupingId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,

    CONSTRAINT "NddGroupingMember_pkey" PRIMARY KEY ("groupingId","identityId")
);

-- CreateTable
CREATE TABLE "NddSettings" (
    "organizationId" TEXT NOT NULL,
    "massRemovalPercent" INTEGER NOT NULL DEFAULT 20,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NddSettings_pkey" PRIMARY KEY ("organizationId")
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

-- AddForeignKey
ALTER TABLE "NddGroupingMember" ADD CONSTRAINT "NddGroupingMember_groupingId_fkey" FOREIGN KEY ("groupingId") REFERENCES "NddGrouping"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NddGroupingMember" ADD CONSTRAINT "NddGroupingMember_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "NddIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
