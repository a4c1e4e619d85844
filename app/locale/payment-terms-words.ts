import type { CalendarDate } from "../domain/dates/calendar-date";
import type { BuyerDiscount, MessageLocale } from "../domain/documents/buyer-document";
import type { StagePaymentTerms } from "../domain/documents/stage-payment-terms";
import type { EarlyPaymentOffer } from "../domain/payment-rules/early-payment-discount";
import type { LateFeeNotice } from "../domain/payment-rules/late-fee";
import { formatCalendarDate, formatMoney, messageLocaleOf, supportedLocale } from "./format";

interface InterestWords {
  readonly percent: string;
  readonly perMonth: string;
  readonly from: string;
  readonly compound: boolean;
  readonly max: string | null;
}

interface Words {
  readonly earlyPayment: (payable: string, until: string, discount: string, percent: string) => string;
  readonly fixedFee: (fee: string, from: string) => string;
  readonly interest: (words: InterestWords) => string;
  /** "2% early-payment discount"; without a percentage when the stage no longer carries its offer. */
  readonly discountGranted: (percent: string | null) => string;
  readonly paidWithDiscount: (paid: string, percent: string | null, discount: string) => string;
  /** The contract's discounts together, beside what was paid. */
  readonly discountsGranted: string;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    earlyPayment: (payable, until, discount, percent) => `Pay ${payable} by ${until} and save ${discount} (${percent} early-payment discount).`,
    fixedFee: (fee, from) => `A late fee of ${fee} applies from ${from} if unpaid.`,
    interest: ({ percent, perMonth, from, compound, max }) =>
      `Interest of ${percent} a month (${perMonth}) on the unpaid amount from ${from}` +
      `${compound ? ", added to the amount each month" : ""}${max ? `, at most ${max} in all` : ""}.`,
    discountGranted: (percent) => (percent ? `${percent} early-payment discount` : "Early-payment discount"),
    paidWithDiscount: (paid, percent, discount) => `Paid ${paid} · ${percent ? `${percent} early-payment discount` : "early-payment discount"} ${discount}`,
    discountsGranted: "Early-payment discounts",
  },
  de: {
    earlyPayment: (payable, until, discount, percent) => `Zahlen Sie ${payable} bis zum ${until} und sparen Sie ${discount} (${percent} Skonto).`,
    fixedFee: (fee, from) => `Ab dem ${from} fällt bei Nichtzahlung eine Mahngebühr von ${fee} an.`,
    interest: ({ percent, perMonth, from, compound, max }) =>
      `Ab dem ${from} fallen auf den offenen Betrag Zinsen von ${percent} pro Monat (${perMonth}) an` +
      `${compound ? ", die monatlich dem Betrag zugeschlagen werden" : ""}${max ? `, insgesamt höchstens ${max}` : ""}.`,
    discountGranted: (percent) => (percent ? `${percent} Skonto` : "Skonto"),
    paidWithDiscount: (paid, percent, discount) => `Bezahlt ${paid} · ${percent ? `${percent} Skonto` : "Skonto"} ${discount}`,
    discountsGranted: "Skonto",
  },
  fr: {
    earlyPayment: (payable, until, discount, percent) =>
      `Payez ${payable} au plus tard le ${until} et économisez ${discount} (escompte de ${percent} pour paiement anticipé).`,
    fixedFee: (fee, from) => `Des frais de retard de ${fee} s’appliquent à partir du ${from} en cas de non-paiement.`,
    interest: ({ percent, perMonth, from, compound, max }) =>
      `Des intérêts de ${percent} par mois (${perMonth}) s’appliquent au montant impayé à partir du ${from}` +
      `${compound ? ", ajoutés au montant chaque mois" : ""}${max ? `, ${max} au plus au total` : ""}.`,
    discountGranted: (percent) => (percent ? `Escompte de ${percent} pour paiement anticipé` : "Escompte pour paiement anticipé"),
    paidWithDiscount: (paid, percent, discount) => `Payé ${paid} · escompte${percent ? ` de ${percent}` : ""} pour paiement anticipé ${discount}`,
    discountsGranted: "Escomptes pour paiement anticipé",
  },
};

/**
 * How the sentences write money and dates: the email's and the portal's formatters, or the PDF's (which swaps
 * symbols Helvetica lacks); `locale` picks the language and writes the percent.
 */
export interface TermsFormat {
  readonly locale: string;
  readonly money: (minor: bigint) => string;
  readonly date: (date: CalendarDate) => string;
}

/** Money and dates as formatMoney and formatCalendarDate write them in `locale`. */
export function termsFormat(currency: string, locale: string): TermsFormat {
  return { locale, money: (minor) => formatMoney(minor, currency, locale), date: (date) => formatCalendarDate(date, locale) };
}

/** "Pay $1,127.00 by February 24, 2027 and save $23.00 (2% early-payment discount)." in the buyer's language. */
export function earlyPaymentWords(offer: EarlyPaymentOffer, format: TermsFormat): string {
  return WORDS[messageLocaleOf(format.locale)].earlyPayment(
    format.money(offer.payable),
    format.date(offer.until),
    format.money(offer.discount),
    percent(offer.percent, format.locale),
  );
}

/** "A late fee of $25.00 applies from February 20, 2027 if unpaid." or the interest a month on what is unpaid. */
export function lateFeeWords(notice: LateFeeNotice, format: TermsFormat): string {
  const words = WORDS[messageLocaleOf(format.locale)];
  const from = format.date(notice.appliesFrom);
  if (notice.kind === "fixedFee") return words.fixedFee(format.money(notice.fee), from);
  return words.interest({
    percent: percent(notice.percentPerMonth, format.locale),
    perMonth: format.money(notice.perMonth),
    from,
    compound: notice.compound,
    max: notice.max === undefined ? null : format.money(notice.max),
  });
}

/** A stage's terms as sentences, the offer first: what invoices, emails, the portal and the contract page print. */
export function paymentTermsWords(terms: StagePaymentTerms, format: TermsFormat): string[] {
  return [...(terms.earlyPayment ? [earlyPaymentWords(terms.earlyPayment, format)] : []), ...(terms.lateFee ? [lateFeeWords(terms.lateFee, format)] : [])];
}

/** "2% early-payment discount" in the buyer's language: the label of a granted discount's amount. */
export function discountGrantedWords(discount: BuyerDiscount, locale: string): string {
  return WORDS[messageLocaleOf(locale)].discountGranted(discount.percent === null ? null : percent(discount.percent, locale));
}

/** "Paid €980.00 · 2% early-payment discount €20.00": a stage settled by money and an early-payment discount. */
export function paidWithDiscountWords(paidMinor: bigint, discount: BuyerDiscount, format: TermsFormat): string {
  const rate = discount.percent === null ? null : percent(discount.percent, format.locale);
  return WORDS[messageLocaleOf(format.locale)].paidWithDiscount(format.money(paidMinor), rate, format.money(discount.amountMinor));
}

/** "Early-payment discounts": the label of a contract's discounts beside its totals. */
export function discountsGrantedWords(locale: string): string {
  return WORDS[messageLocaleOf(locale)].discountsGranted;
}

/** "1.5%", "1,5 %": the rule's decimal string as Intl writes it, never through a float. */
function percent(value: string, locale: string): string {
  return new Intl.NumberFormat(supportedLocale(locale), { style: "unit", unit: "percent", maximumFractionDigits: 6 }).format(value as `${number}`);
}
