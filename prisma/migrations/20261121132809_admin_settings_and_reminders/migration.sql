-- AlterTable
ALTER TABLE "Contract" ADD COLUMN "customerEmail" TEXT;
ALTER TABLE "Contract" ADD COLUMN "customerName" TEXT;

-- AlterTable
ALTER TABLE "Stage" ADD COLUMN "linkEmailedAt" DATETIME;
ALTER TABLE "Stage" ADD COLUMN "payUrl" TEXT;

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "collectionMode" TEXT NOT NULL DEFAULT 'auto',
    "remindBeforeDays" TEXT NOT NULL DEFAULT '[3]',
    "remindAfterDays" TEXT NOT NULL DEFAULT '[1,7]',
    "defaultPlanId" TEXT,
    "requireAcceptance" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerPlan" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateTable
CREATE TABLE "StageReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "offset" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StageReminder_shop_idx" ON "StageReminder"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "StageReminder_stageId_offset_key" ON "StageReminder"("stageId", "offset");
