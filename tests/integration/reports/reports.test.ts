import { afterAll, describe, expect, it } from "vitest";

import { UNPAID_STAGE_STATUSES, type StageStatus } from "../../../app/domain/contract/stage-status";
import { addDays, daysBetween, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { agingBucketOf, AGING_BUCKETS, type AgingBucket } from "../../../app/domain/reports/aging-buckets";
import { collectionBucketOf } from "../../../app/domain/reports/collection-buckets";
import { agingReport } from "../../../app/models/reports/aging.server";
import { collectedReport } from "../../../app/models/reports/collected.server";
import { expectedCollections } from "../../../app/models/reports/expected-collections.server";
import { isReceivableStage } from "../../../app/models/reports/report-stages.server";
import { createTestDatabase } from "../test-database";
import { reportSeed } from "./report-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const day = (text: string) => text as CalendarDate;
const AS_OF = day("2027-03-31");
const daysAgo = (days: number) => addDays(AS_OF, -days);

/** Open amounts as the reports must count them, read back from the rows and summed here. */
async function openStages(shop: string) {
  const stages = await db.stage.findMany({ where: { contract: { shop } }, include: { contract: true } });
  return stages
    .filter((stage) => stage.contract.status !== "cancelled" && stage.amountMinor > stage.paidMinor)
    .map((stage) => ({
      status: stage.status as StageStatus,
      paidMinor: stage.paidMinor,
      open: stage.amountMinor - stage.paidMinor,
      dueDate: stage.dueDate as CalendarDate | null,
      currency: stage.contract.currency,
    }));
}

describe("accounts-receivable aging", () => {
  const shop = "aging.myshopify.com";
  const seed = reportSeed(db, shop);

  it("puts each open amount in its bucket by days past due, the edges exactly", async () => {
    const edges = [0, 1, 30, 31, 60, 61, 90, 91];
    await seed.contract(
      edges.map((days, index) => ({ status: "overdue", amount: 10n ** BigInt(index), dueDate: daysAgo(days) })),
      { customerId: "gid://shopify/Customer/1", customerName: "Edge Works" },
    );
    const report = await agingReport(db, shop, AS_OF);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      customer: "Edge Works",
      customerId: "gid://shopify/Customer/1",
      stages: 8,
      buckets: { current: 1n, days1to30: 10n + 100n, days31to60: 1_000n + 10_000n, days61to90: 100_000n + 1_000_000n, over90: 10_000_000n },
      totalMinor: 11_111_111n,
    });
  });

  it("counts only invoiced, unpaid stages of live contracts, by customer, per currency, with totals", async () => {
    await seed.contract(
      [
        // Not invoiced yet: not a receivable.
        { status: "scheduled", amount: 500n, dueDate: daysAgo(5) },
        { status: "invoiced", amount: 700n, dueDate: addDays(AS_OF, 10) },
        // Partly paid: only what is open.
        { status: "overdue", amount: 1_000n, paid: 400n, dueDate: daysAgo(45) },
        { status: "failed", amount: 300n, dueDate: daysAgo(2) },
        // Invoiced without a due date: current.
        { status: "invoiced", amount: 50n, dueDate: null },
        { status: "paid", amount: 900n, dueDate: daysAgo(100) },
        { status: "cancelled", amount: 800n, dueDate: daysAgo(100) },
        // Unpaid by status, covered by the ledger: nothing open.
        { status: "invoiced", amount: 200n, paid: 200n, dueDate: daysAgo(3) },
      ],
      { customerId: "gid://shopify/Customer/1", customerName: "Edge Works (renamed)" },
    );
    await seed.contract([{ status: "invoiced", amount: 99n, dueDate: daysAgo(100) }], { status: "cancelled", customerName: "Gone Ltd" });
    await seed.contract([{ status: "invoiced", amount: 40n, dueDate: daysAgo(1) }], { customerEmail: "only@example.com" });
    await seed.contract([{ status: "invoiced", amount: 7n, dueDate: daysAgo(1) }]);
    await seed.contract([{ status: "overdue", amount: 1_234n, dueDate: daysAgo(200) }], { currency: "JPY", customerName: "Yen Co" });

    const report = await agingReport(db, shop, AS_OF);
    const usd = report.rows.filter((row) => row.currency === "USD");
    expect(usd.map((row) => [row.customer, row.totalMinor])).toEqual([
      ["Edge Works", 11_111_111n + 700n + 600n + 300n + 50n],
      ["only@example.com", 40n],
      ["No customer", 7n],
    ]);
    expect(usd[0]!.buckets).toMatchObject({ current: 1n + 700n + 50n, days1to30: 110n + 300n, days31to60: 11_000n + 600n });
    expect(report.rows.filter((row) => row.currency === "JPY")).toEqual([
      {
        currency: "JPY",
        customer: "Yen Co",
        customerId: null,
        buckets: { current: 0n, days1to30: 0n, days31to60: 0n, days61to90: 0n, over90: 1_234n },
        totalMinor: 1_234n,
        stages: 1,
      },
    ]);

    // Reconciled to the stages: each currency's total is every invoiced, unpaid stage's open amount, bucket by bucket.
    const open = (await openStages(shop)).filter((stage) => isReceivableStage(stage));
    for (const total of report.totals) {
      const ofCurrency = open.filter((stage) => stage.currency === total.currency);
      expect(total.totalMinor).toBe(ofCurrency.reduce((sum, stage) => sum + stage.open, 0n));
      for (const { bucket } of AGING_BUCKETS) {
        const expected = ofCurrency
          .filter((stage) => (stage.dueDate === null ? "current" : agingBucketOf(daysBetween(stage.dueDate, AS_OF))) === bucket)
          .reduce((sum, stage) => sum + stage.open, 0n);
        expect(total.buckets[bucket as AgingBucket], `${total.currency} ${bucket}`).toBe(expected);
      }
    }
    expect(report.totals.map((total) => total.currency)).toEqual(["JPY", "USD"]);
  });

  it("sees no other shop's stages", async () => {
    const other = reportSeed(db, "someone-else.myshopify.com");
    await other.contract([{ status: "overdue", amount: 5n, dueDate: daysAgo(5) }]);
    expect((await agingReport(db, "someone-else.myshopify.com", AS_OF)).totals.map((total) => total.totalMinor)).toEqual([5n]);
    expect((await agingReport(db, shop, AS_OF)).totals.find((total) => total.currency === "USD")!.totalMinor).toBe(
      11_111_111n + 700n + 600n + 300n + 50n + 40n + 7n,
    );
  });
});

