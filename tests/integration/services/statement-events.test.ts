import { afterAll, describe, expect, it } from "vitest";

import type { Cancellation } from "../../../app/domain/contract/contract-state";
import { calendarDateAt, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { statementsByCurrency, type StatementEvent } from "../../../app/domain/documents/statement";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { ledgerTotals } from "../../../app/models/ledger.server";
import { statementEventsFor } from "../../../app/services/buyer-documents/statement-events.server";
import { createTestDatabase } from "../test-database";
import { cancelWith, invoiceStage, recordMoney, seedBuyerContract, setStageStatus, sumOfKind, wholeStatement } from "./buyer-contract-fixture";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const SHOP = "statement-events.myshopify.com";
const date = (text: string) => text as CalendarDate;
let quotes = 0;

/** 360.00 / 600.00 / 240.00 EUR in Berlin: the deposit invoiced on the order day and paid, payment 2 invoiced and open. */
async function depositPaidSecondOpen(): Promise<StoredContract> {
  quotes += 1;
  const contract = await seedBuyerContract(db, { shop: SHOP, quoteName: `#D${quotes}` });
  await invoiceStage(db, SHOP, contract.id, 1);
  await recordMoney(db, SHOP, contract.id, { position: 1, kind: "payment", amountMinor: 360_00n, at: "2026-10-01T09:00:00Z" });
  await setStageStatus(db, SHOP, contract.id, 1, "paid");
  return invoiceStage(db, SHOP, contract.id, 2, { issueDate: date("2026-10-20"), dueDate: date("2026-11-19") });
}

async function eventsOf(contractId: string): Promise<StatementEvent[]> {
  return statementEventsFor(db, SHOP, [contractId]);
}

/** The statement's identity and the ledger's: what the statement says was paid and refunded is what the ledger holds. */
async function expectLedgerBalance(contractId: string, events: readonly StatementEvent[]): Promise<bigint> {
  const statement = wholeStatement("EUR", events);
  const ledger = await ledgerTotals(db, SHOP, { contractId });
  expect(sumOfKind(events, "payment")).toBe(ledger.receivedMinor);
  expect(sumOfKind(events, "refund")).toBe(ledger.refundedMinor);
  expect(statement.closingMinor).toBe(
    sumOfKind(events, "invoice") - sumOfKind(events, "payment") + sumOfKind(events, "refund") - sumOfKind(events, "cancellation"),
  );
  return statement.closingMinor;
}

/** What the invoiced stages of a live contract still lack. */
async function owedOnInvoicedStages(contractId: string): Promise<bigint> {
  const contract = await getContract(db, SHOP, contractId);
  return (contract?.stages ?? [])
    .filter((stage) => stage.invoiceNumber !== null && !["paid", "refunded", "cancelled"].includes(stage.status))
    .reduce((sum, stage) => sum + stage.amountMinor - stage.paidMinor, 0n);
}

describe("statementEventsFor: a live contract", () => {
  it("bills each invoiced stage on its issue date and closes at what the invoiced stages still owe", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 2, kind: "manualPayment", amountMinor: 100_00n, at: "2026-10-25T12:00:00Z", reference: "WT-778" });
    // 22:30 UTC on October 1 is already October 2 in Berlin: the contract's calendar, not UTC's, dates the payment.
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "payment", amountMinor: 1n, at: "2026-10-01T22:30:00Z" });

    const events = await eventsOf(contract.id);
    const [deposit, second] = contract.stages;
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: "2026-10-01", kind: "invoice", reference: deposit!.invoiceNumber, amountMinor: 360_00n }),
        {
          date: "2026-10-20",
          kind: "invoice",
          contractId: contract.id,
          reference: second!.invoiceNumber,
          description: `Payment 2 of 3 — Payment before shipping (${contract.sourceDraftName})`,
          amountMinor: 600_00n,
          currency: "EUR",
        },
        expect.objectContaining({ date: "2026-10-01", kind: "payment", reference: deposit!.invoiceNumber, amountMinor: 360_00n }),
        expect.objectContaining({
          date: "2026-10-25",
          kind: "payment",
          reference: "WT-778",
          description: `Payment received (Wire transfer): Payment 2 of 3 — Payment before shipping (${contract.sourceDraftName})`,
        }),
        expect.objectContaining({ date: "2026-10-02", kind: "payment", amountMinor: 1n }),
      ]),
    );
    expect(events.filter((event) => event.kind === "invoice")).toHaveLength(2);
    expect(events.filter((event) => event.kind === "cancellation")).toEqual([]);
    // The cent paid on the paid deposit is beyond its amount: a credit in the buyer's favour.
    expect(await expectLedgerBalance(contract.id, events)).toBe((await owedOnInvoicedStages(contract.id)) - 1n);
  });

  it("writes the lines in the buyer's language", async () => {
    const contract = await depositPaidSecondOpen();
    const events = await statementEventsFor(db, SHOP, [contract.id], { locale: "de-AT" });
    expect(events.find((event) => event.kind === "invoice" && event.amountMinor === 600_00n)?.description).toBe(
      `Zahlung 2 von 3 — Payment before shipping (${contract.sourceDraftName})`,
    );
    expect(events.find((event) => event.kind === "payment")?.description).toMatch(/^Zahlungseingang: Zahlung 1 von 3/);
  });

  it("a refund comes with a credit note on its day: what it gives back is no longer owed", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: 60_00n, at: "2026-11-02T10:00:00Z" });
    const events = await eventsOf(contract.id);
    expect(events.filter((event) => event.kind === "cancellation")).toEqual([
      expect.objectContaining({
        date: "2026-11-02",
        reference: contract.stages[0]!.invoiceNumber,
        amountMinor: 60_00n,
        description: expect.stringMatching(/^Credit note: Payment 1 of 3/),
      }),
    ]);
    expect(await expectLedgerBalance(contract.id, events)).toBe(await owedOnInvoicedStages(contract.id));
  });

  it("giving back an overpayment is no credit note: that money was never owed", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "payment", amountMinor: 40_00n, at: "2026-10-03T10:00:00Z" });
    expect(await expectLedgerBalance(contract.id, await eventsOf(contract.id))).toBe(600_00n - 40_00n);
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: 50_00n, at: "2026-10-04T10:00:00Z" });
    const events = await eventsOf(contract.id);
    // 40.00 of the refund returned the overpayment; the other 10.00 came off the deposit itself.
    expect(events.filter((event) => event.kind === "cancellation").map((event) => event.amountMinor)).toEqual([10_00n]);
    expect(await expectLedgerBalance(contract.id, events)).toBe(600_00n);
  });

  it("a stage invoiced without an issue date is billed on the day it was numbered", async () => {
    quotes += 1;
    const contract = await seedBuyerContract(db, { shop: SHOP, quoteName: `#D${quotes}`, timeZone: "Pacific/Auckland" });
    const invoiced = await invoiceStage(db, SHOP, contract.id, 2);
    const numbered = await db.auditLog.findFirstOrThrow({ where: { contractId: contract.id, action: "stage.invoiceNumbered" } });
    const events = await eventsOf(contract.id);
    expect(invoiced.stages[1]!.issueDate).toBeNull();
    expect(events).toEqual([expect.objectContaining({ kind: "invoice", date: calendarDateAt(numbered.createdAt, "Pacific/Auckland"), amountMinor: 600_00n })]);
  });

  it("a stage paid without an invoice (the whole balance at once) is billed on the day its money arrived", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 2, kind: "payment", amountMinor: 600_00n, at: "2026-10-21T10:00:00Z" });
    await recordMoney(db, SHOP, contract.id, { position: 3, kind: "payment", amountMinor: 240_00n, at: "2026-10-21T10:00:00Z" });
    const events = await eventsOf(contract.id);
    expect(events.filter((event) => event.kind === "invoice" && event.amountMinor === 240_00n)).toEqual([
      expect.objectContaining({
        date: "2026-10-21",
        reference: contract.sourceDraftName,
        description: `Payment 3 of 3 — Balance (net 30) (${contract.sourceDraftName})`,
      }),
    ]);
    expect(await expectLedgerBalance(contract.id, events)).toBe(0n);
  });
});

