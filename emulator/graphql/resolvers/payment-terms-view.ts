import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { startOfDay } from "date-fns/startOfDay";
import type { PaymentSchedule, PaymentTerms } from "../../state/model";
import { shopifyDateTime } from "../shopify-date-time";
import { Dec, roundMoney } from "../../commerce/money";
import { connection, moneyV2 } from "../views";

/** What a payment terms view needs from its owner (an order or a draft order). */
export interface PaymentTermsOwner {
  readonly currencyCode: string;
  /** What is still owed on the owner; a schedule's balance is this while it is open. */
  readonly balance: () => string;
  readonly order?: () => unknown;
  readonly draftOrder?: () => unknown;
  /** The shop's time zone, where a due date's day ends; UTC when the caller does not give it. */
  readonly ianaTimezone?: string;
}

/**
 * `PaymentTerms` and its `PaymentSchedule`s. Shopify keeps one schedule per terms; `due` and `overdue` follow
 * the clock for a schedule not completed: it is due once its `dueAt` has come (when `payment_schedules/due` is
 * sent), and overdue once the due date has passed, i.e. its day has ended in the shop's time zone unpaid (the
 * admin's "Overdue"; on the due day itself it is due, not yet overdue).
 */
export function paymentTermsView(terms: PaymentTerms, owner: PaymentTermsOwner, now: Date) {
  const isDue = (schedule: PaymentSchedule) => !schedule.completedAt && schedule.dueAt !== undefined && Date.parse(schedule.dueAt) <= now.getTime();
  const isOverdue = (schedule: PaymentSchedule) => isDue(schedule) && endOfDueDay(schedule.dueAt as string, owner.ianaTimezone ?? "UTC") <= now.getTime();
  const view: Record<string, unknown> = {
    __typename: "PaymentTerms",
    id: terms.id,
    paymentTermsName: terms.name,
    translatedName: terms.name,
    paymentTermsType: terms.type,
    dueInDays: terms.dueInDays ?? null,
    due: terms.schedules.some(isDue),
    overdue: terms.schedules.some(isOverdue),
    order: owner.order ?? null,
    draftOrder: owner.draftOrder ?? null,
  };
  const scheduleView = (schedule: PaymentSchedule) => {
    const open = roundMoney(schedule.completedAt ? "0" : Dec.max(0, new Dec(owner.balance())), owner.currencyCode);
    return {
      __typename: "PaymentSchedule",
      id: schedule.id,
      issuedAt: shopifyDateTime(schedule.issuedAt),
      dueAt: shopifyDateTime(schedule.dueAt),
      completedAt: shopifyDateTime(schedule.completedAt),
      due: isDue(schedule),
      balanceDue: moneyV2(open, owner.currencyCode),
      totalBalance: moneyV2(open, owner.currencyCode),
      amount: moneyV2(open, owner.currencyCode),
      paymentTerms: view,
    };
  };
  view.paymentSchedules = (args: Record<string, unknown>) => connection(terms.schedules, args, scheduleView);
  return view;
}

/** The instant the due date's day ends in the time zone: the next local midnight. */
function endOfDueDay(dueAt: string, ianaTimezone: string): number {
  return startOfDay(addDays(new TZDate(Date.parse(dueAt), ianaTimezone), 1)).getTime();
}
