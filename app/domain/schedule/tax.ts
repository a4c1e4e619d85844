import { allocateByRatios } from "../money/allocate";
import type { TaxLine } from "./order-snapshot";

/**
 * Splits every tax line across the installments, in proportion to their amounts.
 *
 * First the order's total tax is split by installment amount (largest remainder), so each installment's tax is
 * within a minor unit of its exact share and never above its amount. Then each installment's tax is split over
 * the tax lines in proportion to what is still unassigned of each line, and the last installment takes exactly
 * what remains: every line's shares sum to the line, every installment's shares sum to its tax, none negative.
 * Returns one row per installment, one share per tax line.
 */
export function allocateTaxLines(amounts: readonly bigint[], taxLines: readonly TaxLine[]): bigint[][] {
  const totalTax = taxLines.reduce((sum, line) => sum + line.amount, 0n);
  if (taxLines.length === 0) return amounts.map(() => []);
  if (totalTax === 0n) return amounts.map(() => taxLines.map(() => 0n));

  const taxPerInstallment = allocateByRatios(totalTax, amounts);
  const unassigned = taxLines.map((line) => line.amount);
  return taxPerInstallment.map((installmentTax, index) => {
    if (index === amounts.length - 1) return [...unassigned];
    if (installmentTax === 0n) return taxLines.map(() => 0n);
    const row = allocateByRatios(installmentTax, unassigned);
    row.forEach((share, line) => (unassigned[line] = (unassigned[line] as bigint) - share));
    return row;
  });
}
