import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RollForward, type BooksPeriod } from "../../../app/domain/books/roll-forward";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { deferredRevenueRollForward } from "../../../app/services/books/deferred-revenue.server";
import { journalEntriesThrough, rollForwardContracts } from "../../../app/services/books/journal-source.server";
import { createTestDatabase } from "../test-database";
import { seedContract, type SeedContract, type SeedStage } from "./books-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "deferred-range.myshopify.com";

const stage = (title: string, amountMinor: bigint, status: string, issueDate?: string): SeedStage => ({
  title,
  amountMinor,
  taxShares: [{ title: "VAT", amountMinor: amountMinor / 11n }],
  status,
  ...(issueDate ? { issueDate, dueDate: issueDate } : {}),
});
const paid = (stagePosition: number, amountMinor: bigint, at: string) => ({
  kind: "payment" as const,
  stage: stagePosition,
  amountMinor,
  at: `${at}T10:00:00Z`,
});

/**
 * Contracts around the range's edges: shipped long before, the day before, on its first day; open; cancelled before
 * the range, plainly or with a stage invoiced or paid after the cancellation.
 */
const CONTRACTS: Omit<SeedContract, "currency" | "draftName" | "customerName">[] = [
  {
    id: "shipped-long-ago",
    fulfilledOn: "2026-02-10",
    stages: [stage("Deposit", 33_000n, "paid", "2026-01-05"), stage("Balance", 77_000n, "paid", "2026-02-10")],
    ledger: [paid(1, 33_000n, "2026-01-05"), paid(2, 77_000n, "2026-02-12"), { kind: "refund", stage: 2, amountMinor: 1_100n, at: "2026-03-01T10:00:00Z" }],
  },
  {
    id: "shipped-day-before",
    fulfilledOn: "2026-12-31",
    stages: [stage("Deposit", 33_000n, "paid", "2026-12-01"), stage("Balance", 77_000n, "invoiced", "2026-12-31")],
    ledger: [paid(1, 33_000n, "2026-12-01")],
  },
  {
    id: "shipped-on-first-day",
    fulfilledOn: "2027-01-01",
    stages: [stage("Deposit", 33_000n, "paid", "2026-12-01"), stage("Balance", 77_000n, "invoiced", "2027-01-01")],
    ledger: [paid(1, 33_000n, "2026-12-01")],
  },
  {
    id: "open",
    stages: [stage("Deposit", 22_000n, "paid", "2026-06-01"), stage("Balance", 88_000n, "scheduled")],
    ledger: [paid(1, 22_000n, "2026-06-01")],
  },
  {
    id: "cancelled-then-shipped",
    status: "cancelled",
    cancelledOn: "2026-06-01",
    fulfilledOn: "2026-07-01",
    cancellation: JSON.stringify({ settlement: "keepAsCredit" }),
    // Invoiced after its cancellation, and its shipping recognised nothing: a liability the range opens with.
    stages: [stage("Deposit", 11_000n, "paid", "2026-05-01"), stage("Late", 22_000n, "invoiced", "2026-08-01")],
    ledger: [paid(1, 11_000n, "2026-05-01")],
  },
  {
    id: "cancelled-long-ago",
    status: "cancelled",
    cancelledOn: "2026-03-01",
    cancellation: JSON.stringify({ settlement: "close" }),
    // Its balance was invoiced before the cancellation and fell due after it: nothing after the cancellation day.
    stages: [
      stage("Deposit", 11_000n, "paid", "2026-02-01"),
      { ...stage("Balance", 22_000n, "cancelled"), issueDate: "2026-02-20", dueDate: "2026-03-20", invoiceNumber: "T-9" },
    ],
    ledger: [paid(1, 11_000n, "2026-02-01")],
  },
  {
    id: "cancelled-paid-late",
    status: "cancelled",
    cancelledOn: "2026-05-01",
    cancellation: JSON.stringify({ settlement: "keepAsCredit" }),
    // Its cancelled balance paid months later: the journal invoices it on that payment, after the cancellation.
    stages: [stage("Deposit", 11_000n, "paid", "2026-04-01"), stage("Balance", 11_000n, "cancelled")],
    ledger: [paid(1, 11_000n, "2026-04-01"), paid(2, 11_000n, "2026-09-01")],
  },
];

beforeAll(async () => {
  for (const contract of CONTRACTS) await seedContract(db, SHOP, { ...contract, currency: "USD", draftName: `#${contract.id}`, customerName: "Buyer" });
});

/** The roll-forward over the shop's whole history, as it was computed before the range picked the contracts. */
async function overWholeHistory(range: { from: CalendarDate; to: CalendarDate; period: BooksPeriod }) {
  const rollForward = new RollForward(range.from, range.to, range.period);
  for await (const entry of journalEntriesThrough(db, SHOP, range.to)) rollForward.add(entry);
  return rollForward.rows();
}

const RANGES = [
  { from: "2027-01-01", to: "2027-03-31", period: "month" },
  { from: "2026-12-15", to: "2027-01-10", period: "week" },
  { from: "2026-06-15", to: "2026-08-31", period: "month" },
  { from: "2026-01-01", to: "2026-12-31", period: "month" },
] as { from: CalendarDate; to: CalendarDate; period: BooksPeriod }[];

describe("the deferred revenue roll-forward reads the range's contracts and those not yet shipped", () => {
  it.each(RANGES)("from $from to $to by $period equals the roll-forward over the whole history", async (range) => {
    expect(await deferredRevenueRollForward(db, SHOP, range)).toEqual(await overWholeHistory(range));
  });

  it("opens 2027 with the liability of the contracts not shipped by then", async () => {
    const [january] = await deferredRevenueRollForward(db, SHOP, RANGES[0]!);
    // Net of VAT: "open"'s 20 000, "shipped-on-first-day"'s 30 000, "cancelled-then-shipped"'s late 20 000, "cancelled-paid-late"'s 10 000.
    expect(january).toMatchObject({ periodStart: "2027-01-01", openingMinor: 80_000n, recognisedOnShippingMinor: 30_000n, closingMinor: 50_000n });
  });

  it("leaves out the contracts that shipped or were cancelled before the range and have nothing within it", async () => {
    const where = await rollForwardContracts(db, SHOP, RANGES[0]!);
    const read = await db.contract.findMany({ where: { shop: SHOP, ...where }, select: { id: true }, orderBy: { id: "asc" } });
    expect(read.map((contract) => contract.id)).toEqual(["cancelled-paid-late", "cancelled-then-shipped", "open", "shipped-on-first-day"]);
  });
});
