-- Refunds, cancellation settlements and offline payments (issue 11).

-- A cancelled contract frees its draft order for a new plan: one live contract per draft, as a partial unique index
-- (Prisma's schema cannot express it; schema.prisma keeps a plain index of the same columns and says so).
DROP INDEX "Contract_shop_sourceDraftOrderId_key";
CREATE INDEX "Contract_shop_sourceDraftOrderId_idx" ON "Contract"("shop", "sourceDraftOrderId");
CREATE UNIQUE INDEX "Contract_shop_sourceDraftOrderId_live_key" ON "Contract"("shop", "sourceDraftOrderId") WHERE "status" <> 'cancelled';

ALTER TABLE "Contract" ADD COLUMN "cancellation" TEXT;

ALTER TABLE "LedgerEntry" ADD COLUMN "method" TEXT,
ADD COLUMN "reference" TEXT;

-- Money given back from a stage; paidMinor stays what was received.
ALTER TABLE "Stage" ADD COLUMN "refundedMinor" BIGINT NOT NULL DEFAULT 0;
