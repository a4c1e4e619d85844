-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "alertDigestSentOn" TEXT,
ADD COLUMN     "alertEmails" TEXT NOT NULL DEFAULT '[]';

-- Staff alerts (app/models/staff-alerts.server.ts) read the stages whose saved-card charge was declined and those the
-- app stopped collecting. Both are few among all stages, so partial indexes hold only them and the read never scans
-- every stage (Prisma's schema cannot express a partial index: these live here only).
CREATE INDEX "Stage_declined_charge_idx" ON "Stage"("contractId") WHERE "attempts" > 0 AND "chargeKey" IS NULL;
CREATE INDEX "Stage_stopped_idx" ON "Stage"("contractId") WHERE "parkedReason" IS NOT NULL;
