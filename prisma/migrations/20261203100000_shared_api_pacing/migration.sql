-- CreateTable
CREATE TABLE "ShopApiBucket" (
    "shop" TEXT NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "restoreRate" DOUBLE PRECISION NOT NULL,
    "available" DOUBLE PRECISION NOT NULL,
    "inFlight" DOUBLE PRECISION NOT NULL,
    "settled" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "settledAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ShopApiBucket_pkey" PRIMARY KEY ("shop")
);

