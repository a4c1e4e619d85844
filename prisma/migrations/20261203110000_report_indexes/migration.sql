-- DropIndex
DROP INDEX "Contract_shop_status_idx";

-- CreateIndex
CREATE INDEX "Contract_shop_createdAt_id_idx" ON "Contract"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Contract_shop_status_createdAt_id_idx" ON "Contract"("shop", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_occurredAt_idx" ON "LedgerEntry"("shop", "occurredAt");

-- CreateIndex
CREATE INDEX "Stage_status_dueDate_idx" ON "Stage"("status", "dueDate");

