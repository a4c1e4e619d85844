import type { StatementEventKind } from "../../domain/documents/statement";
import { STAGE_STATE_WORDS } from "../../locale/stage-state-words";
import { STATEMENT_WORDS } from "../../locale/statement-words";

/** The invoice and statement PDFs' words in English; de.ts and fr.ts have every key (DocumentMessages). */
export const en = {
  invoiceTitle: (invoiceNumber: string) => `Invoice ${invoiceNumber}`,
  statementTitle: "Account statement",
  issuedOn: "Issue date",
  statementDate: "Statement date",
  period: "Period",
  currency: "Currency",
  seller: "From",
  buyer: "Bill to",
  order: "Order",
  quote: "Quote",
  paymentOf: (position: number, count: number) => `Payment ${position} of ${count}`,
  stageAmount: "Amount of this payment",
  includesTax: (title: string, amount: string) => `includes ${title} ${amount}`,
  paidSoFar: "Paid so far",
  refunded: "Refunded",
  amountDue: "Amount due",
  dueDate: "Due date",
  notDated: "not dated yet",
  schedule: "Payment schedule",
  position: "#",
  payment: "Payment",
  amount: "Amount",
  paid: "Paid",
  state: "Status",
  total: "Total",
  paidNetOfRefunds: "Paid (net of refunds)",
  outstanding: "Outstanding",
  stageStates: STAGE_STATE_WORDS.en,
  ...STATEMENT_WORDS.en,
  periodTotals: "Totals for the period",
  eventTotals: {
    invoice: "Invoiced",
    payment: "Payments received",
    refund: "Refunds paid to you",
    cancellation: "Credit notes",
  } satisfies Record<StatementEventKind, string>,
  balanceInCredit: "A negative balance is a credit in your favour.",
  pageOf: (page: number, count: number) => `Page ${page} of ${count}`,
};

export type DocumentMessages = typeof en;
