-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'scheduled',
    "holder" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryState" (
    "organizationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "purgedSeq" INTEGER NOT NULL DEFAULT 0,
    "builtAt" TIMESTAMP(3),
    "buildMs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DirectoryState_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "DirectoryEntry" (
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "data" TEXT,
    "seq" INTEGER NOT NULL,

    CONSTRAINT "DirectoryEntry_pkey" PRIMARY KEY ("organizationId","kind","id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_dueAt_key" ON "JobRun"("job", "dueAt");

-- CreateIndex
CREATE INDEX "DirectoryEntry_organizationId_seq_idx" ON "DirectoryEntry"("organizationId", "seq");
