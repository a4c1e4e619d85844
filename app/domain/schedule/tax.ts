import { allocateByRatios, allocateSmallByRatios } from "../money/allocate";
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

  let total = 0n;
  for (const amount of amounts) total += amount;
  if (totalTax * total <= MAX_EXACT_PRODUCT) return allocateSmallTaxLines(amounts, taxLines, Number(totalTax));

  const taxPerInstallment = allocateByRatios(totalTax, amounts);
  const unassigned = taxLines.map((line) => line.amount);
  const last = amounts.length - 1;
  const rows: bigint[][] = [];
  for (let index = 0; index < last; index++) {
    const installmentTax = taxPerInstallment[index] as bigint;
    if (installmentTax === 0n) {
      rows.push(taxLines.map(() => 0n));
      continue;
    }
    const row = allocateByRatios(installmentTax, unassigned);
    for (let line = 0; line < row.length; line++) unassigned[line] = (unassigned[line] as bigint) - (row[line] as bigint);
    rows.push(row);
  }
  rows.push(unassigned);
  return rows;
}

/** Every product below is at most total tax × total, so while that stays below 2^53 doubles compute it exactly. */
const MAX_EXACT_PRODUCT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The same split on doubles, converted once each way: the usual order (total tax × total below 2^53, as for any
 * order under 90,000,000.00 in a two-decimal currency) never pays for bigint arithmetic in its inner loop. The
 * property tests hold it to the bigint split.
 */
function allocateSmallTaxLines(amounts: readonly bigint[], taxLines: readonly TaxLine[], totalTax: number): bigint[][] {
  const ratios: number[] = [];
  for (let index = 0; index < amounts.length; index++) ratios.push(Number(amounts[index]));
  const unassigned: number[] = [];
  for (let line = 0; line < taxLines.length; line++) unassigned.push(Number((taxLines[line] as TaxLine).amount));
  const taxPerInstallment = allocateSmallByRatios(totalTax, ratios);
  const last = amounts.length - 1;
  const rows: bigint[][] = [];
  for (let index = 0; index <= last; index++) {
    const installmentTax = taxPerInstallment[index] as number;
    const shares = index === last || installmentTax === 0 ? undefined : allocateSmallByRatios(installmentTax, unassigned);
    const row: bigint[] = [];
    for (let line = 0; line < unassigned.length; line++) {
      const share = index === last ? (unassigned[line] as number) : shares === undefined ? 0 : (shares[line] as number);
      unassigned[line] = (unassigned[line] as number) - share;
      row.push(BigInt(share));
    }
    rows.push(row);
  }
  return rows;
}
