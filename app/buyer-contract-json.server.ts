import { moneyReceived, taxPaid } from "./domain/contract/stage-money";
import { UNPAID_STAGE_STATUSES } from "./domain/contract/stage-status";
import { currencyFor } from "./domain/money/currency";
import { formatMinorUnits } from "./domain/money/minor-units";
import type { TaxLine } from "./domain/schedule/order-snapshot";
import type { StoredContract, StoredStage } from "./models/contracts.server";
import { stageTriggerJson } from "./services/attach/checkout-schedule";
import { buyerLinkSecret, buyerPortalUrl, invoicePdfUrl, signBuyerLink } from "./services/buyer/signed-links.server";

/**
 * The buyer's view of one contract, as the buyer-facing extensions read it (extensions/buyer-schedule and
 * extensions/customer-payments, `contract-api.ts`): `GET /api/buyer/schedule` answers one, `GET /api/buyer/contracts`
 * a signed-in customer's list. Pay links, invoice PDFs and the portal link are only for a signed-in buyer (`buyer`);
 * a guest sees the schedule without them.
 */
export interface BuyerContractOptions {
  /** The signed-in customer (a session token's `sub`), or null for a guest. */
  readonly buyer: string | null;
  /** The order on the page, whose paid stages become `paidOnOrder`; null when there is none. */
  readonly orderId: string | null;
  /** What the ledger says was paid (refunds taken off). */
  readonly paidMinor: bigint;
  /** Where the signed links point: the app's public URL and the link secret; needed only for a buyer. */
  readonly links?: BuyerLinks;
}

export interface BuyerLinks {
  readonly appUrl: string;
  readonly secret: string;
}

/** The app's public URL and the secret buyer links are signed with, from the environment. */
export function buyerLinksFromEnvironment(env: NodeJS.ProcessEnv = process.env): BuyerLinks {
  return { appUrl: env.SHOPIFY_APP_URL || "http://localhost:3000", secret: buyerLinkSecret(env) };
}

export function buyerContractJson(shop: string, contract: StoredContract, options: BuyerContractOptions) {
  const { buyer, orderId } = options;
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const taxLines = (lines: readonly TaxLine[]) => lines.map((line) => ({ title: line.title, amount: money(line.amount) }));
  const paidOnOrder = orderId === null ? [] : contract.stages.filter((stage) => stage.status === "paid" && carriesStage(contract, stage, orderId));
  const links = buyer !== null ? (options.links ?? buyerLinksFromEnvironment()) : null;
  const token = links ? signBuyerLink({ shop, contractId: contract.id, customerId: buyer }, links.secret) : null;
  return {
    status: contract.status,
    currency: contract.currency,
    total: money(contract.totalMinor),
    paid: money(options.paidMinor),
    remaining: money(contract.stages.reduce((sum, stage) => sum + owed(stage), 0n)),
    // What the buyer paid with the order on the page: on the thank-you page, what was just paid.
    paidOnOrder:
      paidOnOrder.length === 0
        ? null
        : {
            positions: paidOnOrder.map((stage) => stage.position),
            // The money taken, not the stages' amounts: an early-payment discount settled part of them unpaid.
            amount: money(paidOnOrder.reduce((sum, stage) => sum + moneyReceived(stage), 0n)),
            // The tax inside that money: an early-payment discount took its share of the tax off too.
            tax: taxLines(sumTaxByTitle(paidOnOrder.map(taxPaid))),
            discount: earlyPaymentDiscountJson(paidOnOrder, money),
          },
    stages: contract.stages.map((stage) => ({
      position: stage.position,
      title: stage.title,
      amount: money(stage.amountMinor),
      tax: taxLines(stage.taxShares),
      status: stage.status,
      dueDate: stage.dueDate,
      ...(stage.dueDate === null && stage.dueRule.trigger ? { trigger: stageTriggerJson(stage.dueRule.trigger) } : {}),
      payUrl: buyer !== null && contract.status !== "cancelled" && UNPAID_STAGE_STATUSES.includes(stage.status) ? stage.payUrl : null,
      // The stage's invoice and its PDF (a signed portal link), for a signed-in buyer only.
      ...(links && token && stage.invoiceNumber
        ? { invoiceNumber: stage.invoiceNumber, invoicePdfUrl: invoicePdfUrl(links.appUrl, token, stage.position) }
        : {}),
    })),
    // The buyer's portal (every contract of theirs in the shop, statements), for a signed-in buyer only.
    ...(links && token ? { portalUrl: buyerPortalUrl(links.appUrl, token) } : {}),
  };
}

/**
 * The early-payment discount granted on the stages the order paid, or null when none was: its amount, and the rule's
 * percentage ("2") when every discounted stage had the same one (the words then say "2% early-payment discount").
 */
function earlyPaymentDiscountJson(stages: readonly StoredStage[], money: (minor: bigint) => string) {
  const discounted = stages.filter((stage) => stage.discountMinor > 0n);
  if (discounted.length === 0) return null;
  const percents = new Set(discounted.map((stage) => stage.paymentTerms.earlyPayment?.percent ?? null));
  const [percent] = percents;
  return {
    amount: money(discounted.reduce((sum, stage) => sum + stage.discountMinor, 0n)),
    percent: percents.size === 1 && percent !== undefined ? percent : null,
  };
}

/** What the buyer still owes on a stage: nothing once it is paid, cancelled or refunded. */
function owed(stage: StoredStage): bigint {
  if (!UNPAID_STAGE_STATUSES.includes(stage.status)) return 0n;
  const rest = stage.amountMinor - stage.paidMinor;
  return rest > 0n ? rest : 0n;
}

/**
 * Whether the order took the stage's payment: a stage's own order (stage-order mode, or a stage draft in native
 * mode), or the main order for every stage without one (native mode's deposit and saved-card charges, and offline
 * payments, which are recorded on the main order).
 */
function carriesStage(contract: StoredContract, stage: StoredStage, orderId: string): boolean {
  return stage.stageOrderId === orderId || (stage.stageOrderId === null && contract.mainOrderId === orderId);
}

/** Shares of the same tax line (by title) added up, in the order the titles first appear. */
function sumTaxByTitle(shares: readonly (readonly TaxLine[])[]): TaxLine[] {
  const sums = new Map<string, bigint>();
  for (const line of shares.flat()) sums.set(line.title, (sums.get(line.title) ?? 0n) + line.amount);
  return [...sums].map(([title, amount]) => ({ title, amount }));
}
