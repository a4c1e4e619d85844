import type { ContractStatus } from "../../domain/contract/contract-state";
import type { StatementProblem } from "../../services/buyer-portal/statement-request";
import { STAGE_STATE_WORDS } from "../../locale/stage-state-words";
import { STATEMENT_WORDS } from "../../locale/statement-words";

/** The buyer portal's words in English; de.ts and fr.ts have every key (PortalMessages). */
export const en = {
  pageTitle: (seller: string) => `Your payments — ${seller}`,
  heading: "Your payments",
  intro: (seller: string) => `Your payment plans with ${seller}: what is paid, what is due, and your invoices.`,
  order: (name: string) => `Order ${name}`,
  quote: (name: string) => `Quote ${name}`,
  contractStatus: {
    pending: "Being prepared",
    awaitingDeposit: "Waiting for the deposit",
    active: "Active",
    completed: "Paid in full",
    cancelled: "Cancelled",
  } satisfies Record<ContractStatus, string>,
  scheduleCaption: (name: string) => `Payment schedule of ${name}`,
  payment: "Payment",
  amount: "Amount",
  due: "Due",
  state: "Status",
  documents: "Invoice",
  paymentOf: (position: number, count: number) => `Payment ${position} of ${count}`,
  includesTax: (title: string, amount: string) => `includes ${title} ${amount}`,
  notDated: "not dated yet",
  stageStates: STAGE_STATE_WORDS.en,
  payNow: "Pay now",
  payNowOf: (payment: string) => `Pay now: ${payment}`,
  invoicePdf: (invoiceNumber: string) => `${invoiceNumber} (PDF)`,
  invoicePdfOf: (invoiceNumber: string, payment: string) => `Invoice ${invoiceNumber} for ${payment}, PDF`,
  total: "Total",
  paidNetOfRefunds: "Paid (net of refunds)",
  refunded: "Refunded",
  outstanding: "Outstanding",
  statement: "Account statement",
  statementIntro: "Everything invoiced, paid, credited and refunded in a period, with the balance you owe.",
  from: "From",
  to: "To",
  currency: "Currency",
  showStatement: "Show statement",
  downloadPdf: "Download PDF",
  period: (from: string, to: string) => `${from} – ${to}`,
  ...STATEMENT_WORDS.en,
  balanceInCredit: "A negative balance is a credit in your favour.",
  statementProblems: {
    notADate: "Enter a date as YYYY-MM-DD.",
    endsBeforeStart: "The end of the period is before its start.",
    longerThanFiveYears: "Choose a period of at most five years.",
    notABuyerCurrency: "Choose one of your currencies.",
  } satisfies Record<StatementProblem, string>,
  notFoundTitle: "This link does not work",
  notFound: "The link is incomplete, was changed, or has been withdrawn. Open the latest email from the seller, or ask them for a new link.",
  failureTitle: "Your payments cannot be shown just now",
  failure: "Something went wrong on our side. Please try again in a few minutes.",
};

export type PortalMessages = typeof en;
