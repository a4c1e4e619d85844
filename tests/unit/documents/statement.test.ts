import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import {
  buildStatement,
  statementsByCurrency,
  StatementError,
  type StatementEvent,
  type StatementEventKind,
  type StatementPeriod,
} from "../../../app/domain/documents/statement";

const date = (text: string) => text as CalendarDate;
const period = (from: string, to: string): StatementPeriod => ({ from: date(from), to: date(to) });

function event(kind: StatementEventKind, on: string, amountMinor: bigint, reference: string, fields: Partial<StatementEvent> = {}): StatementEvent {
  return { date: date(on), kind, contractId: "ctr_1", reference, description: `${kind} ${reference}`, amountMinor, currency: "USD", ...fields };
}

/** The fixtures' 30/50/20 contract of $22,769.39: the deposit invoiced and paid in January, payment 2 invoiced in February and partly paid. */
const CONTRACT_30_50_20 = [
  event("invoice", "2027-01-04", 6_830_82n, "TR-000001"),
  event("payment", "2027-01-04", 6_830_82n, "#1002"),
  event("invoice", "2027-02-03", 11_384_70n, "TR-000004"),
  event("payment", "2027-02-10", 5_000_00n, "#1002-2"),
];

describe("buildStatement: the documented examples", () => {
  it("January: the deposit invoiced and paid on one day closes at zero, the invoice first", () => {
    const statement = buildStatement("USD", CONTRACT_30_50_20, period("2027-01-01", "2027-01-31"));
    expect(statement.openingMinor).toBe(0n);
    expect(statement.lines.map((line) => [line.kind, line.debitMinor, line.creditMinor, line.balanceMinor])).toEqual([
      ["invoice", 6_830_82n, 0n, 6_830_82n],
      ["payment", 0n, 6_830_82n, 0n],
    ]);
    expect(statement.closingMinor).toBe(0n);
  });

  it("February: payment 2 invoiced and partly paid closes at what is still owed on it", () => {
    const statement = buildStatement("USD", CONTRACT_30_50_20, period("2027-02-01", "2027-02-28"));
    expect(statement).toEqual({
      currency: "USD",
      from: "2027-02-01",
      to: "2027-02-28",
      openingMinor: 0n,
      lines: [
        {
          date: "2027-02-03",
          kind: "invoice",
          reference: "TR-000004",
          description: "invoice TR-000004",
          contractId: "ctr_1",
          debitMinor: 11_384_70n,
          creditMinor: 0n,
          balanceMinor: 11_384_70n,
        },
        {
          date: "2027-02-10",
          kind: "payment",
          reference: "#1002-2",
          description: "payment #1002-2",
          contractId: "ctr_1",
          debitMinor: 0n,
          creditMinor: 5_000_00n,
          balanceMinor: 6_384_70n,
        },
      ],
      closingMinor: 6_384_70n,
      totals: { invoicedMinor: 11_384_70n, paidMinor: 5_000_00n, refundedMinor: 0n, cancelledMinor: 0n },
    });
  });

  it("a whole quarter opens at zero and closes at the same figure as February", () => {
    expect(buildStatement("USD", CONTRACT_30_50_20, period("2027-01-01", "2027-03-31")).closingMinor).toBe(6_384_70n);
  });

  it("March: payment 2 cancelled and the 5,000.00 paid on it refunded: credited in full, the refund debited, closes at zero", () => {
    const events = [
      ...CONTRACT_30_50_20,
      event("refund", "2027-03-02", 5_000_00n, "#1002-2 refund"),
      event("cancellation", "2027-03-02", 11_384_70n, "TR-000004"),
    ];
    const statement = buildStatement("USD", events, period("2027-03-01", "2027-03-31"));
    expect(statement.openingMinor).toBe(6_384_70n);
    expect(statement.lines.map((line) => [line.kind, line.debitMinor, line.creditMinor, line.balanceMinor])).toEqual([
      ["cancellation", 0n, 11_384_70n, -5_000_00n],
      ["refund", 5_000_00n, 0n, 0n],
    ]);
    expect(statement.closingMinor).toBe(0n);
    expect(statement.totals).toEqual({ invoicedMinor: 0n, paidMinor: 0n, refundedMinor: 5_000_00n, cancelledMinor: 11_384_70n });
  });

  it("March: payment 2 cancelled with the 5,000.00 kept: the credit note is the part not paid", () => {
    const events = [...CONTRACT_30_50_20, event("cancellation", "2027-03-02", 6_384_70n, "TR-000004")];
    const statement = buildStatement("USD", events, period("2027-03-01", "2027-03-31"));
    expect([statement.openingMinor, statement.lines[0]?.creditMinor, statement.closingMinor]).toEqual([6_384_70n, 6_384_70n, 0n]);
  });

  it("events before the period only open the balance; events after it are left out", () => {
    const statement = buildStatement("USD", CONTRACT_30_50_20, period("2027-01-05", "2027-02-05"));
    expect(statement.openingMinor).toBe(0n);
    expect(statement.lines.map((line) => line.reference)).toEqual(["TR-000004"]);
    expect(statement.closingMinor).toBe(11_384_70n);
  });

  it("a one-day period includes both ends", () => {
    expect(buildStatement("USD", CONTRACT_30_50_20, period("2027-02-03", "2027-02-03")).lines).toHaveLength(1);
  });

  it("on one day: invoices, payments, cancellations, refunds, then by reference, whatever the input order", () => {
    const day = "2027-02-03";
    const events = [
      event("refund", day, 1n, "R"),
      event("payment", day, 1n, "P-2"),
      event("cancellation", day, 1n, "C"),
      event("invoice", day, 1n, "TR-2"),
      event("payment", day, 1n, "P-1"),
      event("invoice", day, 1n, "TR-1"),
    ];
    const references = buildStatement("USD", events, period(day, day)).lines.map((line) => line.reference);
    expect(references).toEqual(["TR-1", "TR-2", "P-1", "P-2", "C", "R"]);
  });

  it("no events: opening and closing zero, no lines", () => {
    const statement = buildStatement("JPY", [], period("2027-01-01", "2027-01-31"));
    expect([statement.openingMinor, statement.lines.length, statement.closingMinor]).toEqual([0n, 0, 0n]);
  });

  it.each([
    [
      "a period that ends before it starts",
      "USD",
      CONTRACT_30_50_20,
      period("2027-02-01", "2027-01-31"),
      "period.to: 2027-01-31 is before the period's start 2027-02-01",
    ],
    [
      "an event in another currency",
      "USD",
      [event("invoice", "2027-01-04", 1n, "TR-1", { currency: "EUR" })],
      period("2027-01-01", "2027-01-31"),
      "events[0].currency",
    ],
    ["an amount of zero", "USD", [event("payment", "2027-01-04", 0n, "P")], period("2027-01-01", "2027-01-31"), "events[0].amountMinor: must be above zero"],
    ["a negative amount", "USD", [event("refund", "2027-01-04", -5n, "R")], period("2027-01-01", "2027-01-31"), "events[0].amountMinor"],
    ["an unknown currency", "XYZ", [], period("2027-01-01", "2027-01-31"), "currency:"],
  ])("refuses %s", (_case, currency, events, statementPeriod, message) => {
    expect(() => buildStatement(currency, events, statementPeriod)).toThrow(StatementError);
    expect(() => buildStatement(currency, events, statementPeriod)).toThrow(message);
  });
});

