-- The home-made queue gives way to pg-boss (its own schema); what it parks is recorded here.
DROP TABLE "Job";

-- CreateTable
CREATE TABLE "ParkedJob" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "parkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParkedJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ParkedJob_jobId_key" ON "ParkedJob"("jobId");

-- CreateIndex
CREATE INDEX "ParkedJob_shop_parkedAt_idx" ON "ParkedJob"("shop", "parkedAt");

-- AlterTable
ALTER TABLE "Stage" ADD COLUMN "nextActionAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Stage_nextActionAt_idx" ON "Stage"("nextActionAt");