describe("expected collections", () => {
  const shop = "collections.myshopify.com";
  const seed = reportSeed(db, shop);
  const today = day("2026-12-03");

  it("sums every open amount into overdue, each week ahead, later and undated, adding up to everything owed", async () => {
    await seed.contract([
      { status: "overdue", amount: 100n, paid: 30n, dueDate: "2026-12-02" },
      // Due on Monday of this week, before today: overdue.
      { status: "invoiced", amount: 200n, dueDate: "2026-11-30" },
      { status: "invoiced", amount: 300n, dueDate: "2026-12-03" },
      { status: "scheduled", amount: 400n, dueDate: "2026-12-06" },
      { status: "scheduled", amount: 500n, dueDate: "2026-12-07" },
      { status: "scheduled", amount: 600n, dueDate: "2027-02-21" },
      { status: "scheduled", amount: 700n, dueDate: "2027-02-22" },
      { status: "scheduled", amount: 800n, dueDate: null },
      { status: "scheduled", amount: 900n, dueDate: null },
      { status: "paid", amount: 1_000n, dueDate: "2026-12-04" },
      { status: "cancelled", amount: 1_100n, dueDate: "2026-12-04" },
    ]);
    await seed.contract([{ status: "scheduled", amount: 1_200n, dueDate: "2026-12-04" }], { status: "cancelled" });

    const report = await expectedCollections(db, shop, { today, period: "week", count: 12 });
    expect(report.periods[0]).toEqual({ start: "2026-11-30", end: "2026-12-06" });
    const [usd] = report.byCurrency;
    const amounts = new Map<string, [bigint, number]>(
      usd!.buckets.map((row) => [row.bucket.kind === "period" ? row.bucket.start : row.bucket.kind, [row.amountMinor, row.stages]]),
    );
    expect(amounts.get("overdue")).toEqual([70n + 200n, 2]);
    expect(amounts.get("2026-11-30")).toEqual([300n + 400n, 2]);
    expect(amounts.get("2026-12-07")).toEqual([500n, 1]);
    expect(amounts.get("2027-02-15")).toEqual([600n, 1]);
    expect(amounts.get("later")).toEqual([700n, 1]);
    expect(amounts.get("undated")).toEqual([1_700n, 2]);
    expect(amounts.get("2026-12-14")).toEqual([0n, 0]);
    expect(usd!.buckets).toHaveLength(1 + 12 + 2);

    // Reconciled: the buckets add up to every still-owed stage's open amount, each where the domain rule puts it.
    const open = (await openStages(shop)).filter((stage) => UNPAID_STAGE_STATUSES.includes(stage.status));
    expect(usd!.totalMinor).toBe(open.reduce((sum, stage) => sum + stage.open, 0n));
    const horizonEnd = report.periods[report.periods.length - 1]!.end;
    for (const stage of open) {
      const bucket = collectionBucketOf(stage.dueDate, today, horizonEnd, "week");
      expect(
        usd!.buckets.some(
          (row) => JSON.stringify(row.bucket.kind === "period" ? { kind: "period", start: row.bucket.start } : row.bucket) === JSON.stringify(bucket),
        ),
      ).toBe(true);
    }
  });

  it("groups by month ahead, the current month first", async () => {
    const report = await expectedCollections(db, shop, { today, period: "month", count: 3 });
    const amounts = report.byCurrency[0]!.buckets.map((row) => [row.bucket.kind === "period" ? row.bucket.start : row.bucket.kind, row.amountMinor]);
    expect(amounts).toEqual([
      ["overdue", 270n],
      ["2026-12-01", 300n + 400n + 500n],
      ["2027-01-01", 0n],
      ["2027-02-01", 600n + 700n],
      ["later", 0n],
      ["undated", 1_700n],
    ]);
  });
});

