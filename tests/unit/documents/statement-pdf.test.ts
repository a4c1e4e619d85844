import { beforeAll, describe, expect, it } from "vitest";
import { documentFormat } from "../../../app/documents/document-format";
import { documentMessagesFor } from "../../../app/documents/document-messages";
import { renderStatementPdf } from "../../../app/documents/statement-pdf";
import { addDays, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { BuyerDocument } from "../../../app/domain/documents/buyer-document";
import { buildStatement, statementsByCurrency, type Statement, type StatementEvent } from "../../../app/domain/documents/statement";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { savePdfWithRenders, type SavedRender } from "../../support/pdf-renders";
import { readPdf, type PdfContent } from "../../support/pdf-text";
import { statementEventsOf } from "../../support/statement-events";

interface RenderedStatement {
  readonly name: string;
  readonly document: BuyerDocument;
  readonly statement: Statement;
  pdf: Uint8Array;
  content: PdfContent;
  saved: SavedRender;
}

const date = (text: string) => text as CalendarDate;
/** After each fixture's deposit was invoiced (January 4), so the opening balance is not zero. */
const PERIOD = { from: date("2027-01-05"), to: date("2027-03-31") };

const STATEMENTS: RenderedStatement[] = Object.entries(BUYER_DOCUMENTS).flatMap(([name, document]) =>
  statementsByCurrency(statementEventsOf(document), PERIOD).map((statement) => ({ name, document, statement }) as RenderedStatement),
);

/** The statement of a buyer with 200 lines in February: invoices and payments of 250.00 and 180.00. */
const LONG_STATEMENT = (() => {
  const document = BUYER_DOCUMENTS.depositPaidStageDue as BuyerDocument;
  const events = Array.from({ length: 200 }, (_, index): StatementEvent => {
    const invoice = index % 2 === 0;
    return {
      date: addDays(date("2027-02-01"), Math.floor(index / 8)),
      kind: invoice ? "invoice" : "payment",
      contractId: `ctr_${Math.floor(index / 2)}`,
      reference: invoice ? `TR-${String(100 + index).padStart(6, "0")}` : `#${2000 + index}`,
      description: invoice ? `Installment ${index / 2 + 1} of 100 for the oak dining table and chairs` : "Card payment",
      amountMinor: invoice ? 250_00n : 180_00n,
      currency: "USD",
    };
  });
  return { name: "long", document, statement: buildStatement("USD", events, { from: date("2027-02-01"), to: date("2027-02-28") }) } as RenderedStatement;
})();

const ALL = [...STATEMENTS, LONG_STATEMENT];
const byName = (name: string) => ALL.find((rendered) => rendered.name === name) as RenderedStatement;
const textOf = (rendered: RenderedStatement) => rendered.content.pages.join(" ");

beforeAll(async () => {
  await Promise.all(
    ALL.map(async (rendered) => {
      const { seller, buyer, locale } = rendered.document;
      rendered.pdf = await renderStatementPdf({ seller, buyer, statement: rendered.statement, locale });
      rendered.content = await readPdf(rendered.pdf);
      rendered.saved = await savePdfWithRenders(`statement-${rendered.name}`, rendered.pdf);
    }),
  );
});

/** Each part appears after the one before. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    expect(text.slice(from), `after position ${from}`).toContain(part);
    from = text.indexOf(part, from) + part.length;
  }
}

describe("renderStatementPdf: a statement of every fixture's contract", () => {
  it("each fixture gives one statement, opening on its January deposit invoice", () => {
    expect(STATEMENTS.map((rendered) => rendered.name)).toEqual(Object.keys(BUYER_DOCUMENTS));
    for (const { statement, document } of STATEMENTS) expect(statement.openingMinor).toBe(document.contract.stages[0]?.amountMinor);
  });

  it.each(ALL)("$name: opening, every line with its running balance, closing and totals, as the Statement has them", (rendered) => {
    const { statement, document } = rendered;
    const messages = documentMessagesFor(document.locale.locale);
    const format = documentFormat(document.locale.locale, statement.currency);
    const money = (minor: bigint) => format.money(minor);
    const rows = [
      `${format.date(statement.from)} ${messages.openingBalance} ${money(statement.openingMinor)}`,
      ...statement.lines.map((line) =>
        [
          format.date(line.date),
          line.reference,
          line.description,
          line.debitMinor > 0n ? money(line.debitMinor) : "",
          line.creditMinor > 0n ? money(line.creditMinor) : "",
          money(line.balanceMinor),
        ]
          .filter((cell) => cell !== "")
          .join(" "),
      ),
      `${format.date(statement.to)} ${messages.closingBalance} ${money(statement.closingMinor)}`,
      `${messages.openingBalance} ${money(statement.openingMinor)}`,
      `${messages.eventTotals.invoice} ${money(statement.totals.invoicedMinor)}`,
      `${messages.eventTotals.payment} ${money(statement.totals.paidMinor)}`,
      `${messages.eventTotals.cancellation} ${money(statement.totals.cancelledMinor)}`,
      `${messages.eventTotals.refund} ${money(statement.totals.refundedMinor)}`,
      `${messages.closingBalance} ${money(statement.closingMinor)}`,
    ];
    // Spaces aside: a narrow cell wraps wherever line breaking allows, after a "/" too ("</" "script>").
    const withoutSpaces = (text: string) => text.replace(/\s+/g, "");
    expectInOrder(withoutSpaces(textOf(rendered)), rows.map(withoutSpaces));
  });

  it.each(ALL)("$name: saved as PDF and one non-empty PNG per page", (rendered) => {
    expect(rendered.saved.pngs).toHaveLength(rendered.content.pages.length);
    for (const png of rendered.saved.pngs) expect(png.bytes).toBeGreaterThan(1_000);
  });
});

describe("renderStatementPdf: what the buyer reads", () => {
  it("English: the 30/50/20 contract from January 5: deposit paid, payment 2 invoiced, the balance owed", () => {
    expectInOrder(textOf(byName("depositPaidStageDue")), [
      "Account statement",
      "Period January 5, 2027 – March 31, 2027",
      "Statement date January 20, 2027",
      "Currency USD",
      "Date Reference Description Debit Credit Balance",
      "January 5, 2027 Opening balance $6,830.82",
      "January 7, 2027 #1002-1 Payment: Deposit $6,830.82 $0.00",
      "February 3, 2027 TR-000004 Milestone payment $11,384.70 $11,384.70",
      "March 31, 2027 Closing balance $11,384.70",
      "Totals for the period",
      "Page 1 of 1",
    ]);
  });

  it("a contract cancelled and refunded: credit notes and the refund close at zero", () => {
    const { statement, ...rendered } = byName("cancelledRefunded");
    expect(statement.closingMinor).toBe(0n);
    expect(textOf({ statement, ...rendered })).toContain("Credit notes $18,215.52 Refunds paid to you $6,830.82 Closing balance $0.00");
  });

  it("German and French labels", () => {
    expectInOrder(textOf(byName("yenGerman")), [
      "Kontoauszug",
      "Zeitraum 5. Januar 2027 – 31. März 2027",
      "Datum Referenz Beschreibung Soll Haben Saldo",
      "5. Januar 2027 Anfangssaldo 50.000 ¥",
      "31. März 2027 Endsaldo 70.001 ¥",
      "Summen des Zeitraums",
      "In Rechnung gestellt 70.001 ¥",
      "Seite 1 von 1",
    ]);
    expectInOrder(textOf(byName("euroFrench")), [
      "Relevé de compte",
      "Période 5 janvier 2027 – 31 mars 2027",
      "Date Référence Libellé Débit Crédit Solde",
      "5 janvier 2027 Solde d’ouverture 1 200,00 €",
      "31 mars 2027 Solde de clôture 2 400,00 €",
      "Totaux de la période",
      "Page 1 sur 1",
    ]);
  });

  it("hostile text is shown literally", () => {
    const text = textOf(byName("hostileText"));
    for (const expected of [
      `<script>alert("2")</script> & "stage"`,
      `<img src=x onerror=alert(1)> O'Brien & Sons`,
      `<a href="javascript:alert(1)">click</a>`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("200 lines run over several pages, the table head on each, the closing balance on the last", () => {
    const { pages } = LONG_STATEMENT.content;
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain("Date Reference Description Debit Credit Balance");
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    expect(LONG_STATEMENT.statement.closingMinor).toBe(100n * (250_00n - 180_00n));
    expect(pages.at(-1)).toContain("Closing balance $7,000.00");
    expect(pages.slice(0, -1).join(" ")).not.toContain("Closing balance");
  });

  it("a period without activity says so; a negative balance is explained as a credit", async () => {
    const document = BUYER_DOCUMENTS.depositPaidStageDue as BuyerDocument;
    const quiet = buildStatement("USD", statementEventsOf(document), { from: date("2027-04-01"), to: date("2027-04-30") });
    const overpaid = buildStatement("USD", [{ ...statementEventsOf(document)[1], amountMinor: 7_000_00n } as StatementEvent], PERIOD);
    const render = async (statement: Statement) => (await readPdf(await renderStatementPdf({ ...document, statement }))).pages.join(" ");

    expect(await render(quiet)).toContain("Opening balance $11,384.70 No activity in this period. April 30, 2027 Closing balance $11,384.70");
    expect(await render(overpaid)).toContain("Closing balance -$7,000.00 A negative balance is a credit in your favour.");
  });
});

describe("renderStatementPdf: the file", () => {
  it("metadata names the period and the seller; the same statement gives the same bytes", async () => {
    const rendered = byName("depositPaidStageDue");
    expect(rendered.content.info).toMatchObject({
      Title: "Account statement January 5, 2027 – March 31, 2027",
      Author: "Oak & Iron Furniture",
      CreationDate: "D:20270120060000Z",
    });
    const { seller, buyer, locale } = rendered.document;
    expect(await renderStatementPdf({ seller, buyer, locale, statement: rendered.statement })).toEqual(rendered.pdf);
  });
});
