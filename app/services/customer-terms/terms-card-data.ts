import type { CustomerTermsFields } from "../../domain/customers/customer-terms";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";

/** A subject's terms as the customer page's card edits them (JSON: decimal strings, no bigints). */
export interface CustomerTermsCardData {
  readonly subjectName: string | null;
  readonly defaultPlanId: string | null;
  readonly depositPercent: string | null;
  readonly netDays: number | null;
  readonly paymentDays: readonly number[] | null;
  /** The limit in major units ("10000.00") and its currency. */
  readonly creditLimit: { readonly amount: string; readonly currency: string } | null;
  /** False after a save Shopify has not taken yet, with its words. */
  readonly mirrored: boolean;
  readonly mirrorError: string | null;
}

export function customerTermsCardData(
  stored: { readonly subjectName: string | null; readonly fields: CustomerTermsFields; readonly mirrored: boolean; readonly mirrorError: string | null } | null,
): CustomerTermsCardData {
  if (!stored) {
    return {
      subjectName: null,
      defaultPlanId: null,
      depositPercent: null,
      netDays: null,
      paymentDays: null,
      creditLimit: null,
      mirrored: true,
      mirrorError: null,
    };
  }
  const limit = stored.fields.creditLimit;
  return {
    subjectName: stored.subjectName,
    defaultPlanId: stored.fields.defaultPlanId,
    depositPercent: stored.fields.depositPercent,
    netDays: stored.fields.netDays,
    paymentDays: stored.fields.paymentDays,
    creditLimit: limit ? { amount: formatMinorUnits(limit.minor, currencyFor(limit.currency)), currency: limit.currency } : null,
    mirrored: stored.mirrored,
    mirrorError: stored.mirrorError,
  };
}