const sum = (entries: readonly { amountMinor: bigint }[]) => entries.reduce((total, entry) => total + entry.amountMinor, 0n);

describe("collected per period", () => {
  const shop = "collected.myshopify.com";
  const seed = reportSeed(db, shop);
  const berlin = "Europe/Berlin";

  it("dates each payment and refund in the shop's zone: 23:30 on a month's last day stays in that month", async () => {
    const contract = await seed.contract([{ status: "paid", amount: 10_000n, dueDate: "2027-01-10" }]);
    // 22:30 UTC is 23:30 in Berlin on 31 January: January's.
    await seed.entry(contract, { amount: 1_000n, at: "2027-01-31T22:30:00Z" });
    // 23:30 UTC is already 00:30 on 1 February in Berlin: February's.
    await seed.entry(contract, { amount: 2_000n, at: "2027-01-31T23:30:00Z" });
    await seed.entry(contract, { kind: "manualPayment", amount: 500n, at: "2027-02-10T09:00:00Z" });
    await seed.entry(contract, { kind: "refund", amount: 300n, at: "2027-02-11T09:00:00Z" });
    // A discount for paying in time settles part of a stage, but no money came in: not collected.
    await seed.entry(contract, { kind: "earlyPaymentDiscount", amount: 250n, at: "2027-02-12T09:00:00Z" });
    // Outside the range (December in Berlin, and April): not counted.
    await seed.entry(contract, { amount: 7n, at: "2026-12-31T22:59:00Z" });
    await seed.entry(contract, { amount: 9n, at: "2027-04-01T00:00:00Z" });
    await seed.entry(contract, { amount: 4_000n, currency: "EUR", at: "2027-03-15T12:00:00Z" });

    const report = await collectedReport(db, shop, { from: day("2027-01-01"), to: day("2027-03-31"), period: "month", timeZone: berlin });
    const usd = report.byCurrency.find((line) => line.currency === "USD")!;
    expect(usd.periods.map((row) => [row.start, row.paymentsMinor, row.payments, row.refundsMinor, row.refunds, row.netMinor])).toEqual([
      ["2027-01-01", 1_000n, 1, 0n, 0, 1_000n],
      ["2027-02-01", 2_500n, 2, 300n, 1, 2_200n],
      ["2027-03-01", 0n, 0, 0n, 0, 0n],
    ]);
    expect(usd.total).toEqual({ paymentsMinor: 3_500n, payments: 3, refundsMinor: 300n, refunds: 1, netMinor: 3_200n });
    expect(report.byCurrency.find((line) => line.currency === "EUR")!.total.netMinor).toBe(4_000n);

    // Reconciled to the ledger: payments less refunds of the entries whose Berlin day is in the range.
    const entries = await db.ledgerEntry.findMany({
      where: { shop, currency: "USD", occurredAt: { gte: new Date("2026-12-31T23:00:00Z"), lt: new Date("2027-03-31T22:00:00Z") } },
    });
    const moneyIn = entries.filter((entry) => entry.kind === "payment" || entry.kind === "manualPayment");
    const refunds = entries.filter((entry) => entry.kind === "refund");
    expect(entries).toHaveLength(moneyIn.length + refunds.length + 1);
    expect(usd.total.netMinor).toBe(sum(moneyIn) - sum(refunds));
  });

  it("reads the same instants by another zone's calendar, and by weeks", async () => {
    const utc = await collectedReport(db, shop, { from: day("2027-01-01"), to: day("2027-03-31"), period: "month", timeZone: "UTC" });
    expect(utc.byCurrency.find((line) => line.currency === "USD")!.periods.map((row) => row.netMinor)).toEqual([3_000n, 200n, 0n]);
    const weeks = await collectedReport(db, shop, { from: day("2027-01-25"), to: day("2027-02-07"), period: "week", timeZone: berlin });
    expect(weeks.byCurrency.find((line) => line.currency === "USD")!.periods.map((row) => [row.start, row.netMinor])).toEqual([
      ["2027-01-25", 1_000n],
      ["2027-02-01", 2_000n],
    ]);
  });
});
