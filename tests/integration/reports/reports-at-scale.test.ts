import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { UNPAID_STAGE_STATUSES, type StageStatus } from "../../../app/domain/contract/stage-status";
import { calendarDateAt, daysBetween, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { agingBucketOf, AGING_BUCKETS } from "../../../app/domain/reports/aging-buckets";
import { collectionBucketOf } from "../../../app/domain/reports/collection-buckets";
import { periodStartOf } from "../../../app/domain/reports/report-periods";
import { agingReport } from "../../../app/models/reports/aging.server";
import { collectedReport } from "../../../app/models/reports/collected.server";
import { expectedCollections } from "../../../app/models/reports/expected-collections.server";
import { isReceivableStage } from "../../../app/models/reports/report-stages.server";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "../models/bulk-portfolio-seed";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const CONTRACTS = 20_000;

beforeAll(async () => {
  await seedBulkPortfolio(db, CONTRACTS);
});

/** Every open stage of a shop, read row by row and summed here with the domain's rules: the reports must agree. */
async function openStagesOf(shop: string) {
  const stages = await db.stage.findMany({
    where: { contract: { shop, status: { not: "cancelled" } } },
    select: { status: true, amountMinor: true, paidMinor: true, dueDate: true, contract: { select: { currency: true } } },
  });
  return stages
    .filter((stage) => stage.amountMinor > stage.paidMinor)
    .map((stage) => ({
      status: stage.status as StageStatus,
      paidMinor: stage.paidMinor,
      open: stage.amountMinor - stage.paidMinor,
      dueDate: stage.dueDate as CalendarDate | null,
      currency: stage.contract.currency,
    }));
}

function add(sums: Map<string, bigint>, key: string, amount: bigint) {
  sums.set(key, (sums.get(key) ?? 0n) + amount);
}

describe(`the reports at ${CONTRACTS.toLocaleString("en-US")} contracts, reconciled row by row`, () => {
  it.each(BULK_SHOPS)("aging and expected collections equal the stages' open amounts for $shop", async ({ shop, timeZone }) => {
    const today = calendarDateAt(BULK_NOW, timeZone);
    const open = await openStagesOf(shop);

    const aging = await agingReport(db, shop, today);
    const agingSums = new Map<string, bigint>();
    for (const stage of open.filter((candidate) => isReceivableStage(candidate))) {
      add(agingSums, `${stage.currency}:${stage.dueDate === null ? "current" : agingBucketOf(daysBetween(stage.dueDate, today))}`, stage.open);
    }
    for (const total of aging.totals) {
      for (const { bucket } of AGING_BUCKETS)
        expect(total.buckets[bucket], `${total.currency} ${bucket}`).toBe(agingSums.get(`${total.currency}:${bucket}`) ?? 0n);
    }
    // Sums beyond 2^53 stay exact, and the per-customer rows add up to the totals.
    expect(aging.totals.some((total) => total.totalMinor > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    for (const total of aging.totals) {
      expect(aging.rows.filter((row) => row.currency === total.currency).reduce((sum, row) => sum + row.totalMinor, 0n)).toBe(total.totalMinor);
    }

    const collections = await expectedCollections(db, shop, { today, period: "week", count: 12 });
    const horizonEnd = collections.periods[collections.periods.length - 1]!.end;
    const collectionSums = new Map<string, bigint>();
    for (const stage of open.filter((candidate) => UNPAID_STAGE_STATUSES.includes(candidate.status))) {
      const bucket = collectionBucketOf(stage.dueDate, today, horizonEnd, "week");
      add(collectionSums, `${stage.currency}:${bucket.kind === "period" ? bucket.start : bucket.kind}`, stage.open);
    }
    for (const { currency, buckets, totalMinor } of collections.byCurrency) {
      for (const row of buckets) {
        expect(row.amountMinor).toBe(collectionSums.get(`${currency}:${row.bucket.kind === "period" ? row.bucket.start : row.bucket.kind}`) ?? 0n);
      }
      expect(totalMinor).toBe([...collectionSums].filter(([key]) => key.startsWith(`${currency}:`)).reduce((sum, [, amount]) => sum + amount, 0n));
    }
  });

  it.each(BULK_SHOPS)("collected equals the ledger's payments less refunds by the shop's calendar for $shop", async ({ shop, timeZone }) => {
    const from = "2027-01-01" as CalendarDate;
    const to = "2027-04-03" as CalendarDate;
    const report = await collectedReport(db, shop, { from, to, period: "month", timeZone });
    const entries = await db.ledgerEntry.findMany({ where: { shop }, select: { kind: true, amountMinor: true, currency: true, occurredAt: true } });
    // One formatter for the zone (calendarDateAt builds one per call): en-CA writes YYYY-MM-DD.
    const dayIn = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    const sums = new Map<string, bigint>();
    let counted = 0;
    for (const entry of entries) {
      const date = dayIn.format(entry.occurredAt) as CalendarDate;
      // An early-payment discount moves no money: not collected.
      if (date < from || date > "2027-04-30" || entry.kind === "earlyPaymentDiscount") continue;
      counted += 1;
      add(sums, `${entry.currency}:${periodStartOf(date, "month")}`, entry.kind === "refund" ? -entry.amountMinor : entry.amountMinor);
    }
    expect(counted).toBeGreaterThan(1_000);
    for (const { currency, periods } of report.byCurrency) {
      for (const row of periods) expect(row.netMinor, `${currency} ${row.start}`).toBe(sums.get(`${currency}:${row.start}`) ?? 0n);
    }
    expect(report.byCurrency.map((line) => line.currency).sort()).toEqual(["EUR", "JPY", "KWD", "USD"]);
  });
});
