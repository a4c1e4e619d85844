-- Customer terms (issue 14): the company a contract is with, and the terms negotiated per customer, company or
-- company location.
ALTER TABLE "Contract" ADD COLUMN "companyId" TEXT;

CREATE INDEX "Contract_shop_customerId_idx" ON "Contract"("shop", "customerId");
CREATE INDEX "Contract_shop_companyId_idx" ON "Contract"("shop", "companyId");
CREATE INDEX "Contract_shop_companyLocationId_idx" ON "Contract"("shop", "companyLocationId");

CREATE TABLE "CustomerTerms" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectName" TEXT,
    "defaultPlanId" TEXT,
    "depositPercent" TEXT,
    "netDays" INTEGER,
    "creditLimitMinor" BIGINT,
    "creditLimitCurrency" TEXT,
    "mirrored" BOOLEAN NOT NULL DEFAULT false,
    "mirrorError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerTerms_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "CustomerTerms_shop_subjectKind_subjectId_key" ON "CustomerTerms"("shop", "subjectKind", "subjectId");
