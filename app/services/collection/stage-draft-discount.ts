import type { Currency } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { EarlyPaymentOffer } from "../../domain/payment-rules/early-payment-discount";

/** The title of the discount the app puts on a stage draft: how it is told apart from one staff added by hand. */
export const EARLY_PAYMENT_DISCOUNT_TITLE = "Early-payment discount";

/**
 * The draft-level discount that makes a stage draft ask for the offer's discounted amount: a fixed amount, so the
 * checkout total is exactly `payable`. Shopify types the value as a Float; the decimal text of a minor-unit amount
 * (at most two decimals, as Shopify allows here) converts to it exactly enough to parse back to the same cents.
 */
export function earlyPaymentDraftDiscount(offer: EarlyPaymentOffer, currency: Currency) {
  return {
    title: EARLY_PAYMENT_DISCOUNT_TITLE,
    description: `${offer.percent}% if paid by ${offer.until}`,
    valueType: "FIXED_AMOUNT" as const,
    value: Number(formatMinorUnits(offer.discount, currency)),
  };
}

export function isEarlyPaymentDiscount(discount: { readonly title: string | null } | null): boolean {
  return discount?.title === EARLY_PAYMENT_DISCOUNT_TITLE;
}
