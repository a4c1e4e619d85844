-- AvaTax (issue 14): a shop's Avalara connection, and the documents committed per stage and refund.
CREATE TABLE "AvaTaxSettings" (
    "shop" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "environment" TEXT NOT NULL DEFAULT 'sandbox',
    "accountId" TEXT NOT NULL,
    "licenseKeySealed" TEXT NOT NULL,
    "companyCode" TEXT NOT NULL,
    "taxMode" TEXT NOT NULL DEFAULT 'override',
    "commitOnInvoice" BOOLEAN NOT NULL DEFAULT true,
    "originLine1" TEXT,
    "originCity" TEXT,
    "originRegion" TEXT,
    "originPostalCode" TEXT,
    "originCountry" TEXT NOT NULL DEFAULT 'US',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AvaTaxSettings_pkey" PRIMARY KEY ("shop")
);

CREATE TABLE "AvaTaxDocument" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "stagePosition" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "taxMinor" BIGINT,
    "splitTaxMinor" BIGINT NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "ledgerEntryId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AvaTaxDocument_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "AvaTaxDocument_shop_code_key" ON "AvaTaxDocument"("shop", "code");
CREATE UNIQUE INDEX "AvaTaxDocument_shop_ledgerEntryId_key" ON "AvaTaxDocument"("shop", "ledgerEntryId");
CREATE INDEX "AvaTaxDocument_shop_contractId_idx" ON "AvaTaxDocument"("shop", "contractId");
