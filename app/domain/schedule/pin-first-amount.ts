import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";

/**
 * Fixes the first installment at what Shopify will really charge at checkout (a native deposit is a float
 * percentage, and Shopify may apply it to the subtotal) and lets the last installment absorb the difference,
 * so the amounts still sum to the total.
 */
export function pinFirstAmount(amounts: readonly bigint[], firstAmount: bigint, currency: Currency): bigint[] {
  const last = amounts.length - 1;
  if (amounts.length < 2) throw new PlanError("stages", "a deposit needs at least one later stage to take the rest of the total");
  const difference = firstAmount - (amounts[0] as bigint);
  const lastAmount = (amounts[last] as bigint) - difference;
  if (firstAmount <= 0n || lastAmount <= 0n) {
    throw new PlanError("stages", `checkout would charge ${formatMinorUnits(firstAmount, currency)} now, which leaves nothing positive for the last stage`);
  }
  return amounts.map((amount, index) => (index === 0 ? firstAmount : index === last ? lastAmount : amount));
}
