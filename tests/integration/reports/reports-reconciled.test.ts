import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { cancelContractRecord } from "../../../app/models/contracts.server";
import { recordLedgerEntry, type LedgerKind } from "../../../app/models/ledger.server";
import { agingReport } from "../../../app/models/reports/aging.server";
import { expectedCollections } from "../../../app/models/reports/expected-collections.server";
import { accountBalancesAt } from "../../../app/services/books/journal-source.server";
import { seedContract, type SeedStage } from "../books/books-seed";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const SHOP = "reconciled.myshopify.com";
const TODAY = "2027-03-31" as CalendarDate;
const vat = (amount: bigint) => [{ title: "VAT", amountMinor: amount / 11n }];
const stage = (title: string, amountMinor: bigint, status: string, dates: { issueDate?: string; dueDate?: string } = {}): SeedStage => ({
  title,
  amountMinor,
  taxShares: vat(amountMinor),
  status,
  ...dates,
});

let refs = 0;
/** Money moved through the ledger model, so each stage's paid and refunded columns move as the app moves them. */
async function move(contractId: string, position: number | null, kind: LedgerKind, amountMinor: bigint, at: string) {
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId } });
  refs += 1;
  await recordLedgerEntry(db, SHOP, {
    contractId,
    ...(position === null ? {} : { stageId: `${contractId}-s${position}` }),
    kind,
    amountMinor,
    currency: contract.currency,
    shopifyRef: `reconciled-${refs}`,
    occurredAt: new Date(at),
    actor: "system",
  });
}

async function markPaid(contractId: string, position: number) {
  await db.stage.update({ where: { id: `${contractId}-s${position}` }, data: { status: "paid" } });
}

/**
 * Four contracts: a USD one paid in full, in part, less an early-payment discount, and refunded; a USD one part paid and then cancelled by staff (its
 * unpaid stages cancelled, the deposit kept as credit); a JPY one long overdue with a refund that names no stage; a
 * USD stage paid in part before it was invoiced (a buyer paying ahead).
 */
beforeAll(async () => {
  const none = { draftName: "#D", customerName: "Buyer", ledger: [] };
  await seedContract(db, SHOP, {
    ...none,
    id: "rec-a",
    currency: "USD",
    stages: [
      stage("Deposit", 33_000n, "paid", { issueDate: "2027-01-05", dueDate: "2027-01-05" }),
      stage("Pre-shipping", 55_000n, "overdue", { issueDate: "2027-02-01", dueDate: "2027-02-15" }),
      stage("Balance", 22_000n, "invoiced", { issueDate: "2027-03-11", dueDate: "2027-04-10" }),
    ],
  });
  await move("rec-a", 1, "payment", 33_000n, "2027-01-05T10:00:00Z");
  await markPaid("rec-a", 1);
  await move("rec-a", 2, "payment", 20_000n, "2027-02-20T10:00:00Z");
  await move("rec-a", 2, "manualPayment", 5_000n, "2027-03-01T00:00:00Z");
  await move("rec-a", 1, "refund", 3_300n, "2027-03-02T10:00:00Z");
  // The balance paid in time, less its early-payment discount: settled without all of its money.
  await move("rec-a", 3, "payment", 21_780n, "2027-03-15T10:00:00Z");
  await move("rec-a", 3, "earlyPaymentDiscount", 220n, "2027-03-15T10:00:00Z");
  await markPaid("rec-a", 3);

  await seedContract(db, SHOP, {
    ...none,
    id: "rec-b",
    currency: "USD",
    stages: [
      stage("Deposit", 33_000n, "paid", { issueDate: "2027-01-20", dueDate: "2027-01-20" }),
      stage("Pre-shipping", 55_000n, "invoiced", { issueDate: "2027-03-01", dueDate: "2027-03-15" }),
      stage("Balance", 22_000n, "scheduled"),
    ],
  });
  await move("rec-b", 1, "payment", 33_000n, "2027-01-20T10:00:00Z");
  await markPaid("rec-b", 1);
  await move("rec-b", 2, "payment", 10_000n, "2027-03-05T10:00:00Z");
  // The cancel reads the contract back whole: it needs the order it was attached to.
  const snapshot = { currency: "USD", total: "110000", orderDate: "2027-01-20", paymentDueDate: "2027-01-20", dates: {}, taxLines: [], events: {} };
  const b = await db.contract.update({ where: { id: "rec-b" }, data: { orderSnapshot: JSON.stringify(snapshot) } });
  await cancelContractRecord(db, SHOP, {
    contractId: "rec-b",
    version: b.version,
    reason: "Buyer withdrew",
    cancellation: { settlement: "keepAsCredit" },
    at: new Date("2027-03-20T12:00:00Z"),
    actor: "staff:1",
  });

  await seedContract(db, SHOP, {
    ...none,
    id: "rec-c",
    currency: "JPY",
    stages: [
      stage("Deposit", 33_000n, "paid", { issueDate: "2026-11-01", dueDate: "2026-11-01" }),
      stage("Balance", 77_000n, "overdue", { issueDate: "2026-11-20", dueDate: "2026-12-01" }),
    ],
  });
  await move("rec-c", 1, "payment", 33_000n, "2026-11-01T03:00:00Z");
  await markPaid("rec-c", 1);
  await move("rec-c", null, "refund", 1_000n, "2027-01-10T03:00:00Z");

  await seedContract(db, SHOP, {
    ...none,
    id: "rec-d",
    currency: "USD",
    stages: [stage("Deposit", 11_000n, "scheduled", { issueDate: "2027-05-01", dueDate: "2027-05-01" })],
  });
  await move("rec-d", 1, "manualPayment", 4_000n, "2027-03-10T00:00:00Z");
});

