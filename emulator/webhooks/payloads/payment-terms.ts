import { roundMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { PaymentSchedule, PaymentTerms } from "../../state/model";
import { restEnum, shopTime } from "./rest-values";

/**
 * Payment terms and payment schedules as `payment_terms/*`, `payment_schedules/due` and the orders payload
 * write them. A schedule asks for what is still owed on its owner: the order's outstanding balance (or the
 * draft's total), nothing once completed.
 */
export interface ScheduleOwnerAmounts {
  readonly currencyCode: string;
  readonly ianaTimezone: string;
  /** The owner's total price. */
  readonly total: string;
  /** What is still to pay on the owner. */
  readonly outstanding: string;
  /** When the owner was created: Shopify creates schedules with their terms. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function paymentSchedulePayload(terms: PaymentTerms, schedule: PaymentSchedule, owner: ScheduleOwnerAmounts) {
  const owed = schedule.completedAt ? "0" : owner.outstanding;
  const time = (instant: string | undefined) => shopTime(instant, owner.ianaTimezone);
  return {
    amount: roundMoney(owed, owner.currencyCode),
    balance_due: roundMoney(owed, owner.currencyCode),
    completed_at: time(schedule.completedAt),
    created_at: time(owner.createdAt),
    currency: owner.currencyCode,
    due_at: time(schedule.dueAt),
    id: legacyId(schedule.id),
    issued_at: time(schedule.issuedAt),
    payment_terms_id: legacyId(terms.id),
    presentment_currency: owner.currencyCode,
    total_balance: roundMoney(owed, owner.currencyCode),
    total_price: roundMoney(owner.total, owner.currencyCode),
    updated_at: time(owner.updatedAt),
    admin_graphql_api_id: schedule.id,
  };
}

export function paymentTermsPayload(terms: PaymentTerms, owner: ScheduleOwnerAmounts) {
  return {
    id: legacyId(terms.id),
    payment_terms_name: terms.name,
    payment_terms_type: restEnum(terms.type),
    due_in_days: terms.dueInDays ?? null,
    created_at: shopTime(owner.createdAt, owner.ianaTimezone),
    updated_at: shopTime(owner.updatedAt, owner.ianaTimezone),
    payment_schedules: terms.schedules.map((schedule) => paymentSchedulePayload(terms, schedule, owner)),
    admin_graphql_api_id: terms.id,
  };
}
