import { isPlanStage } from "../../domain/contract/late-fee-stage";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import { stageNumbering } from "../../domain/documents/stage-numbering";
import { earlyPaymentOfferOpen } from "../../domain/payment-rules/early-payment-discount";
import { messageLocaleOf, formatCalendarDate, formatMoney } from "../../locale/format";
import { earlyPaymentWords, termsFormat } from "../../locale/payment-terms-words";
import type { MessageLocale } from "../../domain/documents/buyer-document";
import type { StoredContract, StoredStage } from "../../models/contracts.server";

/** Why Shopify's invoice email goes out: the stage's link for the first time, a reminder, or staff sending it again. */
export type ShopifyInvoiceReason = "invoice" | "reminder" | "resent";

interface Words {
  subject: (payment: string, order: string, amount: string, due: string | null) => string;
  /** While the early-payment offer is open: the discounted amount and the offer's last day. */
  subjectWithDiscount: (payment: string, order: string, payable: string, until: string) => string;
  payment: (position: number, count: number) => string;
  due: (date: string) => string;
  reminder: string;
  body: (payment: string, title: string, invoice: string | null, order: string, amount: string, tax: string | null) => string;
  /** A late fee's: named by its title ("Late fee on payment 2 of 3 (Balance)"), with no tax in it. */
  lateFeeBody: (title: string, invoice: string | null, order: string, amount: string) => string;
  remaining: (amount: string, stages: number) => string;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    subject: (payment, order, amount, due) => `${payment} for ${order}: ${amount}${due ? `, due ${due}` : ""}`,
    subjectWithDiscount: (payment, order, payable, until) => `${payment} for ${order}: ${payable} if paid by ${until}`,
    payment: (position, count) => `Payment ${position} of ${count}`,
    due: (date) => date,
    reminder: "Reminder: ",
    body: (payment, title, invoice, order, amount, tax) =>
      `${payment} (${title}${invoice ? `, invoice ${invoice}` : ""}) towards ${order}: ${amount}${tax ? `, including ${tax}` : ""}.`,
    lateFeeBody: (title, invoice, order, amount) => `${title}${invoice ? `, invoice ${invoice},` : ""} for ${order}: ${amount}.`,
    remaining: (amount, stages) => `After it, ${amount} remains in ${stages} more ${stages === 1 ? "payment" : "payments"}.`,
  },
  de: {
    subject: (payment, order, amount, due) => `${payment} für ${order}: ${amount}${due ? `, fällig am ${due}` : ""}`,
    subjectWithDiscount: (payment, order, payable, until) => `${payment} für ${order}: ${payable} bei Zahlung bis zum ${until}`,
    payment: (position, count) => `Zahlung ${position} von ${count}`,
    due: (date) => date,
    reminder: "Erinnerung: ",
    body: (payment, title, invoice, order, amount, tax) =>
      `${payment} (${title}${invoice ? `, Rechnung ${invoice}` : ""}) für ${order}: ${amount}${tax ? `, darin enthalten ${tax}` : ""}.`,
    lateFeeBody: (title, invoice, order, amount) => `${title}${invoice ? `, Rechnung ${invoice},` : ""} für ${order}: ${amount}.`,
    remaining: (amount, stages) => `Danach bleiben ${amount} in ${stages} ${stages === 1 ? "weiteren Zahlung" : "weiteren Zahlungen"}.`,
  },
  fr: {
    subject: (payment, order, amount, due) => `${payment} pour ${order} : ${amount}${due ? `, à régler le ${due}` : ""}`,
    subjectWithDiscount: (payment, order, payable, until) => `${payment} pour ${order} : ${payable} si réglé au plus tard le ${until}`,
    payment: (position, count) => `Paiement ${position} sur ${count}`,
    due: (date) => date,
    reminder: "Rappel : ",
    body: (payment, title, invoice, order, amount, tax) =>
      `${payment} (${title}${invoice ? `, facture ${invoice}` : ""}) pour ${order} : ${amount}${tax ? `, dont ${tax}` : ""}.`,
    lateFeeBody: (title, invoice, order, amount) => `${title}${invoice ? `, facture ${invoice},` : ""} pour ${order} : ${amount}.`,
    remaining: (amount, stages) => `Ensuite, il restera ${amount} en ${stages} ${stages === 1 ? "paiement" : "paiements"}.`,
  },
};

/**
 * The subject and message of Shopify's own invoice email for a stage (a shop that lets Shopify email the links):
 * which payment of how many, the order or quote the buyer knows (not the stage's draft, #D4, which they never
 * saw), the amount with its tax, and what remains of the plan's payments after it. A late fee is named by its title,
 * not numbered, and is no step of the plan: nothing "remains after it". While the stage's early-payment offer is open on
 * `today`, the amount is the discounted one the link asks for (its tax less the offer's reduction), the subject names
 * the offer's last day and the message ends with the offer's terms.
 */
export function shopifyInvoiceEmail(
  contract: StoredContract,
  stage: StoredStage,
  reason: ShopifyInvoiceReason,
  today: CalendarDate,
): { subject: string; customMessage: string } {
  const locale = contract.buyerLocale ?? "en";
  const words = WORDS[messageLocaleOf(locale)];
  const money = (minor: bigint) => formatMoney(minor, contract.currency, locale);
  const order = contract.mainOrderName ?? contract.sourceDraftName ?? contract.id;
  const numbering = stageNumbering(stage, contract.stages);
  const payment = numbering.lateFee ? stage.title : words.payment(numbering.position, numbering.count);
  const offer = stage.paymentTerms.earlyPayment;
  const discounted = offer !== undefined && earlyPaymentOfferOpen({ earlyPayment: offer, paid: stage.paidMinor }, today) ? offer : null;
  const owed = discounted ? discounted.payable : stage.amountMinor - stage.paidMinor;
  const reduction = (title: string) => discounted?.taxReduction.find((line) => line.title === title)?.amount ?? 0n;
  const tax = stage.taxShares.filter((share) => share.amount > 0n).map((share) => `${share.title} ${money(share.amount - reduction(share.title))}`);
  const later = numbering.lateFee
    ? []
    : contract.stages.filter(isPlanStage).filter((other) => other.position > stage.position && other.status !== "cancelled" && other.status !== "paid");
  const remaining = later.reduce((sum, other) => sum + other.amountMinor - other.paidMinor, 0n);
  const subject = discounted
    ? words.subjectWithDiscount(payment, order, money(owed), formatCalendarDate(discounted.until, locale))
    : words.subject(payment, order, money(owed), stage.dueDate ? words.due(formatCalendarDate(stage.dueDate, locale)) : null);
  return {
    subject: `${reason === "reminder" ? words.reminder : ""}${subject}`,
    customMessage: [
      numbering.lateFee
        ? words.lateFeeBody(stage.title, stage.invoiceNumber, order, money(owed))
        : words.body(payment, stage.title, stage.invoiceNumber, order, money(owed), tax.length > 0 ? tax.join(", ") : null),
      ...(discounted ? [earlyPaymentWords(discounted, termsFormat(contract.currency, locale))] : []),
      ...(later.length > 0 ? [words.remaining(money(remaining), later.length)] : []),
    ].join(" "),
  };
}
