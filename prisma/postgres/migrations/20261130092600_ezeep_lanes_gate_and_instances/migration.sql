-- CreateTable
CREATE TABLE "EzeepGate" (
    "key" TEXT NOT NULL,
    "blockedUntil" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EzeepGate_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "EzeepInstance" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EzeepInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EzeepInstance_heartbeatAt_idx" ON "EzeepInstance"("heartbeatAt");
