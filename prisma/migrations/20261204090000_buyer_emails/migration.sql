-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "buyerLocale" TEXT,
ADD COLUMN     "mainOrderName" TEXT;

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "linkEmailsBy" TEXT NOT NULL DEFAULT 'tranche';

-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "linkEmailedVia" TEXT,
ADD COLUMN     "chargeNoticeFor" TEXT;

-- CreateTable
CREATE TABLE "OutgoingEmail" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "recipient" TEXT,
    "subject" TEXT,
    "html" TEXT,
    "text" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedUntil" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutgoingEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopBranding" (
    "shop" TEXT NOT NULL,
    "sellerName" TEXT,
    "sellerEmail" TEXT,
    "sellerAddress" TEXT,
    "primaryColor" TEXT NOT NULL DEFAULT '#1f4e79',
    "accentColor" TEXT NOT NULL DEFAULT '#f2b705',
    "footer" TEXT,
    "logo" BYTEA,
    "logoContentType" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopBranding_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "EmailTemplateText" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT,
    "intro" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailTemplateText_pkey" PRIMARY KEY ("shop","kind")
);

-- CreateIndex
CREATE INDEX "OutgoingEmail_status_nextAttemptAt_idx" ON "OutgoingEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutgoingEmail_contractId_createdAt_idx" ON "OutgoingEmail"("contractId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingEmail_shop_dedupeKey_key" ON "OutgoingEmail"("shop", "dedupeKey");


-- Schedule-change notices not sent yet become the outbox's emails (BuyerNotice was the outbox of issue 11, which
-- nothing sent yet): what a buyer must still be told is not lost with the table.
INSERT INTO "OutgoingEmail" ("id", "shop", "contractId", "kind", "payload", "dedupeKey", "messageId", "createdAt", "updatedAt")
SELECT n."id", n."shop", n."contractId", 'scheduleChanged',
       json_build_object(
         'kind', 'scheduleChanged',
         'changes', COALESCE((
           SELECT json_agg(json_build_object(
             'position', c->'position',
             'title', COALESCE(c->'after'->>'title', c->'before'->>'title'),
             'before', CASE WHEN json_typeof(c->'before') = 'object' THEN json_build_object(
               'amountMinor', c->'before'->>'amountMinor', 'dueDate', c->'before'->'dueDate', 'waitsFor', CASE WHEN c->'before'->'trigger'->>'event' = 'milestone' THEN 'milestone:' || (c->'before'->'trigger'->>'milestone') ELSE c->'before'->'trigger'->>'event' END) END,
             'after', CASE WHEN json_typeof(c->'after') = 'object' THEN json_build_object(
               'amountMinor', c->'after'->>'amountMinor', 'dueDate', c->'after'->'dueDate', 'waitsFor', CASE WHEN c->'after'->'trigger'->>'event' = 'milestone' THEN 'milestone:' || (c->'after'->'trigger'->>'milestone') ELSE c->'after'->'trigger'->>'event' END) END))
           FROM json_array_elements(n."details"::json->'changes') AS c), '[]'::json)
       )::text,
       'scheduleChanged:' || n."id", n."id" || '@tranche.email', n."createdAt", CURRENT_TIMESTAMP
FROM "BuyerNotice" n
JOIN "Contract" c ON c."id" = n."contractId"
-- Only news still worth telling: a recent revision of a contract still being paid. Nothing ever sent these notices,
-- so older ones would reach the buyer months late, about contracts long settled.
WHERE n."sentAt" IS NULL AND n."createdAt" > now() - interval '7 days' AND c."status" IN ('awaitingDeposit', 'active');

-- DropTable
DROP TABLE "BuyerNotice";