describe("statementsByCurrency", () => {
  it("one statement per currency, by code, currency codes read case-insensitively", () => {
    const events = [
      event("invoice", "2027-01-04", 1_000n, "TR-9", { currency: "usd" }),
      event("invoice", "2027-01-04", 50_000n, "TR-10", { currency: "JPY" }),
      event("payment", "2027-01-05", 400n, "P", { currency: "USD" }),
    ];
    const statements = statementsByCurrency(events, period("2027-01-01", "2027-01-31"));
    expect(statements.map((statement) => [statement.currency, statement.lines.length, statement.closingMinor])).toEqual([
      ["JPY", 1, 50_000n],
      ["USD", 2, 600n],
    ]);
  });

  it("no events, no statements; a reversed period is still refused", () => {
    expect(statementsByCurrency([], period("2027-01-01", "2027-01-31"))).toEqual([]);
    expect(() => statementsByCurrency([], period("2027-01-02", "2027-01-01"))).toThrow("period.to");
  });

  it("names the event whose currency is not a currency", () => {
    expect(() => statementsByCurrency([event("payment", "2027-01-04", 1n, "P", { currency: "dollars" })], period("2027-01-01", "2027-01-31"))).toThrow(
      'events[0].currency: "dollars" is not an ISO 4217 currency code',
    );
  });
});

