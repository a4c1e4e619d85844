import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { contractStatementEvents, type StatementContract, type StatementMoney } from "../../../app/domain/documents/contract-statement-events";
import type { StatementEvent } from "../../../app/domain/documents/statement";
import { statementWordsFor } from "../../../app/services/buyer-documents/statement-words";

const date = (text: string) => text as CalendarDate;
const money = (stageId: string, kind: StatementMoney["kind"], amountMinor: bigint, at: string): StatementMoney => ({
  stageId,
  kind,
  amountMinor,
  occurredAt: new Date(at),
  method: null,
  reference: null,
});

type StatementStage = StatementContract["stages"][number];

/** A stage invoiced on `issued` (T-<position>) and due 30 days later, unless the changes say otherwise. */
function stage(position: number, kind: StatementStage["kind"], title: string, amountMinor: bigint, changes: Partial<StatementStage> = {}): StatementStage {
  return {
    id: `s${position}`,
    position,
    kind,
    title,
    amountMinor,
    invoiceNumber: `T-${position}`,
    issueDate: null,
    dueDate: null,
    numberedAt: null,
    ...changes,
  };
}

const DEPOSIT = stage(1, "deposit", "Deposit", 40_000n, { issueDate: date("2027-02-01"), dueDate: date("2027-02-01") });

/** 1 000.00 in two stages: 400.00 paid at checkout, 600.00 invoiced 2027-03-01 and paid 588.00 in time (2% off). */
function contract(changes: Partial<StatementContract> = {}): StatementContract {
  return {
    id: "c1",
    currency: "EUR",
    timeZone: "Europe/Berlin",
    name: "#1001",
    createdAt: new Date("2027-02-01T10:00:00Z"),
    cancelled: null,
    stages: [DEPOSIT, stage(2, "balance", "Balance", 60_000n, { issueDate: date("2027-03-01"), dueDate: date("2027-03-31") })],
    ledger: [
      money("s1", "payment", 40_000n, "2027-02-01T10:00:00Z"),
      money("s2", "payment", 58_800n, "2027-03-09T10:00:00Z"),
      money("s2", "earlyPaymentDiscount", 1_200n, "2027-03-09T10:00:00Z"),
    ],
    ...changes,
  };
}

/** What the buyer owes after the events: invoices and refunds are debits, payments and credit notes credits. */
const balanceOf = (events: readonly StatementEvent[]) =>
  events.reduce((sum, event) => sum + (event.kind === "invoice" || event.kind === "refund" ? event.amountMinor : -event.amountMinor), 0n);

describe("an early-payment discount on the buyer's statement", () => {
  it("is a credit note on the stage's invoice, on the day of the payment that earned it, and the statement closes at zero", () => {
    const events = contractStatementEvents(contract(), statementWordsFor("en"));
    expect(
      events
        .filter((event) => event.contractId === "c1" && event.reference === "T-2")
        .map((event) => [event.date, event.kind, event.description, event.amountMinor]),
    ).toEqual([
      ["2027-03-01", "invoice", "Payment 2 of 2 — Balance (#1001)", 60_000n],
      ["2027-03-09", "payment", "Payment received: Payment 2 of 2 — Balance (#1001)", 58_800n],
      ["2027-03-09", "cancellation", "Early-payment discount: Payment 2 of 2 — Balance (#1001)", 1_200n],
    ]);
    expect(balanceOf(events)).toBe(0n);
  });

  it("is worded in the buyer's language", () => {
    const german = contractStatementEvents(contract(), statementWordsFor("de"));
    expect(german.find((event) => event.kind === "cancellation")?.description).toMatch(/^Skonto: /);
  });

  it.each([
    ["keepAsCredit", { settlement: "keepAsCredit" } as const, -98_800n],
    ["refund all", { settlement: "refund", amount: "all", refundedBefore: 0n } as const, -98_800n],
    ["close", { settlement: "close" } as const, 0n],
  ])("stays granted when the contract is cancelled (%s): only the money is owed back", (_name, settlement, closing) => {
    const events = contractStatementEvents(contract({ cancelled: { at: new Date("2027-03-20T10:00:00Z"), settlement } }), statementWordsFor("en"));
    expect(balanceOf(events)).toBe(closing);
  });
});

describe("a late fee on the buyer's statement", () => {
  /** Three plan stages, and a fixed fee charged on payment 2 at position 1002, invoiced and paid. */
  const withFee = (title: string) =>
    contract({
      stages: [
        DEPOSIT,
        stage(2, "installment", "Milestone", 30_000n, { issueDate: date("2027-03-01"), dueDate: date("2027-03-31") }),
        stage(3, "balance", "Balance", 30_000n, { invoiceNumber: null }),
        { ...stage(1002, "lateFee", title, 2_500n, { issueDate: date("2027-04-10"), dueDate: date("2027-04-24") }), id: "f2", invoiceNumber: "T-3" },
      ],
      ledger: [money("s1", "payment", 40_000n, "2027-02-01T10:00:00Z"), money("f2", "payment", 2_500n, "2027-04-12T10:00:00Z")],
    });
  const descriptions = (events: readonly StatementEvent[]) =>
    events.filter((event) => event.contractId === "c1").map((event) => [event.kind, event.description]);

  it("counts only the plan's stages, and names the fee by its title alone", () => {
    expect(descriptions(contractStatementEvents(withFee("Late fee on payment 2 of 3 (Milestone)"), statementWordsFor("en")))).toEqual([
      ["invoice", "Payment 1 of 3 — Deposit (#1001)"],
      ["invoice", "Payment 2 of 3 — Milestone (#1001)"],
      ["invoice", "Late fee on payment 2 of 3 (Milestone) (#1001)"],
      ["payment", "Payment received: Payment 1 of 3 — Deposit (#1001)"],
      ["payment", "Payment received: Late fee on payment 2 of 3 (Milestone) (#1001)"],
    ]);
  });

  it("in German too", () => {
    const events = contractStatementEvents(withFee("Mahngebühr für Zahlung 2 von 3 (Milestone)"), statementWordsFor("de"));
    const invoices = events.filter((event) => event.kind === "invoice").map((event) => event.description);
    expect(invoices).toEqual([
      "Zahlung 1 von 3 — Deposit (#1001)",
      "Zahlung 2 von 3 — Milestone (#1001)",
      "Mahngebühr für Zahlung 2 von 3 (Milestone) (#1001)",
    ]);
  });
});
