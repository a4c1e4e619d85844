-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "discountMinor" BIGINT NOT NULL DEFAULT 0;

