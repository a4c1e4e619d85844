import type { ContractStageKind, ContractStatus } from "../contract/contract-state";
import type { CalendarDate } from "../dates/calendar-date";
import type { StagePaymentTerms } from "./stage-payment-terms";

/**
 * What everything the buyer receives is made from (emails, invoice and statement PDFs, the portal): one contract as
 * the buyer sees it, in minor units of its currency, built from the database by app/services/buyer-documents and
 * rendered by app/emails and app/documents. Renderers only format it; no figure is computed twice.
 */

/** The locales with their own messages; any other falls back to English. */
export type MessageLocale = "en" | "de" | "fr";

/** A stage as the buyer sees it. "due": its link is out and its date has not passed; "overdue": it has. */
export type BuyerStageState = "paid" | "partlyPaid" | "due" | "overdue" | "scheduled" | "cancelled" | "refunded";

export interface BuyerTaxLine {
  readonly title: string;
  readonly amountMinor: bigint;
}

export interface BuyerStage {
  /** 1-based, as "payment 2 of 3". */
  readonly position: number;
  readonly kind: ContractStageKind;
  readonly title: string;
  readonly amountMinor: bigint;
  /** The money received on the stage, refunds not taken off; an early-payment discount is no money and not in it. */
  readonly paidMinor: bigint;
  /** The early-payment discount that settled the rest of the stage, once granted. */
  readonly earlyPaymentDiscount: BuyerDiscount | null;
  readonly refundedMinor: bigint;
  /** What the buyer still owes on it (0 once paid, cancelled or refunded). */
  readonly owedMinor: bigint;
  /** The tax the amount includes, by tax line (the stage's exact share of the order's tax). */
  readonly taxLines: readonly BuyerTaxLine[];
  /** Null while the stage waits for an event (`waitsFor` names it). */
  readonly dueDate: CalendarDate | null;
  readonly waitsFor: string | null;
  readonly state: BuyerStageState;
  /** TR-000004, once the stage was invoiced. */
  readonly invoiceNumber: string | null;
  /** The checkout link that pays it, while it can be paid. */
  readonly payUrl: string | null;
  /** The stage's invoice PDF (a signed link), once it has an invoice number. */
  readonly invoicePdfUrl: string | null;
  /** The early-payment offer while it is open and the late-fee notice while money is owed (termsToShow). */
  readonly paymentTerms: StagePaymentTerms;
}

/** An early-payment discount granted on a stage: "2% early-payment discount 20.00 EUR". */
export interface BuyerDiscount {
  readonly amountMinor: bigint;
  /** The offer's percentage as written ("2"); null if the stage no longer carries its offer. */
  readonly percent: string | null;
}

export interface BuyerContract {
  readonly id: string;
  /** The names the buyer knows: the quote (#D1) and, once placed, the order (#1002). */
  readonly quoteName: string | null;
  readonly orderName: string | null;
  readonly currency: string;
  readonly status: ContractStatus;
  readonly totalMinor: bigint;
  /** The money received, net of refunds. */
  readonly paidMinor: bigint;
  /** The early-payment discounts granted: settled without money, so not in `paidMinor`. */
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
  /** Still to pay on stages that are not cancelled. */
  readonly outstandingMinor: bigint;
  /** The order's tax lines in full. */
  readonly taxLines: readonly BuyerTaxLine[];
  /** By position. */
  readonly stages: readonly BuyerStage[];
  /** The buyer's portal (a signed link). */
  readonly portalUrl: string;
}

export interface Branding {
  /** Shown as the sender's name and at the top of every document. */
  readonly senderName: string;
  /** #rrggbb: headings, buttons and table heads. */
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly footer: string;
  /** Emails link the logo; PDFs embed its bytes (PNG or JPEG). */
  readonly logo: { readonly url: string; readonly data: Uint8Array; readonly contentType: "image/png" | "image/jpeg" } | null;
}

export interface Seller {
  readonly name: string;
  readonly email: string | null;
  /** Postal address, one line per entry. */
  readonly address: readonly string[];
  readonly branding: Branding;
}

export interface Buyer {
  readonly name: string | null;
  readonly email: string | null;
  readonly address: readonly string[];
}

/** How dates and money are written: the buyer's locale (BCP 47, any), the shop's zone, "today" there. */
export interface DocumentLocale {
  readonly locale: string;
  readonly timeZone: string;
  readonly today: CalendarDate;
}

export interface BuyerDocument {
  readonly seller: Seller;
  readonly buyer: Buyer;
  readonly contract: BuyerContract;
  readonly locale: DocumentLocale;
}
