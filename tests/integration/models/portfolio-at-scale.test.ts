import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portfolioPeriod } from "../../../app/domain/contract/portfolio";
import { CONTRACT_PAGE_SIZE, listContracts, summarizeContracts, type ContractFilter } from "../../../app/models/contracts.server";
import { portfolioFigures } from "../../../app/models/portfolio.server";
import { createTestDatabase } from "../test-database";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "./bulk-portfolio-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const CONTRACTS = 20_000;

beforeAll(async () => {
  await seedBulkPortfolio(db, CONTRACTS);
  expect(await db.contract.count()).toBe(CONTRACTS);
});

/**
 * The dashboard's figures computed another way: the shop's zone, today, its Sunday and its month found by
 * PostgreSQL's own calendar (AT TIME ZONE, ISODOW, date_trunc), due dates compared as dates, ledger instants turned
 * into the shop's dates, the statuses written out, and every currency's figures in one row.
 */
async function expectedDashboard(shop: string) {
  const rows = await db.$queryRaw<{ currency: string; overdue: string; week: string; month: string; collected: string }[]>`
    WITH zone AS (
      SELECT "timeZone" AS tz FROM "Contract" WHERE "shop" = ${shop} ORDER BY "createdAt" DESC, "id" DESC LIMIT 1
    ), bounds AS (
      SELECT tz, today,
        today + (7 - EXTRACT(ISODOW FROM today)::int) AS sunday,
        date_trunc('month', today)::date AS first_day,
        (date_trunc('month', today) + INTERVAL '1 month' - INTERVAL '1 day')::date AS last_day
      FROM (SELECT tz, (${BULK_NOW}::timestamptz AT TIME ZONE tz)::date AS today FROM zone) AS here
    ), open_amounts AS (
      SELECT c."currency", s."dueDate"::date AS due, s."amountMinor" - s."paidMinor" AS open
      FROM "Contract" c, "Stage" s
      WHERE s."contractId" = c."id" AND c."shop" = ${shop}
        AND c."status" IN ('pending', 'awaitingDeposit', 'active', 'completed')
        AND s."status" IN ('scheduled', 'invoiced', 'overdue', 'failed')
        AND s."dueDate" IS NOT NULL AND s."amountMinor" - s."paidMinor" > 0
    ), money AS (
      SELECT o."currency",
        SUM(CASE WHEN o.due < b.today THEN o.open ELSE 0 END) AS overdue,
        SUM(CASE WHEN o.due BETWEEN b.today AND b.sunday THEN o.open ELSE 0 END) AS week,
        SUM(CASE WHEN o.due BETWEEN b.today AND b.last_day THEN o.open ELSE 0 END) AS month
      FROM open_amounts o, bounds b
      GROUP BY o."currency"
    ), received AS (
      SELECT l."currency", SUM(l."amountMinor") AS collected
      FROM "LedgerEntry" l, bounds b
      WHERE l."shop" = ${shop} AND l."kind" IN ('payment', 'manualPayment')
        AND ((l."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE b.tz)::date BETWEEN b.first_day AND b.today
      GROUP BY l."currency"
    )
    SELECT currencies."currency",
      COALESCE(money.overdue, 0)::text AS overdue, COALESCE(money.week, 0)::text AS week,
      COALESCE(money.month, 0)::text AS month, COALESCE(received.collected, 0)::text AS collected
    FROM (SELECT DISTINCT "currency" FROM "Contract" WHERE "shop" = ${shop} UNION SELECT "currency" FROM received) AS currencies
    LEFT JOIN money ON money."currency" = currencies."currency"
    LEFT JOIN received ON received."currency" = currencies."currency"`;
  return Object.fromEntries(
    rows.map((row) => [
      row.currency,
      { overdue: BigInt(row.overdue), dueThisWeek: BigInt(row.week), dueThisMonth: BigInt(row.month), collectedThisMonth: BigInt(row.collected) },
    ]),
  );
}

