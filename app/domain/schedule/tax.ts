import { allocateByRatios, allocateSmallByRatios, allocateSmallByRatiosInto } from "../money/allocate";
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
  return taxLinesByInstallment(amounts, taxLines).map((row) => row.map((share) => share.amount));
}

/** allocateTaxLines as each installment's tax lines (the line's title, the installment's share), as a schedule holds them. */
export function taxLinesByInstallment(amounts: readonly bigint[], taxLines: readonly TaxLine[]): TaxLine[][] {
  if (taxLines.length === 0) return amounts.map(() => []);
  let totalTax = 0n;
  for (const line of taxLines) totalTax += line.amount;
  if (totalTax === 0n) return amounts.map(() => taxLines.map((line) => ({ title: line.title, amount: 0n })));

  let total = 0n;
  for (const amount of amounts) total += amount;
  if (totalTax * (total > totalTax ? total : totalTax) <= MAX_EXACT_PRODUCT) return smallTaxLinesByInstallment(amounts, taxLines, Number(totalTax));

  const taxPerInstallment = allocateByRatios(totalTax, amounts);
  const unassigned = taxLines.map((line) => line.amount);
  const last = amounts.length - 1;
  const rows: TaxLine[][] = [];
  for (let index = 0; index < last; index++) {
    const installmentTax = taxPerInstallment[index] as bigint;
    const shares = installmentTax === 0n ? taxLines.map(() => 0n) : allocateByRatios(installmentTax, unassigned);
    for (let line = 0; line < shares.length; line++) unassigned[line] = (unassigned[line] as bigint) - (shares[line] as bigint);
    rows.push(withTitles(taxLines, shares));
  }
  rows.push(withTitles(taxLines, unassigned));
  return rows;
}

function withTitles(taxLines: readonly TaxLine[], shares: readonly bigint[]): TaxLine[] {
  return taxLines.map((line, index) => ({ title: line.title, amount: shares[index] as bigint }));
}

/**
 * Every product below is an installment's tax (at most the total tax) times an installment amount (at most the
 * total) or times what is left of a line (at most the total tax): while total tax × the larger of the two stays
 * below 2^53, doubles compute every one exactly.
 */
const MAX_EXACT_PRODUCT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The same split on doubles, converted once each way: the usual order (total tax × total below 2^53, as for any
 * order under 90,000,000.00 in a two-decimal currency) never pays for bigint arithmetic in its inner loop, and
 * splits each installment's tax into the same two scratch arrays. The property tests hold it to the bigint split.
 */
function smallTaxLinesByInstallment(amounts: readonly bigint[], taxLines: readonly TaxLine[], totalTax: number): TaxLine[][] {
  const count = amounts.length;
  const lineCount = taxLines.length;
  const ratios = new Array<number>(count);
  for (let index = 0; index < count; index++) ratios[index] = Number(amounts[index]);
  const taxPerInstallment = allocateSmallByRatios(totalTax, ratios);
  const unassigned = new Array<number>(lineCount);
  for (let line = 0; line < lineCount; line++) unassigned[line] = Number((taxLines[line] as TaxLine).amount);
  const shares = new Array<number>(lineCount);
  const fractions = new Array<number>(lineCount);
  const bigints = new RecentBigInts();
  const last = count - 1;
  const rows = new Array<TaxLine[]>(count);
  for (let index = 0; index < last; index++) {
    const installmentTax = taxPerInstallment[index] as number;
    if (installmentTax === 0) shares.fill(0);
    else allocateSmallByRatiosInto(installmentTax, unassigned, lineCount, shares, fractions);
    const row = new Array<TaxLine>(lineCount);
    for (let line = 0; line < lineCount; line++) {
      const share = shares[line] as number;
      unassigned[line] = (unassigned[line] as number) - share;
      row[line] = { title: (taxLines[line] as TaxLine).title, amount: bigints.of(share) };
    }
    rows[index] = row;
  }
  // The last installment takes what is left of every line.
  const row = new Array<TaxLine>(lineCount);
  for (let line = 0; line < lineCount; line++) row[line] = { title: (taxLines[line] as TaxLine).title, amount: bigints.of(unassigned[line] as number) };
  rows[last] = row;
  return rows;
}

/**
 * Bigints of integer doubles, handing back the bigint made earlier in the same split for a value met again: equal
 * installments repeat their tax shares, and each new bigint is an allocation (most of the split's cost). Direct-mapped
 * on the value's low bits: a value whose slot holds another is made anew and takes the slot.
 */
class RecentBigInts {
  // Empty slots read as undefined, which no value equals.
  private readonly values = new Array<number>(RECENT_SLOTS);
  private readonly bigints = new Array<bigint>(RECENT_SLOTS);

  of(value: number): bigint {
    const slot = value & (RECENT_SLOTS - 1);
    if (this.values[slot] === value) return this.bigints[slot] as bigint;
    const made = BigInt(value);
    this.values[slot] = value;
    this.bigints[slot] = made;
    return made;
  }
}

const RECENT_SLOTS = 64;
