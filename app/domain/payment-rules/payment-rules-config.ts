import { z } from "zod";
import type { Currency } from "../money/currency";
import { parseDecimal, type Dec } from "../money/decimal";
import { toMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import { parseConfigValue } from "../plan/config-value";
import { CASH_ROUNDING_METHODS, type CashRounding, type CashRoundingMethod } from "./cash-rounding";
import type { EarlyPaymentRule } from "./early-payment-discount";
import type { LateFee } from "./late-fee";

/**
 * A plan's payment rules, the block the merchant writes beside the stages:
 *
 * ```json
 * { "earlyPayment": { "percent": "2", "withinDays": 10 },
 *   "lateFee": { "fixed": "25.00", "graceDays": 5 }
 *           | { "percentPerMonth": "1.5", "compound": false, "graceDays": 5, "max": "100.00" },
 *   "cashRounding": "0.05" | { "unit": "0.05", "method": "halfUp" | "up" | "down" } }
 * ```
 * Every key is optional. Amounts are decimal strings (numbers are read as their decimal text, as the stages' are);
 * whether their decimals fit the currency is checked by `paymentRulesInCurrency` once the order's currency is known.
 */
export interface PaymentRules {
  readonly earlyPayment?: EarlyPaymentRule;
  readonly lateFee?: LateFeeRule;
  readonly cashRounding?: CashRoundingRule;
}

/** A late fee as written: amounts still decimal text, not yet in a currency. */
export type LateFeeRule =
  | { readonly kind: "fixed"; readonly fee: string; readonly graceDays: number }
  | { readonly kind: "interest"; readonly percentPerMonth: string; readonly compound: boolean; readonly graceDays: number; readonly max?: string };

/** A cash rounding as written: `"0.05"` is `{ unit: "0.05", method: "halfUp" }`. */
export interface CashRoundingRule {
  readonly unit: string;
  readonly method: CashRoundingMethod;
}

/** The rules in an order's currency: what the payment-rule functions take. */
export interface PaymentRulesInCurrency {
  readonly earlyPayment?: EarlyPaymentRule;
  readonly lateFee?: LateFee;
  readonly cashRounding?: CashRounding;
}

/** Days are counted to ten years at most, as a stage's net days are. */
const MAX_DAYS = 3650;
const PERCENT_DECIMALS = 6;

const decimalText = z
  .union([z.string(), z.number().finite()], {
    errorMap: (_issue, context) => ({ message: context.data === undefined ? "is required" : 'must be a decimal written as text, such as "2.5"' }),
  })
  .transform(String);
const days = z
  .number({ invalid_type_error: "must be a whole number of days" })
  .int("must be a whole number of days")
  .min(0, "must not be negative")
  .max(MAX_DAYS, `must be at most ${MAX_DAYS} days`);

const rulesSchema = z.object({ earlyPayment: z.unknown().optional(), lateFee: z.unknown().optional(), cashRounding: z.unknown().optional() }).strict();
const earlyPaymentSchema = z
  .object({ percent: decimalText, withinDays: days }, { invalid_type_error: 'must be an object like {"percent": "2", "withinDays": 10}' })
  .strict();
const lateFeeSchema = z
  .object(
    {
      fixed: decimalText.optional(),
      percentPerMonth: decimalText.optional(),
      compound: z.boolean({ invalid_type_error: "must be true or false" }).optional(),
      graceDays: days.default(0),
      max: decimalText.optional(),
    },
    { invalid_type_error: 'must be an object like {"fixed": "25.00"} or {"percentPerMonth": "1.5"}' },
  )
  .strict();
const cashUnitSchema = decimalText;
const cashRoundingSchema = z
  .object({
    unit: decimalText,
    method: z.enum(CASH_ROUNDING_METHODS, { errorMap: () => ({ message: 'must be "halfUp", "up" or "down"' }) }).default("halfUp"),
  })
  .strict();

/** Reads the payment rules written at `key` (`paymentRules`), or throws the PlanError that names the key at fault. */
export function compilePaymentRules(raw: unknown, key: string): PaymentRules {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PlanError(key, "must be an object with any of: earlyPayment, lateFee, cashRounding");
  }
  const top = parseConfigValue(rulesSchema, raw, key);
  return {
    ...(top.earlyPayment === undefined ? {} : { earlyPayment: compileEarlyPayment(top.earlyPayment, `${key}.earlyPayment`) }),
    ...(top.lateFee === undefined ? {} : { lateFee: compileLateFee(top.lateFee, `${key}.lateFee`) }),
    ...(top.cashRounding === undefined ? {} : { cashRounding: compileCashRounding(top.cashRounding, `${key}.cashRounding`) }),
  };
}