async function expectedStatusCounts(shop: string) {
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    SELECT COUNT(*) FILTER (WHERE "status" = 'pending') AS pending, COUNT(*) FILTER (WHERE "status" = 'awaitingDeposit') AS "awaitingDeposit",
      COUNT(*) FILTER (WHERE "status" = 'active') AS active, COUNT(*) FILTER (WHERE "status" = 'completed') AS completed,
      COUNT(*) FILTER (WHERE "status" = 'cancelled') AS cancelled
    FROM "Contract" WHERE "shop" = ${shop}`;
  return Object.fromEntries(Object.entries(row!).map(([status, count]) => [status, Number(count)]));
}

describe(`the dashboard at ${CONTRACTS.toLocaleString("en-US")} contracts`, () => {
  it.each(BULK_SHOPS)("equals an independent SQL computation for $shop ($timeZone)", async ({ shop, timeZone }) => {
    const figures = await portfolioFigures(db, shop, portfolioPeriod(BULK_NOW, timeZone));
    const expected = await expectedDashboard(shop);
    expect(Object.fromEntries(figures.byCurrency)).toEqual(expected);
    expect(figures.contractsByStatus).toEqual(await expectedStatusCounts(shop));

    // Every contract is counted (no cap), every figure is non-trivial, and sums beyond 2^53 stay exact.
    const counted = Object.values(figures.contractsByStatus).reduce((sum, count) => sum + count, 0);
    expect(counted).toBe(await db.contract.count({ where: { shop } }));
    expect(counted).toBeGreaterThan(6_000);
    expect(Object.keys(expected).sort()).toEqual(["EUR", "JPY", "KWD", "USD"]);
    for (const sums of figures.byCurrency.values()) {
      expect(sums.overdue).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(sums.dueThisWeek).toBeGreaterThan(0n);
      expect(sums.collectedThisMonth).toBeGreaterThan(0n);
    }
  });

  it("counts every shop's contracts exactly once", async () => {
    let total = 0;
    for (const { shop, timeZone } of BULK_SHOPS) {
      const figures = await portfolioFigures(db, shop, portfolioPeriod(BULK_NOW, timeZone));
      total += Object.values(figures.contractsByStatus).reduce((sum, count) => sum + count, 0);
    }
    expect(total).toBe(CONTRACTS);
  });
});

/** The list's contracts and totals, computed another way: IN instead of EXISTS, dates as dates, a join on summed stages, LIKE on lowered text. */
async function expectedList(
  shop: string,
  where: { status?: string; dueBefore?: string; dueFrom?: string; dueTo?: string; customer?: string; markedOverdue?: boolean },
) {
  const ids = (
    await db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Contract" c
      WHERE c."shop" = ${shop}
        AND (${where.status ?? null}::text IS NULL OR c."status" = ${where.status ?? null})
        AND (${where.dueBefore ?? null}::date IS NULL OR c."id" IN (
          SELECT "contractId" FROM "Stage" WHERE "status" IN ('scheduled', 'invoiced', 'overdue', 'failed') AND "paidMinor" < "amountMinor"
            AND "dueDate"::date < ${where.dueBefore ?? null}::date))
        AND (${where.dueTo ?? null}::date IS NULL OR c."id" IN (
          SELECT "contractId" FROM "Stage" WHERE "status" IN ('scheduled', 'invoiced', 'overdue', 'failed') AND "paidMinor" < "amountMinor"
            AND "dueDate"::date BETWEEN ${where.dueFrom ?? null}::date AND ${where.dueTo ?? null}::date))
        AND (${where.customer ?? null}::text IS NULL
          OR lower(coalesce(c."customerName", '')) LIKE '%' || lower(${where.customer ?? null}) || '%'
          OR lower(coalesce(c."customerEmail", '')) LIKE '%' || lower(${where.customer ?? null}) || '%')
        AND (${where.markedOverdue ?? null}::boolean IS NULL
          OR (c."id" IN (SELECT "contractId" FROM "Stage" WHERE "status" = 'overdue')) = ${where.markedOverdue ?? null})
      ORDER BY c."createdAt" DESC, c."id" DESC`
  ).map((row) => row.id);
  // Money paid counts the money only: refunds and early-payment discounts (no money) are taken off.
  const totals = await db.$queryRaw<{ currency: string; contracts: bigint; total: string; paid: string; discount: string }[]>`
    SELECT c."currency", COUNT(*) AS contracts, SUM(c."totalMinor")::text AS total, SUM(COALESCE(paid.money, 0))::text AS paid,
      SUM(COALESCE(paid.discount, 0))::text AS discount
    FROM "Contract" c
    LEFT JOIN (
      SELECT "contractId", SUM("paidMinor" - "discountMinor" - "refundedMinor") AS money, SUM("discountMinor") AS discount FROM "Stage" GROUP BY "contractId"
    ) AS paid ON paid."contractId" = c."id"
    WHERE c."id" = ANY(${ids}) AND c."status" <> 'cancelled'
    GROUP BY c."currency"`;
  return {
    ids,
    totals: Object.fromEntries(
      totals.map((row) => [
        row.currency,
        { contracts: Number(row.contracts), totalMinor: BigInt(row.total), paidMinor: BigInt(row.paid), discountMinor: BigInt(row.discount) },
      ]),
    ),
  };
}

