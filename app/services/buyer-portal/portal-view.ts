import type { ContractStatus } from "../../domain/contract/contract-state";
import type { BuyerDocument, BuyerStageState, Seller } from "../../domain/documents/buyer-document";
import { stageNumbering, type StageNumbering } from "../../domain/documents/stage-numbering";
import type { Statement } from "../../domain/documents/statement";
import { formatCalendarDate, formatMoney } from "../../locale/format";
import { discountsGrantedWords, paidWithDiscountWords, paymentTermsWords, termsFormat } from "../../locale/payment-terms-words";
import type { StatementIssue } from "./statement-request";

/**
 * The buyer portal's page as data: every figure already written in the buyer's locale (the page only lays it out, and
 * the loader's JSON carries no bigint), every merchant text as plain text for React to escape.
 */
export interface PortalView {
  /** BCP 47: the page's language and the messages it is written in. */
  readonly locale: string;
  readonly seller: PortalSeller;
  /** Newest first. */
  readonly contracts: readonly PortalContract[];
  readonly statement: PortalStatement;
}

export interface PortalSeller {
  readonly name: string;
  /** #rrggbb, checked when staff saved it. */
  readonly primaryColor: string;
  readonly logoUrl: string | null;
  readonly footer: string;
}

export interface PortalContract {
  readonly id: string;
  readonly orderName: string | null;
  readonly quoteName: string | null;
  readonly status: ContractStatus;
  readonly total: string;
  /** Net of refunds. */
  readonly paid: string;
  /** The early-payment discounts granted, labelled in the buyer's language; null when there are none. */
  readonly discount: { readonly label: string; readonly amount: string } | null;
  /** Null when nothing was refunded. */
  readonly refunded: string | null;
  readonly outstanding: string;
  readonly stages: readonly PortalStage[];
}

export interface PortalStage {
  readonly position: number;
  /** "Payment 2 of 3" among the plan's stages; a late fee is not numbered (its title names it). */
  readonly numbering: StageNumbering;
  readonly title: string;
  readonly amount: string;
  readonly taxLines: readonly { readonly title: string; readonly amount: string }[];
  /** The due date, or (while it has none) the event it waits for. */
  readonly dueDate: string | null;
  readonly waitsFor: string | null;
  /** The early-payment offer and late-fee notice, as sentences (none when the stage has neither or nothing is owed). */
  readonly terms: readonly string[];
  readonly state: BuyerStageState;
  /** A stage settled with an early-payment discount: "Paid €980.00 · 2% early-payment discount €20.00". */
  readonly settledWithDiscount: string | null;
  readonly payUrl: string | null;
  readonly invoice: { readonly number: string; readonly url: string } | null;
}

export interface PortalStatement {
  /** More than one: the form asks which. */
  readonly currencies: readonly string[];
  /** What the form shows: the request's values, or what the buyer typed when it was refused. */
  readonly form: { readonly from: string; readonly to: string; readonly currency: string };
  readonly issues: readonly StatementIssue[];
  /** Null when the request was refused. */
  readonly shown: PortalStatementLines | null;
}

export interface PortalStatementLines {
  readonly currency: string;
  readonly from: string;
  readonly to: string;
  readonly opening: string;
  readonly lines: readonly {
    readonly date: string;
    readonly reference: string;
    readonly description: string;
    readonly debit: string | null;
    readonly credit: string | null;
    readonly balance: string;
  }[];
  readonly closing: string;
  /** The closing balance is below zero: the buyer has a credit. */
  readonly inCredit: boolean;
  readonly pdfUrl: string;
}

export function portalSellerOf(seller: Seller): PortalSeller {
  return { name: seller.name, primaryColor: seller.branding.primaryColor, logoUrl: seller.branding.logo?.url ?? null, footer: seller.branding.footer };
}

export function portalContractOf(document: BuyerDocument): PortalContract {
  const { contract, locale } = document;
  const money = (minor: bigint) => formatMoney(minor, contract.currency, locale.locale);
  const format = termsFormat(contract.currency, locale.locale);
  return {
    id: contract.id,
    orderName: contract.orderName,
    quoteName: contract.quoteName,
    status: contract.status,
    total: money(contract.totalMinor),
    paid: money(contract.paidMinor),
    discount: contract.discountMinor > 0n ? { label: discountsGrantedWords(locale.locale), amount: money(contract.discountMinor) } : null,
    refunded: contract.refundedMinor > 0n ? money(contract.refundedMinor) : null,
    outstanding: money(contract.outstandingMinor),
    stages: contract.stages.map((stage) => ({
      position: stage.position,
      numbering: stageNumbering(stage, contract.stages),
      title: stage.title,
      amount: money(stage.amountMinor),
      taxLines: stage.taxLines.filter((line) => line.amountMinor > 0n).map((line) => ({ title: line.title, amount: money(line.amountMinor) })),
      dueDate: stage.dueDate === null ? null : formatCalendarDate(stage.dueDate, locale.locale),
      waitsFor: stage.waitsFor,
      terms: paymentTermsWords(stage.paymentTerms, format),
      state: stage.state,
      settledWithDiscount: stage.earlyPaymentDiscount ? paidWithDiscountWords(stage.paidMinor, stage.earlyPaymentDiscount, format) : null,
      payUrl: stage.payUrl,
      invoice: stage.invoiceNumber !== null && stage.invoicePdfUrl !== null ? { number: stage.invoiceNumber, url: stage.invoicePdfUrl } : null,
    })),
  };
}

export function portalStatementLinesOf(statement: Statement, locale: string, pdfUrl: string): PortalStatementLines {
  const money = (minor: bigint) => formatMoney(minor, statement.currency, locale);
  const date = (day: Statement["from"]) => formatCalendarDate(day, locale);
  return {
    currency: statement.currency,
    from: date(statement.from),
    to: date(statement.to),
    opening: money(statement.openingMinor),
    lines: statement.lines.map((line) => ({
      date: date(line.date),
      reference: line.reference,
      description: line.description,
      debit: line.debitMinor > 0n ? money(line.debitMinor) : null,
      credit: line.creditMinor > 0n ? money(line.creditMinor) : null,
      balance: money(line.balanceMinor),
    })),
    closing: money(statement.closingMinor),
    inCredit: statement.closingMinor < 0n,
    pdfUrl,
  };
}
