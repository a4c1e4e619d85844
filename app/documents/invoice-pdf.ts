import type { CalendarDate } from "../domain/dates/calendar-date";
import type { BuyerDocument, BuyerStage, BuyerTaxLine } from "../domain/documents/buyer-document";
import { stageNumbering } from "../domain/documents/stage-numbering";
import { discountGrantedWords, discountsGrantedWords, paymentTermsWords } from "../locale/payment-terms-words";
import { documentFormat, type DocumentFormat } from "./document-format";
import { documentMessagesFor } from "./document-messages";
import type { DocumentMessages } from "./messages/en";
import { headingColor, writePdf } from "./pdf-document";
import { amountRowsHeight, drawAmountRows, drawDocumentHeader, drawSectionHeading, type AmountRow } from "./pdf-layout";
import { ensureSpace, PAGE } from "./pdf-page";
import { drawTable, type TableColumn, type TableRow } from "./pdf-table";

export interface InvoiceOptions {
  /**
   * The day the stage was invoiced, as stored with it. Defaults to the document's today; pass the stored date so that
   * an invoice rendered again later is the same document, byte for byte.
   */
  readonly issuedOn?: CalendarDate;
}

/**
 * The invoice of one invoiced stage ("Invoice TR-000004", payment 2 of 3; a late fee by its title alone): its amount with the tax it includes, paid
 * so far, due and when, and the whole schedule. A stage without an invoice number has no invoice: that is an error.
 */
export async function renderInvoicePdf(document: BuyerDocument, stagePosition: number, options: InvoiceOptions = {}): Promise<Uint8Array> {
  const { contract, seller, buyer, locale } = document;
  const stage = contract.stages.find((candidate) => candidate.position === stagePosition);
  if (stage === undefined) {
    throw new Error(`contract ${contract.id} has no stage at position ${stagePosition}`);
  }
  if (stage.invoiceNumber === null) {
    throw new Error(`payment ${stagePosition} of contract ${contract.id} has no invoice number: only an invoiced stage has an invoice PDF`);
  }

  const messages = documentMessagesFor(locale.locale);
  const format = documentFormat(locale.locale, contract.currency);
  const color = headingColor(seller.branding);
  const title = messages.invoiceTitle(stage.invoiceNumber);
  const numbering = stageNumbering(stage, contract.stages);
  const paymentOf = numbering.lateFee ? null : messages.paymentOf(numbering.position, numbering.count);
  const orderFacts = [
    [messages.order, contract.orderName],
    [messages.quote, contract.quoteName],
  ].filter((fact): fact is [string, string] => fact[1] !== null);
  const description = {
    title,
    subject: [paymentOf ?? stage.title, contract.orderName ?? contract.quoteName].filter((part) => part !== null).join(" · "),
    author: seller.name,
    language: locale.locale,
    createdOn: options.issuedOn ?? locale.today,
    timeZone: locale.timeZone,
  };

  return writePdf(description, { text: seller.branding.footer, pageOf: messages.pageOf }, (pdf) => {
    const heading = {
      title,
      subtitle: paymentOf === null ? stage.title : `${paymentOf} · ${stage.title}`,
      facts: [[messages.issuedOn, format.date(description.createdOn)] as const, ...orderFacts],
    };
    let y = drawDocumentHeader(pdf, heading, { seller, buyer, sellerLabel: messages.seller, buyerLabel: messages.buyer }, color);
    y = drawAmountRows(pdf, stageRows(stage, messages, format, locale.locale), PAGE.margin, y, PAGE.contentWidth * 0.6, color);

    y = drawSectionHeading(pdf, messages.schedule, ensureSpace(pdf, y + 18, 60), color);
    y = drawTable(
      pdf,
      scheduleColumns(messages),
      contract.stages.map((row) => scheduleRow(row, contract.stages, row.position === stage.position, messages, format, locale.locale)),
      y,
      color,
    );

    const totals: AmountRow[] = [
      { label: messages.total, value: format.money(contract.totalMinor) },
      ...taxNotes(contract.taxLines, messages, format),
      { label: messages.paidNetOfRefunds, value: format.money(contract.paidMinor) },
      ...(contract.discountMinor > 0n ? [{ label: discountsGrantedWords(locale.locale), value: format.money(contract.discountMinor) }] : []),
      ...(contract.refundedMinor > 0n ? [{ label: messages.refunded, value: format.money(contract.refundedMinor) }] : []),
      { label: messages.outstanding, value: format.money(contract.outstandingMinor), emphasis: "strong" },
    ];
    const totalsWidth = PAGE.contentWidth / 2;
    y = ensureSpace(pdf, y + 12, amountRowsHeight(pdf, totals, totalsWidth));
    drawAmountRows(pdf, totals, PAGE.margin + PAGE.contentWidth - totalsWidth, y, totalsWidth, color);
  });
}

