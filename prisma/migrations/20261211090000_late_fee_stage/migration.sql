-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "lateFeeFor" INTEGER,
ADD COLUMN     "waivedOn" TEXT;
