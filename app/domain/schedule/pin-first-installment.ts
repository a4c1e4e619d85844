import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import type { Schedule } from "./build-schedule";
import type { TaxLine } from "./order-snapshot";
import { allocateTaxLines } from "./tax";

/**
 * Fixes the first installment at what Shopify will really charge at checkout (a native deposit is a float
 * percentage, and Shopify may apply it to the subtotal), and lets the last installment absorb the difference so
 * the schedule still sums to the total. Tax shares are split again over the new amounts.
 */
export function pinFirstInstallment(schedule: Schedule, firstAmount: bigint, taxLines: readonly TaxLine[]): Schedule {
  const { installments } = schedule;
  const first = installments[0];
  const last = installments[installments.length - 1];
  if (!first || !last || installments.length < 2) {
    throw new PlanError("stages", "a deposit needs at least one later stage to take the rest of the total");
  }
  const difference = firstAmount - first.amount;
  if (difference === 0n) return schedule;
  const lastAmount = last.amount - difference;
  if (firstAmount <= 0n || lastAmount <= 0n) {
    throw new PlanError(
      "stages",
      `checkout would charge ${formatMinorUnits(firstAmount, schedule.currency)} now, which leaves nothing positive for the last stage`,
    );
  }
  const amounts = installments.map((installment, index) =>
    index === 0 ? firstAmount : index === installments.length - 1 ? lastAmount : installment.amount,
  );
  const taxRows = allocateTaxLines(amounts, taxLines);
  return {
    ...schedule,
    installments: installments.map((installment, index) => ({
      ...installment,
      amount: amounts[index] as bigint,
      tax: taxLines.map((line, lineIndex) => ({ title: line.title, amount: taxRows[index]?.[lineIndex] ?? 0n })),
    })),
  };
}