async function allPages(shop: string, filter: ContractFilter): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1_000) {
    const page = await listContracts(db, shop, filter, { limit: 1_000, offset });
    ids.push(...page.map((contract) => contract.id));
    if (page.length < 1_000) return ids;
  }
}

describe(`the contracts list at ${CONTRACTS.toLocaleString("en-US")} contracts`, () => {
  const { shop, timeZone } = BULK_SHOPS[2];
  const { today, weekEnd } = portfolioPeriod(BULK_NOW, timeZone);

  it.each<[string, ContractFilter, Parameters<typeof expectedList>[1]]>([
    ["every contract", {}, {}],
    ["one status", { status: "active" }, { status: "active" }],
    ["cancelled only (no totals)", { status: "cancelled" }, { status: "cancelled" }],
    ["due before today (overdue)", { dueBefore: today }, { dueBefore: today }],
    ["due this week", { dueBetween: { from: today, to: weekEnd } }, { dueFrom: today, dueTo: weekEnd }],
    ["part of a customer's name, in capitals, with a status", { customer: "CUSTOMER 4", status: "active" }, { customer: "CUSTOMER 4", status: "active" }],
    ["part of a customer's email", { customer: "buyer7" }, { customer: "buyer7" }],
    ["a stage marked overdue", { overdue: true }, { markedOverdue: true }],
    ["no stage marked overdue", { overdue: false }, { markedOverdue: false }],
  ])("%s: every page, the count and the totals agree with SQL written another way", async (_name, filter, where) => {
    const expected = await expectedList(shop, where);
    expect(expected.ids.length).toBeGreaterThan(CONTRACT_PAGE_SIZE);
    const summary = await summarizeContracts(db, shop, filter);
    expect(summary.count).toBe(expected.ids.length);
    expect(Object.fromEntries(summary.totals.map(({ currency, ...sums }) => [currency, sums]))).toEqual(expected.totals);
    expect(await allPages(shop, filter)).toEqual(expected.ids);
    expect((await listContracts(db, shop, filter)).map((contract) => contract.id)).toEqual(expected.ids.slice(0, CONTRACT_PAGE_SIZE));
    expect((await listContracts(db, shop, filter, { limit: CONTRACT_PAGE_SIZE, offset: 2 * CONTRACT_PAGE_SIZE })).map((contract) => contract.id)).toEqual(
      expected.ids.slice(2 * CONTRACT_PAGE_SIZE, 3 * CONTRACT_PAGE_SIZE),
    );
  });

  it("covers a filter that matches thousands, with money beyond 2^53 and cancelled contracts left out of the totals", async () => {
    const summary = await summarizeContracts(db, shop, {});
    expect(summary.count).toBeGreaterThan(6_000);
    const counted = summary.totals.reduce((sum, line) => sum + line.contracts, 0);
    expect(counted).toBe(await db.contract.count({ where: { shop, status: { not: "cancelled" } } }));
    expect(counted).toBeLessThan(summary.count);
    expect(summary.totals.every((line) => line.totalMinor > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
  });

  it("lists a shop's contracts only", async () => {
    const ids = await allPages(shop, {});
    const shops = await db.contract.findMany({ where: { id: { in: ids } }, select: { shop: true }, distinct: ["shop"] });
    expect(shops).toEqual([{ shop }]);
  });
});
