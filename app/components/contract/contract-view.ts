import type { ContractBadgeKind, StageBadgeKind } from "../../domain/contract/contract-attention";
import type { BuyerEmailRow } from "./BuyerEmailsCard";
import type { TimelineEntry } from "../../services/contract-timeline";

/**
 * What the contract page shows, as its loader hands it to the browser: money as decimal strings of the contract's
 * currency and days as calendar dates, which the page formats the shop's way; everything else already in words.
 */
export interface ContractView {
  readonly id: string;
  readonly draftName: string | null;
  readonly customer: string | null;
  /** The customer's page in the app (their contracts, exposure and payment record); null without a Shopify customer. */
  readonly customerUrl: string | null;
  readonly planName: string | null;
  readonly badge: ContractBadgeKind;
  readonly currency: string;
  readonly total: string;
  readonly paid: string;
  readonly refunded: string | null;
  /** Paid and not refunded: what a refund or a cancellation can give back. */
  readonly held: string;
  readonly holdsMoney: boolean;
  readonly outstanding: string;
  readonly receivedOnCancelled: string | null;
  /** What was chosen for a cancelled contract's money, in words. */
  readonly settlement: string | null;
  /** How Shopify's own pages show this contract's money, so the two never seem to disagree. */
  readonly shopifyShows: string;
  readonly sourceDraft: ShopifyRecordLink;
  readonly mainOrder: ShopifyRecordLink | null;
  /** The buyer's saved card as Shopify shows it on the order ("Visa ending in 4242"), when there is one. */
  readonly savedCard: string | null;
  readonly shippingHold: ShippingHoldView | null;
  /** What staff can do to the contract as a whole. */
  readonly can: { readonly editSchedule: boolean; readonly refund: boolean; readonly cancel: boolean };
  /** Milestones staff can mark, with the stages waiting for each. */
  readonly milestones: readonly MilestoneView[];
  /** The page shows something the background sync is still bringing in line: it reloads itself until it is done. */
  readonly settling: boolean;
}

/** A draft order or order, named as staff know it, with its page in the Shopify admin (null where there is none). */
export interface ShopifyRecordLink {
  readonly label: string;
  readonly url: string | null;
}

export interface ShippingHoldView {
  readonly position: number;
  readonly title: string;
  /** Shopify shows the app's hold on the order; false while the sync has yet to place it (or Shopify did not answer). */
  readonly placed: boolean;
}

export interface MilestoneView {
  readonly name: string;
  readonly stages: readonly { readonly position: number; readonly title: string; readonly amount: string }[];
}

export interface StageView {
  readonly position: number;
  readonly title: string;
  /** "2. Balance"; a late fee, which is no payment of the plan, by its title alone. */
  readonly label: string;
  readonly amount: string;
  /** What is still owed on it (zero once the ledger covers it). */
  readonly owed: string;
  readonly refunded: string | null;
  /** The stored status, machine-readable for tests (`data-stage-status`); people read `badge`. */
  readonly status: string;
  readonly badge: StageBadgeKind;
  /** When it falls due: a calendar date, or words for a stage at checkout or one waiting for an event. */
  readonly due: { readonly date: string | null; readonly words: string | null };
  /** The early-payment offer and late-fee notice the buyer is shown, as sentences, while the stage is owed. */
  readonly terms: readonly string[];
  readonly invoiceNumber: string | null;
  readonly invoicePdfUrl: string | null;
  /** Where the buyer pays it, while it is still owed. */
  readonly payUrl: string | null;
  readonly payments: readonly StagePaymentView[];
  /** Why the app stopped collecting it, or how its card charge went, in words; null when all is well. */
  readonly problem: string | null;
  /** A declined card's next try (ISO instant), shown on the shop's clock. */
  readonly nextChargeAt: string | null;
  /** The stage's own order or draft order in Shopify. */
  readonly shopifyRecord: ShopifyRecordLink | null;
  readonly can: { readonly recordPayment: boolean; readonly resendLink: boolean; readonly retryCharge: boolean; readonly waiveFee: boolean };
  /** The offline payment form's key: the same submission twice records one payment. */
  readonly paymentKey: string;
}

/** Money the ledger holds for a stage: when, how much, how, and the buyer's reference. */
export interface StagePaymentView {
  readonly on: string;
  readonly amount: string;
  readonly method: string;
  readonly reference: string | null;
}

export interface ContractPageData {
  readonly contract: ContractView;
  readonly stages: readonly StageView[];
  readonly timeline: readonly TimelineEntry[];
  readonly emails: readonly BuyerEmailRow[];
  /** Today in the contract's zone: the offline payment form's default day. */
  readonly today: string;
}

/** What staff can do from the contract page: the `intent` each of its forms sends. */
export type ContractPageIntent = "milestone" | "offlinePayment" | "refund" | "resendLink" | "retryCharge" | "waiveFee" | "sendEmailAgain" | "cancel";

/** The answer to an action, for the banner at the top and the fields of the form that sent it. */
export type ContractActionResult =
  | { readonly ok: true; readonly intent: ContractPageIntent; readonly message: string }
  | {
      readonly ok: false;
      readonly intent: ContractPageIntent | null;
      /** What went wrong, as a sentence; for a form with field errors, what the summary says. */
      readonly message: string;
      /** By field name: the message shown at the field. */
      readonly fieldErrors: Readonly<Record<string, string>>;
    };

/**
 * The one fetcher every form of a contract's page submits through: its answer outlives the page's data reloads, and
 * stays with its contract (another contract's page starts without it).
 */
export function contractActionFetcherKey(contractId: string): string {
  return `contract-page-action:${contractId}`;
}
