import type { Currency } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { EarlyPaymentOffer } from "../../domain/payment-rules/early-payment-discount";

/** The title of the discount the app puts on a stage draft: how it is told apart from one staff added by hand. */
export const EARLY_PAYMENT_DISCOUNT_TITLE = "Early-payment discount";

/**
 * The draft-level discount that makes a stage draft ask for the offer's discounted amount: a fixed amount, so the
 * checkout total is `payable`. The amount goes as exact decimal text in the draft's own currency
 * (`amountWithCurrency`); Shopify also requires the Float `value`, which it reads in the shop's currency. Should the
 * two ever disagree by a minor unit, paying the order still earns the discount (discountEarned honours an order made
 * from a discounted draft).
 */
export function earlyPaymentDraftDiscount(offer: EarlyPaymentOffer, currency: Currency) {
  const amount = formatMinorUnits(offer.discount, currency);
  return {
    title: EARLY_PAYMENT_DISCOUNT_TITLE,
    description: `${offer.percent}% if paid by ${offer.until}`,
    valueType: "FIXED_AMOUNT" as const,
    value: Number(amount),
    amountWithCurrency: { amount, currencyCode: currency.code as never },
  };
}

export function isEarlyPaymentDiscount(discount: { readonly title: string | null } | null): boolean {
  return discount?.title === EARLY_PAYMENT_DISCOUNT_TITLE;
}
