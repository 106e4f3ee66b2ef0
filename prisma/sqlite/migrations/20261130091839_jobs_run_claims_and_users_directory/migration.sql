-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'scheduled',
    "holder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "DirectoryState" (
    "organizationId" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "purgedSeq" INTEGER NOT NULL DEFAULT 0,
    "builtAt" DATETIME,
    "buildMs" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "DirectoryEntry" (
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "data" TEXT,
    "seq" INTEGER NOT NULL,

    PRIMARY KEY ("organizationId", "kind", "id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_dueAt_key" ON "JobRun"("job", "dueAt");

-- CreateIndex
CREATE INDEX "DirectoryEntry_organizationId_seq_idx" ON "DirectoryEntry"("organizationId", "seq");
