-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "firstStageAtCheckout" BOOLEAN NOT NULL DEFAULT true;