describe("buildStatement: properties", () => {
  const FIRST_DAY = date("2027-01-01");
  const DAYS = 90;
  const day = fc.integer({ min: 0, max: DAYS - 1 }).map((offset) => addDays(FIRST_DAY, offset));
  const events = fc.array(
    fc.record({
      date: day,
      kind: fc.constantFrom<StatementEventKind>("invoice", "payment", "refund", "cancellation"),
      contractId: fc.constantFrom("ctr_1", "ctr_2"),
      reference: fc.constantFrom("TR-000001", "TR-000002", "#1002", "#1003"),
      description: fc.string({ maxLength: 12 }),
      amountMinor: fc.bigInt({ min: 1n, max: 10_000_000n }),
      currency: fc.constant("USD"),
    }),
    { maxLength: 40 },
  );
  /** a ≤ b < c, as day offsets. */
  const splitPeriod = fc
    .uniqueArray(fc.integer({ min: 0, max: DAYS - 1 }), { minLength: 3, maxLength: 3 })
    .map((days) => [...days].sort((x, y) => x - y) as [number, number, number])
    .map(([a, b, c]) => ({ a: addDays(FIRST_DAY, a), b: addDays(FIRST_DAY, b), c: addDays(FIRST_DAY, c) }));

  it("closing = opening + Σ debit − Σ credit, and the last line's running balance is the closing", () => {
    fc.assert(
      fc.property(events, splitPeriod, (history, { a, c }) => {
        const statement = buildStatement("USD", history, { from: a, to: c });
        const debits = statement.lines.reduce((sum, line) => sum + line.debitMinor, 0n);
        const credits = statement.lines.reduce((sum, line) => sum + line.creditMinor, 0n);
        expect(statement.closingMinor).toBe(statement.openingMinor + debits - credits);
        expect(statement.lines.at(-1)?.balanceMinor ?? statement.openingMinor).toBe(statement.closingMinor);
        const { invoicedMinor, paidMinor, refundedMinor, cancelledMinor } = statement.totals;
        expect([invoicedMinor + refundedMinor, paidMinor + cancelledMinor]).toEqual([debits, credits]);
      }),
    );
  });

  it("periods add up: [a, b] closes where [b+1, c] opens, and [a, c] closes where [b+1, c] does", () => {
    fc.assert(
      fc.property(events, splitPeriod, (history, { a, b, c }) => {
        const whole = buildStatement("USD", history, { from: a, to: c });
        const first = buildStatement("USD", history, { from: a, to: b });
        const second = buildStatement("USD", history, { from: addDays(b, 1), to: c });
        expect(first.closingMinor).toBe(second.openingMinor);
        expect(whole.closingMinor).toBe(second.closingMinor);
        expect(whole.lines).toEqual([...first.lines, ...second.lines]);
      }),
    );
  });

  it("every line is a debit or a credit, never both, and lines run by date", () => {
    fc.assert(
      fc.property(events, splitPeriod, (history, { a, c }) => {
        const { lines } = buildStatement("USD", history, { from: a, to: c });
        for (const line of lines) expect(line.debitMinor > 0n !== line.creditMinor > 0n).toBe(true);
        expect(lines.map((line) => line.date)).toEqual(lines.map((line) => line.date).sort());
      }),
    );
  });
});