/**
 * The stage's own figures: amount and the tax in it, paid so far (and an early-payment discount granted), due, and
 * when, with its early-payment offer and late fee.
 */
function stageRows(stage: BuyerStage, messages: DocumentMessages, format: DocumentFormat, locale: string): AmountRow[] {
  const discount = stage.earlyPaymentDiscount;
  return [
    { label: messages.stageAmount, value: format.money(stage.amountMinor) },
    ...taxNotes(stage.taxLines, messages, format),
    { label: messages.paidSoFar, value: format.money(stage.paidMinor) },
    ...(discount ? [{ label: discountGrantedWords(discount, locale), value: format.money(discount.amountMinor) }] : []),
    ...(stage.refundedMinor > 0n ? [{ label: messages.refunded, value: format.money(stage.refundedMinor) }] : []),
    { label: messages.amountDue, value: format.money(stage.owedMinor), emphasis: "strong" },
    { label: messages.dueDate, value: dueText(stage, messages, format) },
    ...paymentTermsWords(stage.paymentTerms, { locale, ...format }).map((sentence): AmountRow => ({ label: sentence, value: null, emphasis: "note" })),
  ];
}

/** "includes Texas State Tax $669.69", under the amount. */
function taxNotes(taxLines: readonly BuyerTaxLine[], messages: DocumentMessages, format: DocumentFormat): AmountRow[] {
  return taxLines.map((tax) => ({ label: messages.includesTax(tax.title, format.money(tax.amountMinor)), value: null, emphasis: "note" }));
}

/** The due date, or the event the stage waits for, already in the buyer's words ("when the order ships"). */
function dueText(stage: BuyerStage, messages: DocumentMessages, format: DocumentFormat): string {
  if (stage.dueDate !== null) return format.date(stage.dueDate);
  return stage.waitsFor ?? messages.notDated;
}

function scheduleColumns(messages: DocumentMessages): TableColumn[] {
  return [
    { header: messages.position, weight: 0.5 },
    { header: messages.payment, weight: 3 },
    { header: messages.dueDate, weight: 2 },
    { header: messages.amount, weight: 1.6, align: "right" },
    { header: messages.paid, weight: 1.6, align: "right" },
    { header: messages.state, weight: 1.4 },
  ];
}

/**
 * The stage this invoice is for stands out in bold; a discount granted is named under the stage's state. A late fee
 * has no number among the plan's payments: its "#" cell is empty.
 */
function scheduleRow(
  stage: BuyerStage,
  stages: readonly BuyerStage[],
  thisInvoice: boolean,
  messages: DocumentMessages,
  format: DocumentFormat,
  locale: string,
): TableRow {
  const discount = stage.earlyPaymentDiscount;
  const state = messages.stageStates[stage.state];
  const numbering = stageNumbering(stage, stages);
  return {
    cells: [
      numbering.lateFee ? "" : String(numbering.position),
      stage.title,
      dueText(stage, messages, format),
      format.money(stage.amountMinor),
      format.money(stage.paidMinor),
      discount ? `${state}\n${discountGrantedWords(discount, locale)} ${format.money(discount.amountMinor)}` : state,
    ],
    strong: thisInvoice,
  };
}
