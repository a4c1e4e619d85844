import type { CalendarDate } from "../dates/calendar-date";

/** The accounts the journal posts to; the merchant maps each to their own chart of accounts. */
export const ACCOUNT_KEYS = [
  "cashClearing",
  "accountsReceivable",
  "contractLiability",
  "revenue",
  "salesReturns",
  "salesDiscounts",
  "lateFeeIncome",
  "taxPayable",
  "customerCredit",
] as const;

export type AccountKey = (typeof ACCOUNT_KEYS)[number];

/**
 * What happened, as the books see it (the policy: app/domain/books/journal.ts):
 * a stage invoiced, a payment, an early-payment discount granted, revenue recognised on shipping, a refund, a cancelled
 * contract's unpaid invoices credited, and the money it kept earned as revenue or moved to customer credit; a late fee
 * staff waived, taken back.
 */
export type JournalEntryKind =
  | "invoice"
  | "payment"
  | "earlyPaymentDiscount"
  | "recognition"
  | "refund"
  | "cancellationCredit"
  | "cancellationEarned"
  | "cancellationToCredit"
  | "lateFeeWaived";

export interface JournalLine {
  readonly account: AccountKey;
  /** The tax line's title ("VAT 20%") on tax payable lines. */
  readonly taxTitle?: string;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
}

export interface JournalEntry {
  readonly date: CalendarDate;
  readonly contractId: string;
  readonly currency: string;
  readonly kind: JournalEntryKind;
  readonly memo: string;
  /** The stage the entry is about (invoices, stage payments and refunds), for invoice exports. */
  readonly stagePosition: number | null;
  readonly lines: readonly JournalLine[];
}

export interface TaxShareFact {
  readonly title: string;
  readonly amountMinor: bigint;
}

export interface StageFact {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  /** Gross, tax included. */
  readonly amountMinor: bigint;
  readonly taxShares: readonly TaxShareFact[];
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly status: string;
  readonly invoiceNumber: string | null;
  /** A late fee charged on an overdue stage: income of its own, with no tax, never deferred. */
  readonly lateFee?: boolean;
  /** The day staff waived the late fee: what was unpaid of it is taken back then. */
  readonly waivedOn?: CalendarDate | null;
}

export interface LedgerFact {
  readonly id: string;
  readonly kind: "payment" | "manualPayment" | "refund" | "earlyPaymentDiscount";
  readonly amountMinor: bigint;
  readonly stageId: string | null;
  readonly occurredAt: Date;
}

/** How a cancelled contract's kept money is settled; null for a contract cancelled because Shopify cancelled its order. */
export type SettlementKind = "refund" | "keepAsCredit" | "close";

export interface ContractFacts {
  readonly id: string;
  readonly currency: string;
  readonly timeZone: string;
  /** How the contract is named in memos: its order name, else its draft's. */
  readonly label: string;
  readonly fulfilledOn: CalendarDate | null;
  readonly cancelledOn: CalendarDate | null;
  readonly settlement: SettlementKind | null;
  readonly stages: readonly StageFact[];
  readonly ledger: readonly LedgerFact[];
}