function compileEarlyPayment(raw: unknown, key: string): EarlyPaymentRule {
  const rule = parseConfigValue(earlyPaymentSchema, raw, key);
  // A 100% discount would leave nothing to pay: the stage would be a gift, not an early payment.
  const percent = readPercent(rule.percent, `${key}.percent`, (value) => value.gt(0) && value.lt(100), "a discount above 0 and below 100");
  return { percent, withinDays: rule.withinDays };
}

function compileLateFee(raw: unknown, key: string): LateFeeRule {
  const rule = parseConfigValue(lateFeeSchema, raw, key);
  if ((rule.fixed === undefined) === (rule.percentPerMonth === undefined)) {
    throw new PlanError(key, 'needs exactly one of "fixed" (an amount, such as "25.00") or "percentPerMonth" (such as "1.5")');
  }
  if (rule.fixed !== undefined) {
    if (rule.compound !== undefined) throw new PlanError(`${key}.compound`, 'applies only to "percentPerMonth" interest, not to a fixed fee');
    if (rule.max !== undefined) throw new PlanError(`${key}.max`, 'applies only to "percentPerMonth" interest, not to a fixed fee');
    return { kind: "fixed", fee: positiveAmount(rule.fixed, `${key}.fixed`), graceDays: rule.graceDays };
  }
  const percentPerMonth = readPercent(
    rule.percentPerMonth ?? "",
    `${key}.percentPerMonth`,
    (value) => value.gt(0) && value.lte(100),
    "a monthly rate above 0 and at most 100",
  );
  return {
    kind: "interest",
    percentPerMonth,
    compound: rule.compound ?? false,
    graceDays: rule.graceDays,
    ...(rule.max === undefined ? {} : { max: positiveAmount(rule.max, `${key}.max`) }),
  };
}

function compileCashRounding(raw: unknown, key: string): CashRoundingRule {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const rule = parseConfigValue(cashRoundingSchema, raw, key);
    return { unit: positiveAmount(rule.unit, `${key}.unit`), method: rule.method };
  }
  const unit = parseConfigValue(cashUnitSchema, raw, key, 'must be a unit such as "0.05", or {"unit": "0.05", "method": "halfUp" | "up" | "down"}');
  return { unit: positiveAmount(unit, key), method: "halfUp" };
}

/** A percentage with at most 6 decimal places within `range`, normalised ("1.50" → "1.5"). */
function readPercent(text: string, key: string, inRange: (value: Dec) => boolean, range: string): string {
  const value = parseDecimal(text);
  if (value === undefined) throw new PlanError(key, `"${text}" is not a percentage`);
  if (!inRange(value)) throw new PlanError(key, `${text}% is not ${range}`);
  if (value.decimalPlaces() > PERCENT_DECIMALS) throw new PlanError(key, `${text}% has more than ${PERCENT_DECIMALS} decimal places`);
  return value.toFixed();
}

function positiveAmount(text: string, key: string): string {
  const value = parseDecimal(text);
  if (value === undefined) throw new PlanError(key, `"${text}" is not a decimal amount`);
  if (value.lte(0)) throw new PlanError(key, `${text} is not an amount above zero`);
  return value.toFixed();
}

/**
 * The rules in the order's currency, amounts in its minor units. A fixed fee, a cap or a cash unit with more
 * decimals than the currency has is an error naming its key (the cash unit's is `cashRounding`, whichever form
 * it was written in), never a silent rounding (toMinorUnits).
 */
export function paymentRulesInCurrency(rules: PaymentRules, currency: Currency, key: string): PaymentRulesInCurrency {
  const { earlyPayment, lateFee, cashRounding } = rules;
  return {
    ...(earlyPayment === undefined ? {} : { earlyPayment }),
    ...(lateFee === undefined ? {} : { lateFee: lateFeeInCurrency(lateFee, currency, `${key}.lateFee`) }),
    ...(cashRounding === undefined ? {} : { cashRounding: cashRoundingInCurrency(cashRounding, currency, `${key}.cashRounding`) }),
  };
}

function lateFeeInCurrency(rule: LateFeeRule, currency: Currency, key: string): LateFee {
  if (rule.kind === "fixed") return { kind: "fixed", fee: toMinorUnits(rule.fee, currency, `${key}.fixed`), graceDays: rule.graceDays };
  const { max, ...interest } = rule;
  return { ...interest, ...(max === undefined ? {} : { max: toMinorUnits(max, currency, `${key}.max`) }) };
}

function cashRoundingInCurrency(rule: CashRoundingRule, currency: Currency, key: string): CashRounding {
  return { unit: toMinorUnits(rule.unit, currency, key), method: rule.method };
}
