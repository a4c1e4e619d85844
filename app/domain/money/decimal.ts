import Decimal from "decimal.js";

/**
 * The engine's decimal type: 40 significant digits so that no amount a shop can hold is ever rounded by the
 * arithmetic itself; rounding happens only where a rule says so.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** Parses a plain decimal ("12", "12.5", ".5"); returns undefined for anything else (exponents, NaN, hex…). */
export function parseDecimal(text: string): Dec | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed) || trimmed.replace(/[^0-9]/g, "").length > 30) return undefined;
  return new Dec(trimmed);
}