describe("statementEventsFor: a cancelled contract closes at what the buyer really owes", () => {
  const later = () => new Date(Date.now() + 60_000);
  const cases: { name: string; cancellation: Cancellation | undefined; closing: bigint; refundAfter: bigint; closingAfterRefund: bigint }[] = [
    { name: "kept and the order closed", cancellation: { settlement: "close" }, closing: 0n, refundAfter: 0n, closingAfterRefund: 0n },
    { name: "kept as the customer's credit", cancellation: { settlement: "keepAsCredit" }, closing: -360_00n, refundAfter: 0n, closingAfterRefund: -360_00n },
    {
      name: "refunded in full",
      cancellation: { settlement: "refund", amount: "all", refundedBefore: 0n },
      closing: -360_00n,
      refundAfter: 360_00n,
      closingAfterRefund: 0n,
    },
    {
      name: "refunded in part",
      cancellation: { settlement: "refund", amount: 100_00n, refundedBefore: 0n },
      closing: -100_00n,
      refundAfter: 100_00n,
      closingAfterRefund: 0n,
    },
    { name: "cancelled in Shopify, which refunds on its own", cancellation: undefined, closing: 0n, refundAfter: 360_00n, closingAfterRefund: 0n },
  ];

  it.each(cases)("$name", async ({ cancellation, closing, refundAfter, closingAfterRefund }) => {
    const contract = await depositPaidSecondOpen();
    await cancelWith(db, SHOP, contract.id, cancellation);
    const cancelled = await db.auditLog.findFirstOrThrow({ where: { contractId: contract.id, action: "contract.cancelled" } });
    const events = await eventsOf(contract.id);
    expect(await expectLedgerBalance(contract.id, events)).toBe(closing);
    // Each credit note is dated the day of the cancellation, against the invoice it credits.
    for (const credit of events.filter((event) => event.kind === "cancellation")) {
      expect(credit.date).toBe(calendarDateAt(cancelled.createdAt, "Europe/Berlin"));
      expect([contract.stages[0]!.invoiceNumber, contract.stages[1]!.invoiceNumber]).toContain(credit.reference);
    }
    expect(sumOfKind(events, "cancellation")).toBe(360_00n + 600_00n - 360_00n - closing);

    if (refundAfter > 0n) await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: refundAfter, at: later() });
    expect(await expectLedgerBalance(contract.id, await eventsOf(contract.id))).toBe(closingAfterRefund);
  });

  it("a refund before the cancellation keeps its own credit note; closing the order settles the rest at zero", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: 60_00n, at: "2026-11-02T10:00:00Z" });
    await cancelWith(db, SHOP, contract.id, { settlement: "close" });
    const events = await eventsOf(contract.id);
    expect(events.filter((event) => event.kind === "cancellation").map((event) => [event.date, event.amountMinor])).toEqual([
      ["2026-11-02", 60_00n],
      [expect.any(String), 600_00n],
    ]);
    expect(await expectLedgerBalance(contract.id, events)).toBe(0n);
  });

  it("a part refund counted on from what was refunded before the cancellation", async () => {
    const contract = await depositPaidSecondOpen();
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: 60_00n, at: "2026-11-02T10:00:00Z" });
    await cancelWith(db, SHOP, contract.id, { settlement: "refund", amount: 100_00n, refundedBefore: 60_00n });
    expect(await expectLedgerBalance(contract.id, await eventsOf(contract.id))).toBe(-100_00n);
    await recordMoney(db, SHOP, contract.id, { position: 1, kind: "refund", amountMinor: 100_00n, at: later() });
    expect(await expectLedgerBalance(contract.id, await eventsOf(contract.id))).toBe(0n);
  });
});

describe("statementEventsFor: several contracts", () => {
  it("gives every contract's events in its own currency, and none for an unknown id or another shop's", async () => {
    const euro = await depositPaidSecondOpen();
    quotes += 1;
    const dollars = await seedBuyerContract(db, { shop: SHOP, quoteName: `#D${quotes}`, currency: "USD", total: "500.00" });
    await invoiceStage(db, SHOP, dollars.id, 1);
    const elsewhere = await seedBuyerContract(db, { shop: "another-shop.myshopify.com", quoteName: "#D1" });
    await invoiceStage(db, "another-shop.myshopify.com", elsewhere.id, 1);

    const events = await statementEventsFor(db, SHOP, [euro.id, dollars.id, "no-such-contract", elsewhere.id]);
    expect(new Set(events.map((event) => event.contractId))).toEqual(new Set([euro.id, dollars.id]));
    const statements = statementsByCurrency(events, { from: date("2026-01-01"), to: date("2027-12-31") });
    expect(statements.map((statement) => [statement.currency, statement.closingMinor])).toEqual([
      ["EUR", 600_00n],
      ["USD", 150_00n],
    ]);
  });
});
