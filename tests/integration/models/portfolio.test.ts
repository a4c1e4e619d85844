import { afterAll, describe, expect, it } from "vitest";

import type { ContractStatus } from "../../../app/domain/contract/contract-state";
import { portfolioPeriod } from "../../../app/domain/contract/portfolio";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import type { LedgerKind } from "../../../app/models/ledger.server";
import { portfolioFigures } from "../../../app/models/portfolio.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

interface StageRow {
  readonly status: StageStatus;
  readonly amount: bigint;
  readonly paid?: bigint;
  readonly dueDate: string | null;
}

const plans = new Map<string, string>();
let drafts = 0;

/** A contract row as the models would have left it, written directly: these tests are about reading. */
async function insertContract(
  shop: string,
  stages: readonly StageRow[],
  contract: { readonly status?: ContractStatus; readonly currency?: string; readonly timeZone?: string; readonly createdAt?: Date } = {},
): Promise<string> {
  drafts += 1;
  const planId = plans.get(shop) ?? (await db.plan.create({ data: { shop, name: "Plan", syntax: "preset", source: "{}", model: "{}" } })).id;
  plans.set(shop, planId);
  const created = await db.contract.create({
    data: {
      shop,
      planId,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${drafts}`,
      currency: contract.currency ?? "USD",
      totalMinor: stages.reduce((sum, stage) => sum + stage.amount, 0n),
      mode: "stageOrder",
      status: contract.status ?? "active",
      orderSnapshot: "{}",
      timeZone: contract.timeZone ?? "UTC",
      ...(contract.createdAt ? { createdAt: contract.createdAt } : {}),
      stages: {
        create: stages.map((stage, index) => ({
          position: index + 1,
          kind: "installment",
          title: `Stage ${index + 1}`,
          amountMinor: stage.amount,
          paidMinor: stage.paid ?? (stage.status === "paid" ? stage.amount : 0n),
          taxShares: "[]",
          dueRule: "{}",
          status: stage.status,
          dueDate: stage.dueDate,
        })),
      },
    },
  });
  return created.id;
}

async function insertEntry(
  shop: string,
  contractId: string,
  entry: { readonly kind?: LedgerKind; readonly amount: bigint; readonly currency?: string; readonly at: string },
) {
  await db.ledgerEntry.create({
    data: {
      shop,
      contractId,
      kind: entry.kind ?? "payment",
      amountMinor: entry.amount,
      currency: entry.currency ?? "USD",
      shopifyRef: `ref-${shop}-${entry.at}-${entry.amount}`,
      occurredAt: new Date(entry.at),
    },
  });
}

const figuresOf = (shop: string, now: string, timeZone = "UTC") => portfolioFigures(db, shop, portfolioPeriod(new Date(now), timeZone));

describe("the dashboard's figures (summed by the database)", () => {
  it("sorts each unpaid stage's open amount into overdue, this week and this month", async () => {
    const shop = "sorting.myshopify.com";
    // 2026-11-18 is a Wednesday: the week ends on Sunday the 22nd, the month on the 30th.
    await insertContract(shop, [
      { status: "paid", amount: 100n, dueDate: "2026-11-01" },
      { status: "overdue", amount: 200n, paid: 50n, dueDate: "2026-11-17" },
      { status: "invoiced", amount: 300n, dueDate: "2026-11-18" },
      { status: "scheduled", amount: 400n, dueDate: "2026-11-23" },
      { status: "scheduled", amount: 500n, dueDate: "2026-12-01" },
      { status: "scheduled", amount: 600n, dueDate: null },
    ]);
    await insertContract(shop, [
      { status: "failed", amount: 1_000n, dueDate: "2026-11-22" },
      { status: "cancelled", amount: 2_000n, dueDate: "2026-11-19" },
      { status: "refunded", amount: 3_000n, paid: 0n, dueDate: "2026-11-19" },
      // Unpaid by status but paid in full: nothing open.
      { status: "invoiced", amount: 4_000n, paid: 4_000n, dueDate: "2026-11-10" },
      { status: "scheduled", amount: 5_000n, dueDate: "2026-11-30" },
    ]);
    const figures = await figuresOf(shop, "2026-11-18T12:00:00Z");
    expect(figures.byCurrency.get("USD")).toEqual({ dueThisWeek: 1_300n, dueThisMonth: 6_700n, overdue: 150n, collectedThisMonth: 0n });
  });

  it("counts a week that ends in the next month in this week but not this month", async () => {
    const shop = "new-year.myshopify.com";
    // 2026-12-30 is a Wednesday: its week ends on 2027-01-03.
    await insertContract(shop, [
      { status: "scheduled", amount: 10n, dueDate: "2026-12-31" },
      { status: "scheduled", amount: 20n, dueDate: "2027-01-03" },
      { status: "scheduled", amount: 40n, dueDate: "2027-01-04" },
    ]);
    const figures = await figuresOf(shop, "2026-12-30T12:00:00Z");
    expect(figures.byCurrency.get("USD")).toMatchObject({ dueThisWeek: 30n, dueThisMonth: 10n, overdue: 0n });
  });

  it("never adds up money of different currencies, and a cancelled contract owes nothing but is counted", async () => {
    const shop = "currencies.myshopify.com";
    const today = "2026-11-18";
    await insertContract(shop, [{ status: "invoiced", amount: 1_000n, dueDate: today }], { createdAt: new Date("2026-11-01T00:00:00Z") });
    await insertContract(shop, [{ status: "invoiced", amount: 3_000n, dueDate: today }], { currency: "JPY", createdAt: new Date("2026-11-03T00:00:00Z") });
    await insertContract(shop, [{ status: "overdue", amount: 9_000n, dueDate: "2026-11-01" }], {
      currency: "KWD",
      status: "cancelled",
      createdAt: new Date("2026-11-02T00:00:00Z"),
    });
    await insertContract(shop, [{ status: "scheduled", amount: 7n, dueDate: today }], { status: "pending", createdAt: new Date("2026-10-01T00:00:00Z") });
    const figures = await figuresOf(shop, `${today}T12:00:00Z`);
    // The newest contract's currency first.
    expect([...figures.byCurrency.keys()]).toEqual(["JPY", "KWD", "USD"]);
    expect(figures.byCurrency.get("USD")?.dueThisWeek).toBe(1_007n);
    expect(figures.byCurrency.get("JPY")?.dueThisWeek).toBe(3_000n);
    expect(figures.byCurrency.get("KWD")).toEqual({ dueThisWeek: 0n, dueThisMonth: 0n, overdue: 0n, collectedThisMonth: 0n });
    expect(figures.contractsByStatus).toEqual({ pending: 1, awaitingDeposit: 0, active: 2, completed: 0, cancelled: 1 });
  });

  it("counts money recorded from the month's first day to today in the shop's zone, refunds aside", async () => {
    const shop = "collected.myshopify.com";
    // 2027-03-31T20:00Z is already Thursday 1 April in Auckland: the month began at 2027-03-31T11:00Z.
    const contract = await insertContract(shop, [{ status: "paid", amount: 1_000_000n, dueDate: "2027-03-01" }], {
      currency: "NZD",
      timeZone: "Pacific/Auckland",
    });
    const cancelled = await insertContract(shop, [{ status: "paid", amount: 1_000n, dueDate: "2027-03-01" }], {
      currency: "NZD",
      timeZone: "Pacific/Auckland",
      status: "cancelled",
    });
    await insertEntry(shop, contract, { amount: 1n, currency: "NZD", at: "2027-03-31T10:59:59.999Z" }); // 31 March there
    await insertEntry(shop, contract, { amount: 20n, currency: "NZD", at: "2027-03-31T11:00:00.000Z" }); // 1 April, 00:00
    await insertEntry(shop, contract, { kind: "manualPayment", amount: 300n, currency: "NZD", at: "2027-04-01T10:59:59.999Z" }); // 1 April, 23:59
    await insertEntry(shop, contract, { amount: 4_000n, currency: "NZD", at: "2027-04-01T11:00:00.000Z" }); // 2 April: not yet
    await insertEntry(shop, contract, { kind: "refund", amount: 50_000n, currency: "NZD", at: "2027-03-31T12:00:00.000Z" });
    // Money a contract took before it was cancelled was collected all the same.
    await insertEntry(shop, cancelled, { amount: 600_000n, currency: "NZD", at: "2027-03-31T12:00:00.000Z" });
    // A currency met only in the ledger still gets its line.
    await insertEntry(shop, contract, { amount: 7_000_000n, currency: "AUD", at: "2027-03-31T12:00:00.000Z" });

    const figures = await figuresOf(shop, "2027-03-31T20:00:00Z", "Pacific/Auckland");
    expect(figures.byCurrency.get("NZD")?.collectedThisMonth).toBe(600_320n);
    expect([...figures.byCurrency.keys()]).toEqual(["NZD", "AUD"]);
    expect(figures.byCurrency.get("AUD")).toEqual({ dueThisWeek: 0n, dueThisMonth: 0n, overdue: 0n, collectedThisMonth: 7_000_000n });
    // The same instant in UTC is still 31 March: March to 23:59 UTC counts.
    expect((await figuresOf(shop, "2027-03-31T20:00:00Z", "UTC")).byCurrency.get("NZD")?.collectedThisMonth).toBe(600_021n);
  });

  it("stays exact where the sums outgrow 2^53 and even PostgreSQL's BIGINT", async () => {
    const shop = "large.myshopify.com";
    const huge = 5_000_000_000_000_000_001n;
    await insertContract(shop, [{ status: "overdue", amount: huge, dueDate: "2026-11-01" }]);
    await insertContract(shop, [{ status: "overdue", amount: huge, dueDate: "2026-11-02" }]);
    const figures = await figuresOf(shop, "2026-11-18T12:00:00Z");
    expect(figures.byCurrency.get("USD")?.overdue).toBe(10_000_000_000_000_000_002n);
  });

  it("reads only the shop's own contracts and ledger, and has nothing for a shop without any", async () => {
    const shop = "own.myshopify.com";
    const other = "other.myshopify.com";
    const mine = await insertContract(shop, [{ status: "invoiced", amount: 100n, dueDate: "2026-11-18" }]);
    const theirs = await insertContract(other, [{ status: "invoiced", amount: 9_999n, dueDate: "2026-11-18" }], { status: "completed" });
    await insertEntry(shop, mine, { amount: 5n, at: "2026-11-10T00:00:00Z" });
    await insertEntry(other, theirs, { amount: 9_999n, at: "2026-11-10T00:00:00Z" });
    const figures = await figuresOf(shop, "2026-11-18T12:00:00Z");
    expect(Object.fromEntries(figures.byCurrency)).toEqual({ USD: { dueThisWeek: 100n, dueThisMonth: 100n, overdue: 0n, collectedThisMonth: 5n } });
    expect(figures.contractsByStatus).toEqual({ pending: 0, awaitingDeposit: 0, active: 1, completed: 0, cancelled: 0 });

    const empty = await figuresOf("empty.myshopify.com", "2026-11-18T12:00:00Z");
    expect(empty.byCurrency.size).toBe(0);
    expect(Object.values(empty.contractsByStatus).every((count) => count === 0)).toBe(true);
    await expect(portfolioFigures(db, "", portfolioPeriod(new Date(), "UTC"))).rejects.toThrow(/shop/);
  });
});