/** Each stage's payments and refunds summed from the ledger rows. */
async function ledgerByStage() {
  const entries = await db.ledgerEntry.findMany({ where: { shop: SHOP } });
  const sums = new Map<string, { paid: bigint; refunded: bigint }>();
  for (const entry of entries) {
    if (entry.stageId === null) continue;
    const sum = sums.get(entry.stageId) ?? { paid: 0n, refunded: 0n };
    if (entry.kind === "refund") sum.refunded += entry.amountMinor;
    else sum.paid += entry.amountMinor;
    sums.set(entry.stageId, sum);
  }
  return sums;
}

describe("aging and expected collections reconciled to the ledger and the journal", () => {
  it("each stage's paid and refunded amounts are its ledger sums", async () => {
    const sums = await ledgerByStage();
    const stages = await db.stage.findMany({ where: { contract: { shop: SHOP } } });
    expect(stages).toHaveLength(9);
    for (const row of stages) {
      expect([row.id, row.paidMinor, row.refundedMinor]).toEqual([row.id, sums.get(row.id)?.paid ?? 0n, sums.get(row.id)?.refunded ?? 0n]);
    }
  });

  it("the aging total of each currency is the journal's accounts-receivable balance", async () => {
    const aging = await agingReport(db, SHOP, TODAY);
    const balances = await accountBalancesAt(db, SHOP, TODAY);
    const receivable = (currency: string) =>
      balances.filter((row) => row.currency === currency && row.account === "accountsReceivable").reduce((sum, row) => sum + row.balanceMinor, 0n);
    expect(aging.totals.map((total) => [total.currency, total.totalMinor])).toEqual([
      ["JPY", receivable("JPY")],
      ["USD", receivable("USD")],
    ]);
    // By hand: #a's pre-shipping 55 000 − 25 000 (its balance paid less a discount); #d's 11 000 paid ahead by 4 000; #c's 77 000.
    expect(receivable("USD")).toBe(30_000n + 7_000n);
    expect(receivable("JPY")).toBe(77_000n);
  });

  it("expected collections total the receivable plus what stages not yet invoiced still ask for, by the ledger", async () => {
    const collections = await expectedCollections(db, SHOP, { today: TODAY, period: "month", count: 3 });
    const balances = await accountBalancesAt(db, SHOP, TODAY);
    const sums = await ledgerByStage();
    const notInvoiced = await db.stage.findMany({
      where: { contract: { shop: SHOP, status: { not: "cancelled" } }, status: "scheduled" },
      include: { contract: true },
    });
    for (const { currency, totalMinor } of collections.byCurrency) {
      const receivable = balances
        .filter((row) => row.currency === currency && row.account === "accountsReceivable")
        .reduce((sum, row) => sum + row.balanceMinor, 0n);
      const ahead = notInvoiced
        .filter((row) => row.contract.currency === currency)
        .reduce((sum, row) => sum + row.amountMinor - (sums.get(row.id)?.paid ?? 0n), 0n);
      // #d's stage is paid ahead: the journal invoiced it on that payment, so it is in the receivable, not ahead.
      const invoicedByPayment = notInvoiced
        .filter((row) => row.contract.currency === currency && (sums.get(row.id)?.paid ?? 0n) > 0n)
        .reduce((sum, row) => sum + row.amountMinor - (sums.get(row.id)?.paid ?? 0n), 0n);
      expect([currency, totalMinor]).toEqual([currency, receivable + ahead - invoicedByPayment]);
    }
  });
});
