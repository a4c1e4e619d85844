-- Account mapping (issue 14): the merchant's account code and name per journal account (and per tax title).
CREATE TABLE "AccountMapping" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "taxTitle" TEXT NOT NULL DEFAULT '',
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountMapping_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "AccountMapping_shop_account_taxTitle_key" ON "AccountMapping"("shop", "account", "taxTitle");
