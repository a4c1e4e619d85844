import type { PrismaClient } from "@prisma/client";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { orderSnapshotToColumn } from "../../../app/models/contract-columns.server";

/** The shops the bulk seed spreads its contracts over, with the zones their "today" is read in. */
export const BULK_SHOPS = [
  { shop: "bulk-utc.myshopify.com", timeZone: "UTC" },
  { shop: "bulk-kiwi.myshopify.com", timeZone: "Pacific/Auckland" },
  { shop: "bulk-coast.myshopify.com", timeZone: "America/Los_Angeles" },
] as const;

/**
 * The instant the seed's dates are spread around: a Wednesday evening in UTC and Los Angeles (the week ends in the
 * next month), already Thursday 1 April in Auckland (a new month).
 */
export const BULK_NOW = new Date("2027-03-31T20:00:00Z");

/**
 * `count` contracts in one round of set-based SQL (not `count` Prisma creates): shops, currencies (JPY and KWD
 * have other exponents), every contract status, two to four stages each in every stage status, due from 60 days
 * before BULK_NOW to 60 after or undated, some partly or fully paid, about one contract in a hundred in the
 * quadrillions (sums beyond 2^53), and up to three ledger entries each (payments, offline payments and refunds)
 * from 70 days before BULK_NOW to 3 days after it. Two contracts of a shop share each creation instant, so the
 * list's order needs its tie-break. Every value is a function of the contract's number: the data is the same on
 * every run.
 */
export async function seedBulkPortfolio(db: PrismaClient, count: number): Promise<void> {
  const shops = BULK_SHOPS.map((entry, slot) => ({ slot, ...entry }));
  await db.$executeRaw`
    INSERT INTO "Plan" ("id", "shop", "name", "syntax", "source", "model", "updatedAt")
    SELECT 'plan-' || shop, shop, 'Bulk', 'preset', '{}', '{}', CURRENT_TIMESTAMP
    FROM jsonb_to_recordset(${JSON.stringify(shops)}::jsonb) AS shops(shop text)`;
  await db.$executeRaw`
    INSERT INTO "Contract" ("id", "shop", "planId", "sourceDraftOrderId", "currency", "totalMinor", "mode", "status",
      "orderSnapshot", "timeZone", "customerName", "customerEmail", "createdAt", "updatedAt")
    SELECT 'bulk-' || lpad(i::text, 6, '0'), shops.shop, 'plan-' || shops.shop, 'gid://shopify/DraftOrder/' || i,
      (ARRAY['EUR', 'USD', 'JPY', 'KWD'])[1 + (i / 3) % 4], 0, 'stageOrder',
      (ARRAY['pending', 'awaitingDeposit', 'active', 'completed', 'cancelled'])[1 + (i * 7 / 3) % 5],
      '{}', shops."timeZone",
      CASE WHEN i % 10 = 0 THEN NULL ELSE 'Customer ' || (i % 500) END, 'buyer' || (i % 500) || '@example.com',
      TIMESTAMP '2027-03-01 00:00:00' - (i / 6) * INTERVAL '1 minute', CURRENT_TIMESTAMP
    FROM generate_series(1, ${count}::int) AS i
    JOIN jsonb_to_recordset(${JSON.stringify(shops)}::jsonb) AS shops(slot int, shop text, "timeZone" text) ON shops.slot = i % 3`;
  await db.$executeRaw`
    WITH numbered AS (
      SELECT "id", substring("id" FROM 6)::int AS i FROM "Contract" WHERE "id" LIKE 'bulk-%'
    ), stages AS (
      SELECT numbered."id" AS contract_id, numbered.i, p,
        CASE WHEN numbered.i % 101 = 0 THEN 4000000000000000 + numbered.i * 1000 + p ELSE 10000 + (numbered.i * 37 + p * 101) % 90000 END::bigint AS amount,
        (ARRAY['scheduled', 'invoiced', 'paid', 'overdue', 'failed', 'cancelled', 'refunded'])[1 + (numbered.i + p * 3) % 7] AS status,
        CASE WHEN (numbered.i + p) % 11 = 0 THEN NULL
          ELSE to_char(DATE '2027-03-31' + ((numbered.i * 13 + p * 29) % 121 - 60), 'YYYY-MM-DD') END AS due
      FROM numbered CROSS JOIN generate_series(1, 4) AS p
      WHERE p <= 2 + numbered.i % 3
    )
    INSERT INTO "Stage" ("id", "contractId", "position", "kind", "title", "amountMinor", "paidMinor", "taxShares", "dueRule", "status", "dueDate", "updatedAt")
    SELECT contract_id || '-' || p, contract_id, p, 'installment', 'Installment ' || p, amount,
      CASE WHEN status = 'paid' THEN amount WHEN i % 5 = 0 THEN amount / 3 WHEN i % 13 = 0 THEN amount ELSE 0 END,
      '[]', '{"netDays":0}', status, due, CURRENT_TIMESTAMP
    FROM stages`;
  await db.$executeRaw`
    UPDATE "Contract" SET "totalMinor" = sums.total
    FROM (SELECT "contractId", SUM("amountMinor") AS total FROM "Stage" GROUP BY "contractId") AS sums
    WHERE sums."contractId" = "Contract"."id" AND "Contract"."id" LIKE 'bulk-%'`;
  await db.$executeRaw`
    INSERT INTO "LedgerEntry" ("id", "shop", "contractId", "kind", "amountMinor", "currency", "shopifyRef", "occurredAt")
    SELECT c."id" || '-entry-' || k, c."shop", c."id",
      (ARRAY['payment', 'manualPayment', 'refund'])[1 + (i + k) % 3],
      CASE WHEN i % 101 = 0 THEN 3000000000000000 + i ELSE 500 + (i * 7 + k * 13) % 50000 END,
      c."currency", 'ref-' || c."id" || '-' || k,
      TIMESTAMP '2027-03-31 20:00:00' - ((i * 53 + k * 17) % (60 * 24 * 70)) * INTERVAL '1 minute' + CASE WHEN k = 3 THEN INTERVAL '3 days' ELSE INTERVAL '0' END
    FROM (SELECT "id", "shop", "currency", substring("id" FROM 6)::int AS i FROM "Contract" WHERE "id" LIKE 'bulk-%') AS c
    CROSS JOIN generate_series(1, 3) AS k
    WHERE k <= 1 + i % 3`;
  // A readable order snapshot per contract (the list reads contracts whole), its total the stages' sum.
  const snapshots = Object.fromEntries(
    ["EUR", "USD", "JPY", "KWD"].map((code) => {
      const orderDate = "2027-01-15" as CalendarDate;
      return [
        code,
        JSON.parse(
          orderSnapshotToColumn({ currency: currencyFor(code), total: 0n, orderDate, paymentDueDate: orderDate, dates: {}, taxLines: [], events: {} }),
        ),
      ];
    }),
  );
  await db.$executeRaw`
    UPDATE "Contract" SET "orderSnapshot" = jsonb_set(${JSON.stringify(snapshots)}::jsonb -> "currency", '{total}', to_jsonb("totalMinor"::text))::text
    WHERE "id" LIKE 'bulk-%'`;
  await db.$executeRaw`ANALYZE`;
}
