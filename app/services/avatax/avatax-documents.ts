import { DocumentType } from "avatax/lib/enums/DocumentType.js";
import { TaxOverrideType } from "avatax/lib/enums/TaxOverrideType.js";
import type { AddressLocationInfo } from "avatax/lib/models/AddressLocationInfo";
import type { CreateTransactionModel } from "avatax/lib/models/CreateTransactionModel";

import type { PostalAddress, TaxLine } from "../../domain/schedule/order-snapshot";
import type { Currency } from "../../domain/money/currency";
import { Dec } from "../../domain/money/decimal";
import { formatMinorUnits } from "../../domain/money/minor-units";

/**
 * What Tranche records at Avalara, as data: one SalesInvoice per invoiced stage, and one ReturnInvoice per refund or
 * early-payment discount on a stage. Pure: the client (avatax-client.server.ts) sends what these build.
 *
 * Each document has one line: the stage's net amount (its amount less its tax shares). In "override" mode its tax is
 * our exact split of Shopify's tax for the stage, sent as a TaxAmount override, so that the stages' documents sum to
 * the order's tax to the minor unit; in "compute" mode AvaTax computes it and we record both. A document of an order
 * that ships goes from the shop's origin (`shipFrom`) to the buyer's shipping address (`shipTo`), so that AvaTax taxes
 * at the destination; one that ships nothing is a single location, the origin.
 */

export type AvaTaxTaxMode = "override" | "compute";

/** Avalara limits a document code to 50 characters. */
const MAX_CODE_LENGTH = 50;

export function stageDocumentCode(contractId: string, position: number): string {
  return checkedCode(`tranche-${contractId}-${position}`);
}

/** A refund's code names its stage and the refund's ledger entry, shortened to a stable 10-character digest. */
export function refundDocumentCode(contractId: string, position: number, ledgerDigest: string): string {
  return checkedCode(`tranche-${contractId}-${position}-r${ledgerDigest.slice(0, 10)}`);
}

/** An early-payment discount's code, like a refund's but marked "d": its ledger entry's digest. */
export function discountDocumentCode(contractId: string, position: number, ledgerDigest: string): string {
  return checkedCode(`tranche-${contractId}-${position}-d${ledgerDigest.slice(0, 10)}`);
}

function checkedCode(code: string): string {
  if (code.length > MAX_CODE_LENGTH) throw new Error(`the AvaTax document code ${code} is longer than ${MAX_CODE_LENGTH} characters`);
  return code;
}

/** A stage's tax (the sum of its shares of every tax line) and its net amount. */
export function stageTaxAndNet(amount: bigint, taxShares: readonly TaxLine[]): { readonly tax: bigint; readonly net: bigint } {
  const tax = taxShares.reduce((total, share) => total + share.amount, 0n);
  return { tax, net: amount - tax };
}

/**
 * The tax and net of the part of a stage that stays sold when the rest is cancelled unpaid: `kept` of its `amount`,
 * with the share of its tax a refund of that much would carry (the journal credits back the rest the same way).
 */
export function keptTaxAndNet(amount: bigint, taxShares: readonly TaxLine[], kept: bigint): { readonly tax: bigint; readonly net: bigint } {
  const { tax } = stageTaxAndNet(amount, taxShares);
  const keptTax = refundTaxPortion(amount, tax, 0n, kept);
  return { tax: keptTax, net: kept - keptTax };
}

/**
 * The tax inside a refund of `refund` from a stage of `amount` carrying `tax`, after `refundedBefore` was already
 * refunded from it. Counted on the running total (the tax in everything refunded so far, less the tax in what was
 * refunded before, each rounded half-up to the minor unit), so that refunding the whole stage in any number of
 * parts returns exactly its tax, never a unit more or less.
 */
