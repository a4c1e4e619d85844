-- A card payment's brand and last digits, as Shopify shows them on the order transaction (the contract page shows them).
ALTER TABLE "LedgerEntry" ADD COLUMN "cardBrand" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "cardLastDigits" TEXT;
