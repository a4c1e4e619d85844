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

-- The outbox of what the buyer must be told (a revised schedule), drained by the buyer-communications mailer.
CREATE TABLE "BuyerNotice" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "BuyerNotice_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "BuyerNotice_shop_sentAt_idx" ON "BuyerNotice"("shop", "sentAt");
CREATE INDEX "BuyerNotice_contractId_idx" ON "BuyerNotice"("contractId");
