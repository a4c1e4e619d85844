import type { AlertContract, AlertCustomer, StaffAlert, StaffAlertCounts, StaffAlertKind } from "../domain/alerts/staff-alerts";
import { STAFF_ALERT_KINDS } from "../domain/alerts/staff-alerts";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { EMAIL_KIND_LABELS } from "../components/email-kind-labels";
import { currencyFor } from "../domain/money/currency";
import { emailProblemWords } from "./email-problem-words";
import { formatAmount, formatMoney, formatShortDate } from "./format";

/** How amounts and days are written; the caller picks the staff's locale. */
export interface AlertFormats {
  money(minor: bigint, currency: string): string;
  /** A decimal in major units ("12.34"), as reasons recorded for the log write it. */
  amount(decimal: string, currency: string): string;
  date(date: CalendarDate): string;
}

/** Amounts in their currency's own decimals and days as tables write them ("Dec 3, 2026"), in the shop's locale. */
export function alertFormats(locale: string): AlertFormats {
  return {
    money: (minor, currency) => formatMoney(minor, currency, locale),
    amount: (decimal, currency) => formatAmount(decimal, currency, locale),
    date: (date) => formatShortDate(date, locale),
  };
}

/** One alert as staff read it (English: staff alerts are not translated yet), on the dashboard and in the digest. */
export interface AlertWords {
  /** The badge beside it: what kind of problem. */
  readonly badge: string;
  /** The contract it is about ("#1002 · Acme Ltd"), shown as the link to its page; null for work about no contract. */
  readonly subjectLabel: string | null;
  /** The sentence after the contract's name, or the whole sentence without one. */
  readonly text: string;
  /** What happens next or what went wrong, in a second line; null when there is nothing to add. */
  readonly detail: string | null;
}

export const ALERT_BADGES: Readonly<Record<StaffAlertKind, string>> = {
  chargeDeclined: "Card declined",
  stageOverdue: "Overdue",
  jobParked: "Stopped",
  emailFailed: "Email not sent",
  creditLimitReached: "Credit limit",
};

export function alertWords(alert: StaffAlert, formats: AlertFormats): AlertWords {
  const badge = ALERT_BADGES[alert.kind];
  const subjectLabel = alert.kind === "creditLimitReached" ? customerLabelOf(alert.customer) : alert.contract ? contractLabelOf(alert.contract) : null;
  switch (alert.kind) {
    case "chargeDeclined": {
      const times = alert.attempts > 1 ? ` ${alert.attempts} times` : "";
      const next = alert.retryOn
        ? `The card is tried again on ${formats.date(alert.retryOn)}.`
        : "No more tries: the buyer pays from the emailed payment link.";
      const late = alert.daysOverdue > 0 ? ` The stage is ${days(alert.daysOverdue)} overdue.` : "";
      return {
        badge,
        subjectLabel,
        text: `the saved card was declined${times} for ${stageName(alert.stage)}: ${formats.money(alert.owed.minor, alert.owed.currency)} owed.`,
        detail: `${next}${late}`,
      };
    }
    case "stageOverdue":
      return {
        badge,
        subjectLabel,
        text: `${stageName(alert.stage)} is ${days(alert.daysOverdue)} overdue: ${formats.money(alert.owed.minor, alert.owed.currency)} was due on ${formats.date(alert.dueDate)}.`,
        detail: null,
      };
    case "jobParked": {
      if (alert.stage) {
        return {
          badge,
          subjectLabel,
          text: `Tranche stopped collecting ${stageName(alert.stage)} because Shopify refused a step.`,
          detail: `Shopify said: ${plainReason(alert.reason, formats.amount)}`,
        };
      }
      const work = workWords(alert.jobKind ?? "", alert.contract !== null);
      const when = alert.since ? ` on ${formats.date(alert.since)}` : "";
      const tries = alert.attempts && alert.attempts > 1 ? ` after ${alert.attempts} tries` : "";
      return {
        badge,
        subjectLabel,
        text: `Tranche stopped ${work}${tries}${when}.`,
        detail: `What went wrong: ${plainReason(alert.reason, formats.amount)}`,
      };
    }
    case "emailFailed": {
      const label = EMAIL_KIND_LABELS[alert.emailKind];
      return {
        badge,
        subjectLabel,
        text: `the “${label}” email to ${alert.recipient ?? "the buyer"} could not be sent (${formats.date(alert.since)}).`,
        detail: `${alert.reason ? `${capitalized(emailProblemWords(alert.reason))}. ` : ""}Check the address, then send it again from the contract page.`,
      };
    }
    case "creditLimitReached": {
      const owed = formats.money(alert.owed.minor, alert.owed.currency);
      const limit = formats.money(alert.limit.minor, alert.limit.currency);
      const over = alert.owed.minor - alert.limit.minor;
      const onContracts = `on ${alert.contracts} ${alert.contracts === 1 ? "contract" : "contracts"}`;
      return {
        badge,
        subjectLabel,
        text:
          over > 0n
            ? `owes ${owed} ${onContracts}, ${formats.money(over, alert.limit.currency)} over the ${limit} credit limit.`
            : `owes ${owed} ${onContracts}: the whole ${limit} credit limit.`,
        detail: "A new order for them is refused unless staff attach it with a reason.",
      };
    }
  }
}