export function refundTaxPortion(amount: bigint, tax: bigint, refundedBefore: bigint, refund: bigint): bigint {
  if (amount <= 0n || tax === 0n) return 0n;
  const taxIn = (refunded: bigint) => {
    const capped = refunded > amount ? amount : refunded;
    return BigInt(new Dec(tax.toString()).times(capped.toString()).dividedBy(amount.toString()).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
  };
  return taxIn(refundedBefore + refund) - taxIn(refundedBefore);
}

/** A stage as its credits need it: its gross and its tax lines. */
export interface CreditedStage {
  readonly id: string;
  readonly amountMinor: bigint;
  readonly taxShares: readonly TaxLine[];
}

/** A ledger entry as the credits read it ("payment" and "manualPayment" are money in). */
export interface CreditLedgerEntry {
  readonly id: string;
  readonly kind: "payment" | "manualPayment" | "refund" | "earlyPaymentDiscount";
  readonly stageId: string | null;
  readonly amountMinor: bigint;
  readonly occurredAt: Date;
}

/** What a ReturnInvoice takes off a stage's sale: a refund's or an early-payment discount's gross and the tax in it. */
export interface StageCredit<Stage extends CreditedStage = CreditedStage> {
  readonly stage: Stage;
  readonly entryId: string;
  readonly occurredAt: Date;
  readonly kind: "refund" | "earlyPaymentDiscount";
  readonly gross: bigint;
  readonly tax: bigint;
}

/**
 * The credits against the stages' sales, one per refund or early-payment discount on a stage, walking the ledger in
 * its order (when it happened, then id: the order the journal reads it in) with the journal's rule
 * (app/domain/books/journal.ts), so that Avalara's documents and the journal's tax payable agree to the minor unit:
 *
 * - A discount's tax is the stage's tax in the gross between what settled the stage before it (money and earlier
 *   discounts) and that plus the discount, on the same running total refunds use.
 * - A refund's tax is counted on the running total of the stage's sale given back. The part of a refund that gives
 *   back an overpayment (what settled the stage beyond its amount, discounts counted, not given back before) was
 *   never a sale: it carries no tax and is no credit; a refund that is all overpayment has none.
 *
 * Refunds of money never allocated to a stage have no stage document to return against and are left out.
 */
export function stageCredits<Stage extends CreditedStage>(stages: readonly Stage[], ledger: readonly CreditLedgerEntry[]): StageCredit<Stage>[] {
  const settled = new Map<string, bigint>();
  const refunded = new Map<string, bigint>();
  const overpaymentReturned = new Map<string, bigint>();
  const credits: StageCredit<Stage>[] = [];
  for (const entry of ledger) {
    const stage = stages.find((candidate) => candidate.id === entry.stageId);
    if (!stage) continue;
    const { tax } = stageTaxAndNet(stage.amountMinor, stage.taxShares);
    const settledBefore = settled.get(stage.id) ?? 0n;
    if (entry.kind === "payment" || entry.kind === "manualPayment") {
      settled.set(stage.id, settledBefore + entry.amountMinor);
      continue;
    }
    if (entry.kind === "earlyPaymentDiscount") {
      settled.set(stage.id, settledBefore + entry.amountMinor);
      const discountTax = refundTaxPortion(stage.amountMinor, tax, settledBefore, entry.amountMinor);
      credits.push({ stage, entryId: entry.id, occurredAt: entry.occurredAt, kind: entry.kind, gross: entry.amountMinor, tax: discountTax });
      continue;
    }
    const refundedBefore = refunded.get(stage.id) ?? 0n;
    const returnedBefore = overpaymentReturned.get(stage.id) ?? 0n;
    refunded.set(stage.id, refundedBefore + entry.amountMinor);
    const excess = settledBefore - stage.amountMinor - returnedBefore;
    const overpayment = excess <= 0n ? 0n : excess < entry.amountMinor ? excess : entry.amountMinor;
    overpaymentReturned.set(stage.id, returnedBefore + overpayment);
    const sale = entry.amountMinor - overpayment;
    if (sale === 0n) continue;
    const saleBefore = refundedBefore - returnedBefore;
    const refundTax = refundTaxPortion(stage.amountMinor, tax, saleBefore, sale);
    credits.push({ stage, entryId: entry.id, occurredAt: entry.occurredAt, kind: "refund", gross: sale, tax: refundTax });
  }
  return credits;
}

/**
 * An exact decimal amount for Avalara's JSON, which the SDK types as a number. JSON.stringify writes the shortest
 * decimal that reads back as the same double, so any amount of 15 significant digits or fewer goes out unchanged.
 */
export function avaTaxAmount(minor: bigint, currency: Currency): number {
  return Number(formatMinorUnits(minor, currency));
}

/** An amount Avalara answered, in minor units; more decimals than the currency has are rounded half-up. */
export function minorFromAvaTax(amount: number | string | undefined | null, currency: Currency): bigint {
  const value = new Dec(String(amount ?? 0)).times(new Dec(10).pow(currency.exponent)).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  return BigInt(value.toFixed(0));
}

/** Where the shop's goods ship from, as set in Settings → AvaTax. */
export type OriginAddress = PostalAddress;

export interface StageDocumentInput {
  readonly code: string;
  readonly companyCode: string;
  readonly customerCode: string;
  readonly currency: Currency;
  /** The stage's issue date (YYYY-MM-DD in the shop's zone). */
  readonly date: string;
  readonly description: string;
  readonly net: bigint;
  readonly tax: bigint;
  readonly taxMode: AvaTaxTaxMode;
  readonly commit: boolean;
  readonly origin: OriginAddress;
  /** The order's shipping address, or null when it ships nothing. */
  readonly shipTo: PostalAddress | null;
  /** The invoice number Tranche gave the stage, for Avalara's purchase-order field. */
  readonly invoiceNumber: string | null;
}

/** The SalesInvoice for one stage. */
export function salesInvoiceModel(input: StageDocumentInput): CreateTransactionModel {
  return documentModel(DocumentType.SalesInvoice, input, null);
}

/** The ReturnInvoice for one refund: negative amounts, the refund's tax portion as the override, pointing at the stage's document. */
export function returnInvoiceModel(input: StageDocumentInput, salesInvoiceCode: string): CreateTransactionModel {
  return documentModel(DocumentType.ReturnInvoice, { ...input, net: -input.net, tax: -input.tax }, salesInvoiceCode);
}

function documentModel(type: DocumentType, input: StageDocumentInput, referenceCode: string | null): CreateTransactionModel {
  return {
    type,
    code: input.code,
    companyCode: input.companyCode,
    // A calendar date: the SDK's Date serialises as midnight UTC of that day, which Avalara reads as the day.
    date: new Date(`${input.date}T00:00:00Z`),
    customerCode: input.customerCode,
    currencyCode: input.currency.code,
    commit: input.commit,
    description: input.description,
    ...(input.invoiceNumber ? { purchaseOrderNo: input.invoiceNumber } : {}),
    ...(referenceCode ? { referenceCode } : {}),
    addresses: input.shipTo ? { shipFrom: addressModel(input.origin), shipTo: addressModel(input.shipTo) } : { singleLocation: addressModel(input.origin) },
    lines: [{ number: "1", amount: avaTaxAmount(input.net, input.currency), description: input.description }],
    ...(input.taxMode === "override"
      ? {
          taxOverride: {
            type: TaxOverrideType.TaxAmount,
            taxAmount: avaTaxAmount(input.tax, input.currency),
            reason: "Stage share of the order's tax (Tranche)",
          },
        }
      : {}),
  };
}

/** Avalara's address fields, leaving out the ones not known. */
function addressModel(address: PostalAddress): AddressLocationInfo {
  return {
    ...(address.line1 ? { line1: address.line1 } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.region ? { region: address.region } : {}),
    ...(address.postalCode ? { postalCode: address.postalCode } : {}),
    country: address.country,
  };
}
