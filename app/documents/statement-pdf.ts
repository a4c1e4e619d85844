import type { Buyer, DocumentLocale, Seller } from "../domain/documents/buyer-document";
import type { Statement, StatementLine } from "../domain/documents/statement";
import { documentFormat, type DocumentFormat } from "./document-format";
import { documentMessagesFor } from "./document-messages";
import type { DocumentMessages } from "./messages/en";
import { headingColor, writePdf } from "./pdf-document";
import { amountRowsHeight, drawAmountRows, drawDocumentHeader, drawSectionHeading, type AmountRow } from "./pdf-layout";
import { ensureSpace, PAGE } from "./pdf-page";
import { drawTable, type TableColumn, type TableRow } from "./pdf-table";

export interface StatementPdfInput {
  readonly seller: Seller;
  readonly buyer: Buyer;
  readonly statement: Statement;
  /** Its `today` is the statement's date. */
  readonly locale: DocumentLocale;
}

/**
 * A buyer's account statement: the period, the opening balance, every line with its running balance, the closing
 * balance and the period's totals. Long statements run over pages, the table's head repeated on each.
 */
export async function renderStatementPdf(input: StatementPdfInput): Promise<Uint8Array> {
  const { seller, buyer, statement, locale } = input;
  const messages = documentMessagesFor(locale.locale);
  const format = documentFormat(locale.locale, statement.currency);
  const color = headingColor(seller.branding);
  const period = `${format.date(statement.from)} – ${format.date(statement.to)}`;
  const description = {
    title: `${messages.statementTitle} ${period}`,
    subject: `${messages.statementTitle} ${statement.currency}`,
    author: seller.name,
    language: locale.locale,
    createdOn: locale.today,
    timeZone: locale.timeZone,
  };

  return writePdf(description, { text: seller.branding.footer, pageOf: messages.pageOf }, (pdf) => {
    const heading = {
      title: messages.statementTitle,
      subtitle: null,
      facts: [
        [messages.period, period] as const,
        [messages.statementDate, format.date(locale.today)] as const,
        [messages.currency, statement.currency] as const,
      ],
    };
    let y = drawDocumentHeader(pdf, heading, { seller, buyer, sellerLabel: messages.seller, buyerLabel: messages.buyer }, color);
    y = drawTable(pdf, statementColumns(messages), statementRows(statement, messages, format), y, color);

    const totals: AmountRow[] = [
      { label: messages.openingBalance, value: format.money(statement.openingMinor) },
      { label: messages.eventTotals.invoice, value: format.money(statement.totals.invoicedMinor) },
      { label: messages.eventTotals.payment, value: format.money(statement.totals.paidMinor) },
      { label: messages.eventTotals.cancellation, value: format.money(statement.totals.cancelledMinor) },
      { label: messages.eventTotals.refund, value: format.money(statement.totals.refundedMinor) },
      { label: messages.closingBalance, value: format.money(statement.closingMinor), emphasis: "strong" },
      ...(statement.closingMinor < 0n ? [{ label: messages.balanceInCredit, value: null, emphasis: "note" } as const] : []),
    ];
    const totalsWidth = PAGE.contentWidth / 2;
    y = ensureSpace(pdf, y + 18, 30 + amountRowsHeight(pdf, totals, totalsWidth));
    y = drawSectionHeading(pdf, messages.periodTotals, y, color);
    drawAmountRows(pdf, totals, PAGE.margin, y, totalsWidth, color);
  });
}

function statementColumns(messages: DocumentMessages): TableColumn[] {
  return [
    { header: messages.date, weight: 1.7 },
    { header: messages.reference, weight: 1.4 },
    { header: messages.description, weight: 2.6 },
    { header: messages.debit, weight: 1.4, align: "right" },
    { header: messages.credit, weight: 1.4, align: "right" },
    { header: messages.balance, weight: 1.5, align: "right" },
  ];
}

/** The opening balance, the lines (or a note that there were none), the closing balance. */
function statementRows(statement: Statement, messages: DocumentMessages, format: DocumentFormat): TableRow[] {
  const balanceRow = (label: string, date: string, minor: bigint): TableRow => ({ cells: [date, "", label, "", "", format.money(minor)], strong: true });
  const lineRow = (line: StatementLine): TableRow => ({
    cells: [
      format.date(line.date),
      line.reference,
      line.description,
      line.debitMinor > 0n ? format.money(line.debitMinor) : "",
      line.creditMinor > 0n ? format.money(line.creditMinor) : "",
      format.money(line.balanceMinor),
    ],
  });
  return [
    balanceRow(messages.openingBalance, format.date(statement.from), statement.openingMinor),
    ...(statement.lines.length > 0 ? statement.lines.map(lineRow) : [{ cells: ["", "", messages.noActivity, "", "", ""] }]),
    balanceRow(messages.closingBalance, format.date(statement.to), statement.closingMinor),
  ];
}
