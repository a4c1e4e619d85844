import type { CalendarDate } from "../domain/dates/calendar-date";
import type { BuyerDocument, BuyerStage } from "../domain/documents/buyer-document";
import type { BuyerEmail } from "../domain/documents/buyer-email";
import { planStageCount, stageNumbering, type StageNumbering } from "../domain/documents/stage-numbering";
import { earlyPaymentOfferOpen } from "../domain/payment-rules/early-payment-discount";
import { formatCalendarDate, formatMoney, messageLocaleOf, supportedLocale } from "../locale/format";
import { brandColors, type BrandColors } from "./components/colors";
import { messagesFor, type Messages } from "./messages";
import type { PlaceholderValues } from "./template-text";

/** What every template formats with: the document, its messages, and money and dates in the buyer's locale. */
export interface EmailContext {
  readonly document: BuyerDocument;
  readonly messages: Messages;
  /** The language the email is written in, for `<html lang>`. */
  readonly lang: string;
  /** The number the buyer knows: the order's, or the quote's before the order is placed. */
  readonly orderName: string;
  readonly colors: BrandColors;
  readonly money: (minor: bigint) => string;
  readonly date: (date: CalendarDate) => string;
}

type StageEmail = Extract<BuyerEmail, { readonly stagePosition: number }>;

export function emailContext(document: BuyerDocument): EmailContext {
  const { locale } = document.locale;
  const messageLocale = messageLocaleOf(locale);
  const writtenIn = supportedLocale(locale);
  return {
    document,
    messages: messagesFor(messageLocale),
    // "de-AT" when the messages are German; "en" for a Spanish buyer, whose email is written in English.
    lang: writtenIn.split("-")[0]?.toLowerCase() === messageLocale ? writtenIn : messageLocale,
    orderName: document.contract.orderName ?? document.contract.quoteName ?? "",
    colors: brandColors(document.seller.branding),
    money: (minor) => formatMoney(minor, document.contract.currency, locale),
    date: (date) => formatCalendarDate(date, locale),
  };
}

export function stageAt(context: EmailContext, position: number): BuyerStage {
  const stage = context.document.contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new Error(`contract ${context.document.contract.id} has no stage ${position}: an email can only be about one of its stages`);
  return stage;
}

/** How the emails number a stage: "payment 2 of 3" among the plan's stages; a late fee has no number. */
export function numberingOf(context: EmailContext, stage: BuyerStage): StageNumbering {
  return stageNumbering(stage, context.document.contract.stages);
}

/** A stage in a sentence: "Payment 2 of 3 (Balance)", or a late fee by its title ("Late fee on payment 2 of 3 (Balance)"). */
export function stageName(context: EmailContext, stage: BuyerStage): string {
  const numbering = numberingOf(context, stage);
  if (numbering.lateFee) return stage.title;
  return context.messages.paymentNamed(context.messages.paymentOf(numbering.position, numbering.count), stage.title);
}

/** When a stage (or one side of a schedule change) is due: its date, or the event it waits for. */
export function dueText(context: EmailContext, timing: { readonly dueDate: CalendarDate | null; readonly waitsFor: string | null }): string {
  if (timing.dueDate) return context.date(timing.dueDate);
  return timing.waitsFor ? context.messages.whenEvent(timing.waitsFor) : context.messages.notScheduled;
}

/** What the buyer is asked to pay for a stage: what is still owed on it, or its amount once nothing is. */
export function amountToPay(stage: BuyerStage): bigint {
  return stage.owedMinor > 0n ? stage.owedMinor : stage.amountMinor;
}

/**
 * What a saved-card charge on `chargeOn` takes for a stage: the discounted amount while its early-payment offer is
 * still open that day (the planner charges that), else what is owed.
 */
export function amountCharged(stage: BuyerStage, chargeOn: CalendarDate): bigint {
  const offer = stage.paymentTerms.earlyPayment;
  return offer && earlyPaymentOfferOpen({ earlyPayment: offer, paid: stage.paidMinor }, chargeOn) ? offer.payable : amountToPay(stage);
}

/** A stage the buyer can pay now: something is owed and its checkout link is out. */
export function isPayable(stage: BuyerStage): boolean {
  return stage.owedMinor > 0n && stage.payUrl !== null;
}

export function placeholderValues(context: EmailContext, email: BuyerEmail): PlaceholderValues {
  const { contract, seller } = context.document;
  const common = {
    shop: seller.branding.senderName,
    order: context.orderName,
    count: String(planStageCount(contract.stages)),
    outstanding: context.money(contract.outstandingMinor),
  };
  if ("stagePosition" in email) {
    const stage = stageAt(context, email.stagePosition);
    const numbering = numberingOf(context, stage);
    return {
      ...common,
      stage: stage.title,
      // A late fee is no payment of the plan: it has no position, and its texts name it by its title.
      ...(numbering.lateFee ? {} : { position: String(numbering.position) }),
      amount: context.money(stageEmailAmount(email, stage)),
      dueDate: email.kind === "chargeUpcoming" ? context.date(email.chargeOn) : dueText(context, stage),
    };
  }
  return { ...common, amount: context.money(contractEmailAmount(email, contract.paidMinor, contract.totalMinor)) };
}

function stageEmailAmount(email: StageEmail, stage: BuyerStage): bigint {
  if (email.kind === "chargeUpcoming") return amountCharged(stage, email.chargeOn);
  return email.kind === "paymentReceived" || email.kind === "chargeReceipt" ? email.amountMinor : amountToPay(stage);
}

function contractEmailAmount(email: Exclude<BuyerEmail, StageEmail>, paidMinor: bigint, totalMinor: bigint): bigint {
  switch (email.kind) {
    case "scheduleChanged":
      return totalMinor;
    case "contractCancelled":
      return settlementAmount(email, paidMinor);
    case "refundIssued":
      return email.amountMinor;
  }
}

/** A cancellation's money: the refund, or what was paid (net of refunds) when it is kept or held as credit. */
export function settlementAmount(email: Extract<BuyerEmail, { kind: "contractCancelled" }>, paidMinor: bigint): bigint {
  return email.settlement === "refund" ? email.refundMinor : paidMinor;
}
