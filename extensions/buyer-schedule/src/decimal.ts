/**
 * Exact arithmetic on the decimal strings the app sends ("15938.57"): scaled to integers (bigint) at
 * the largest number of decimals among them, never through a binary float.
 */
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** The sum of non-negative decimal strings, with as many decimals as the longest of them. */
export function sumDecimals(amounts: readonly string[]): string {
  const parsed = amounts.map((amount) => {
    const match = DECIMAL.exec(amount);
    if (!match) throw new Error(`not a decimal amount: "${amount}"`);
    return {whole: match[1] as string, fraction: match[2] ?? ''};
  });
  const scale = Math.max(0, ...parsed.map((amount) => amount.fraction.length));
  // BigInt(0), not 0n: the Shopify CLI bundles for ES2015, where a bigint literal is a syntax error.
  const total = parsed.reduce((sum, amount) => sum + BigInt(amount.whole + amount.fraction.padEnd(scale, '0')), BigInt(0));
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** "0", "0.00": an amount that is nothing (a tax line with no share in a stage). */
export function isZeroDecimal(amount: string): boolean {
  return /^0+(\.0+)?$/.test(amount);
}
