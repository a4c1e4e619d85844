import { Dec, parseDecimal } from "../money/decimal";
import { PlanError } from "../plan-error";
import type { SourceRef } from "./plan";

/** A stage rate: a decimal percentage above 0 and at most 100, with at most 6 decimal places. */
export function parsePercent(text: string, source: SourceRef): Dec {
  const value = parseDecimal(text);
  if (value === undefined) throw new PlanError(source.key, `"${text}" is not a percentage`, source.column);
  if (value.lte(0) || value.gt(100)) {
    throw new PlanError(source.key, `${text}% is not a rate above 0 and at most 100`, source.column);
  }
  if (value.decimalPlaces() > 6) {
    throw new PlanError(source.key, `${text}% has more than 6 decimal places`, source.column);
  }
  return value;
}
