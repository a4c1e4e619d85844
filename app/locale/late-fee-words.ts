import type { CalendarDate } from "../domain/dates/calendar-date";
import type { MessageLocale } from "../domain/documents/buyer-document";
import { formatCalendarDate, messageLocaleOf } from "./format";

/** What a late-fee stage is called, in the buyer's language: it is the title on its invoice, link and statement. */
export interface LateFeeTitleFacts {
  readonly kind: "fixedFee" | "interest";
  /** The overdue stage: its position among the plan's stages, and its title. */
  readonly position: number;
  readonly count: number;
  readonly stageTitle: string;
  /** Interest only: the days it was counted over. */
  readonly from: CalendarDate;
  readonly through: CalendarDate;
}

interface Words {
  readonly fixedFee: (payment: string) => string;
  readonly interest: (payment: string, from: string, through: string) => string;
  readonly payment: (position: number, count: number, title: string) => string;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    fixedFee: (payment) => `Late fee on ${payment}`,
    interest: (payment, from, through) => `Interest on ${payment}, ${from} to ${through}`,
    payment: (position, count, title) => `payment ${position} of ${count} (${title})`,
  },
  de: {
    fixedFee: (payment) => `Mahngebühr für ${payment}`,
    interest: (payment, from, through) => `Verzugszinsen für ${payment}, ${from} bis ${through}`,
    payment: (position, count, title) => `Zahlung ${position} von ${count} (${title})`,
  },
  fr: {
    fixedFee: (payment) => `Frais de retard sur le ${payment}`,
    interest: (payment, from, through) => `Intérêts de retard sur le ${payment}, du ${from} au ${through}`,
    payment: (position, count, title) => `paiement ${position} sur ${count} (${title})`,
  },
};

export function lateFeeStageTitle(locale: string, facts: LateFeeTitleFacts): string {
  const words = WORDS[messageLocaleOf(locale)];
  const payment = words.payment(facts.position, facts.count, facts.stageTitle);
  if (facts.kind === "fixedFee") return words.fixedFee(payment);
  return words.interest(payment, formatCalendarDate(facts.from, locale), formatCalendarDate(facts.through, locale));
}
