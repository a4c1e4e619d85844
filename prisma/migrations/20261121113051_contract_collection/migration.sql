-- AlterTable
ALTER TABLE "Stage" ADD COLUMN "chargeKey" TEXT;
ALTER TABLE "Stage" ADD COLUMN "chargeRef" TEXT;
ALTER TABLE "Stage" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "Stage" ADD COLUMN "stageOrderId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contract" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "sourceDraftOrderId" TEXT NOT NULL,
    "mainOrderId" TEXT,
    "customerId" TEXT,
    "companyLocationId" TEXT,
    "currency" TEXT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "orderSnapshot" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "sourceDraftName" TEXT,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contract_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Contract" ("companyLocationId", "createdAt", "currency", "customerId", "id", "mainOrderId", "mode", "orderSnapshot", "planId", "shop", "sourceDraftOrderId", "status", "totalMinor", "updatedAt", "version") SELECT "companyLocationId", "createdAt", "currency", "customerId", "id", "mainOrderId", "mode", "orderSnapshot", "planId", "shop", "sourceDraftOrderId", "status", "totalMinor", "updatedAt", "version" FROM "Contract";
DROP TABLE "Contract";
ALTER TABLE "new_Contract" RENAME TO "Contract";
CREATE INDEX "Contract_shop_status_idx" ON "Contract"("shop", "status");
CREATE INDEX "Contract_shop_mainOrderId_idx" ON "Contract"("shop", "mainOrderId");
CREATE UNIQUE INDEX "Contract_shop_sourceDraftOrderId_key" ON "Contract"("shop", "sourceDraftOrderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Stage_stageOrderId_idx" ON "Stage"("stageOrderId");
