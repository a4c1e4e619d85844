-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "paymentTerms" TEXT;

