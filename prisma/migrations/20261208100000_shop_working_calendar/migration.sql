-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "closedWeekdays" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "holidays" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "moveDueDates" TEXT NOT NULL DEFAULT 'off';