/** A customer, company or location by the name saved with their terms. */
function customerLabelOf(customer: AlertCustomer): string {
  return customer.name ?? { customer: "A customer", company: "A company", companyLocation: "A company location" }[customer.kind];
}

/** "#1002 · Acme Ltd": the order's name once there is one, else the draft's, then who it is with. */
export function contractLabelOf(contract: AlertContract): string {
  return [contract.orderName ?? contract.draftName ?? "A contract", contract.customerName].filter(Boolean).join(" · ");
}

/** How many alerts there are: "3 things need you today", and of each kind, "2 overdue, 1 declined charge" ("" for none). */
export function alertCountWords(counts: StaffAlertCounts): { readonly total: string; readonly byKind: string } {
  const total = STAFF_ALERT_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  return {
    total: total === 1 ? "1 thing needs you today" : `${total} things need you today`,
    byKind: STAFF_ALERT_KINDS.filter((kind) => counts[kind] > 0)
      .map((kind) => KIND_COUNT_WORDS[kind](counts[kind]))
      .join(", "),
  };
}

const KIND_COUNT_WORDS: Readonly<Record<StaffAlertKind, (count: number) => string>> = {
  chargeDeclined: (count) => `${count} declined ${count === 1 ? "charge" : "charges"}`,
  stageOverdue: (count) => `${count} overdue`,
  jobParked: (count) => `${count} stopped ${count === 1 ? "task" : "tasks"}`,
  emailFailed: (count) => `${count} unsent ${count === 1 ? "email" : "emails"}`,
  creditLimitReached: (count) => `${count} at ${count === 1 ? "its" : "their"} credit limit`,
};

function stageName(stage: { readonly position: number; readonly title: string }): string {
  return `stage ${stage.position} (${stage.title})`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function days(count: number): string {
  return count === 1 ? "1 day" : `${count} days`;
}

/** What a job was doing, from its kind: the queue's names ("contract:sync", "webhook:orders/paid") are not for staff. */
function workWords(jobKind: string, aboutContract: boolean): string {
  if (jobKind === "contract:sync") return aboutContract ? "bringing this contract up to date with Shopify" : "bringing a contract up to date with Shopify";
  if (jobKind === "buyer-email:send") return "sending a buyer email";
  if (jobKind.startsWith("webhook:")) return `handling Shopify's “${jobKind.slice("webhook:".length).replace(/[/_]/g, " ")}” notification`;
  return "a background task";
}

/**
 * A reason recorded for the log is written for developers: it names Shopify's records by their ids
 * (gid://shopify/Order/123), the app's own records by theirs (a contract's cuid), and money as "12.34 EUR". Staff
 * read the kind of Shopify record, no id of ours, and the amount in the shop's format through `amount`, or, without
 * one, "an amount". The rest of the reason stays as written.
 */
export function plainReason(reason: string, amount?: (decimal: string, currency: string) => string): string {
  const text = reason
    .replace(/gid:\/\/shopify\/([A-Za-z]+)\/[\w-]+(\?[^\s,;)]*)?/g, (_match, type: string) => `the ${recordWords(type)}`)
    .replace(APP_RECORD_ID, "")
    .replace(DECIMAL_AMOUNT, (match, decimal: string, currency: string) => {
      if (!isCurrencyCode(currency)) return match;
      return amount ? amount(decimal, currency) : "an amount";
    })
    .replace(/\(\s*\)/g, "")
    .replace(/ {2,}/g, " ")
    .replace(/ ([,;:.)])/g, "$1")
    .trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The app's record ids (Prisma's cuids: "cm4x7k2p90000abcd1234efgh"), with the space before them: a run of 20 or
 * more lowercase letters and digits holding a digit, which no word does.
 */
const APP_RECORD_ID = /\s?\b(?=[a-z0-9]*\d)[a-z][a-z0-9]{19,}\b/g;

/** "12.34 EUR", "-5 JPY": a decimal in major units and a currency code, as the collection's errors write money. */
const DECIMAL_AMOUNT = /(?<![\d.,])(-?\d+(?:\.\d+)?) ([A-Z]{3})\b/g;

function isCurrencyCode(code: string): boolean {
  try {
    currencyFor(code);
    return true;
  } catch {
    return false;
  }
}

/** "DraftOrder" → "draft order". */
function recordWords(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
