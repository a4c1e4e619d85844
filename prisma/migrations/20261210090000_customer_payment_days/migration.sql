-- AlterTable
ALTER TABLE "CustomerTerms" ADD COLUMN     "paymentDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

