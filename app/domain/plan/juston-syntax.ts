import { parseOffset, type Offset } from "../dates/offset";
import { Dec, parseDecimal } from "../money/decimal";
import { PlanError } from "../plan-error";
import { expandList, parseList, type ListEntry } from "./list-syntax";
import { parsePercent } from "./percent";
import { MAX_INSTALLMENTS, type AmountRule, type DueRule, type Plan, type SourceRef, type StageSpec } from "./plan";
import { compileTitles } from "./titles-config";
import { validatePlan } from "./validate-plan";

/** The JustOn-compatible keys. Values are strings as JustOn writes them; numbers are accepted for rate/amount. */
export interface JustOnConfig {
  readonly period?: unknown;
  readonly dateReference?: unknown;
  readonly rate?: unknown;
  readonly amount?: unknown;
  readonly titles?: unknown;
}

export const JUSTON_KEYS = ["period", "dateReference", "rate", "amount", "titles"] as const;

/**
 * Compiles the JustOn-style plan syntax into a Plan. The rules where JustOn's documentation is silent or
 * ambiguous, chosen once and tested:
 *
 * - `period`: each `Nx(M)` entry stands for M installments, each followed by a gap of N days (d), weeks (w) or
 *   months (m). The first installment is on the payment due date; installment k is the due date plus the gaps
 *   before it, applied from the due date with consecutive month gaps summed (`1m(6),3m(2)`: +0…+5, +6, +9
 *   months; no month-end drift) and consecutive day/week gaps summed. The last entry's gap is never used
 *   (hence `30d,90d,0d`). `fix` is an installment with no gap whose date must come from `dateReference`.
 *   `Service Month` / `Service Quarter` make one installment per calendar month/quarter of the service period.
 * - `dateReference`: `FIELD(M)` entries name order dates for installments 1, 2, … in order; (M) repeats a field
 *   for M installments; an empty entry (`,Delivery`) leaves an installment on the period rule. Installments
 *   past the references follow the period rule, counted from the due date as if no reference existed. For
 *   service periods it names the start and end dates (default `servicePeriodStart,servicePeriodEnd`).
 * - `rate`: percentages of the grand total for installments 1, 2, …; the installments without a rate share
 *   the rest equally. Rates for every installment must add up to exactly 100.
 * - `amount`: fixed amounts for installments 1, 2, …; the installments without one share the rest equally.
 *   When every installment has an amount, the last one holds the rest (and the rest may not be less than it).
 * - `rate` and `amount` together are an error; both blank is an equal split.
 * - `titles`: a template, or JustOn's map of positions to titles (see titles-config.ts).
 */
export function compileJustOnConfig(config: JustOnConfig): Plan {
  const period = requiredText(config.period, "period");
  const rate = optionalText(config.rate, "rate");
  const amount = optionalText(config.amount, "amount");
  const dateReference = optionalText(config.dateReference, "dateReference");
  if (rate !== undefined && amount !== undefined) {
    throw new PlanError("rate", "rate and amount cannot be used together; give percentages in rate or amounts in amount");
  }
  const titles = compileTitles(config.titles);

  const service = /^service\s+(month|quarter)$/i.exec(period.trim());
  if (service) {
    if (rate !== undefined || amount !== undefined) {
      throw new PlanError(rate !== undefined ? "rate" : "amount", "service-period plans split the total by service days; leave rate and amount blank");
    }
    const fields =
      dateReference === undefined ? ["servicePeriodStart", "servicePeriodEnd"] : parseList(dateReference, "dateReference").map((entry) => entry.value);
    if (fields.length !== 2) {
      throw new PlanError("dateReference", "a service-period plan needs two date references: the service start and end");
    }
    const plan: Plan = {
      stages: [],
      ...titles,
      servicePeriods: {
        unit: (service[1] as string).toLowerCase() as "month" | "quarter",
        startField: fields[0] as string,
        endField: fields[1] as string,
        source: { key: "period", column: 1 },
      },
    };
    validatePlan(plan);
    return plan;
  }

  const periodEntries = expandList(parseList(period, "period"), "period", MAX_INSTALLMENTS);
  const gaps = periodEntries.map((entry) => (entry.value.toLowerCase() === "fix" ? "fix" : parseOffset(entry.value, "period", entry.column)));
  const count = periodEntries.length;
  const references = dateReference === undefined ? [] : expandReferences(dateReference, count);
  const amountRules = rate !== undefined ? rateRules(rate, count) : amount !== undefined ? amountRulesFor(amount, count) : undefined;

  const stages = periodEntries.map((entry, index): StageSpec => {
    const reference = references[index];
    const due: DueRule = reference && reference.value !== "" ? { kind: "dateField", field: reference.value, offsets: [] } : periodRule(gaps, index, entry);
    const amountRule = amountRules?.[index] ?? {
      rule: { kind: "equal" } as AmountRule,
      source: { key: rate !== undefined ? "rate" : amount !== undefined ? "amount" : "period" },
    };
    return {
      kind: "installment",
      amount: amountRule.rule,
      due,
      netDays: 0,
      amountSource: amountRule.source,
      dueSource: reference && reference.value !== "" ? { key: "dateReference", column: reference.column } : { key: "period", column: entry.column },
    };
  });
  const plan: Plan = { stages, ...titles };
  validatePlan(plan);
  return plan;
}

function periodRule(gaps: readonly (Offset | "fix")[], index: number, entry: ListEntry): DueRule {
  if (gaps[index] === "fix") {
    throw new PlanError("period", `"fix" at installment ${index + 1} needs a date from dateReference`, entry.column);
  }
  const offsets = gaps.slice(0, index).filter((gap): gap is Offset => gap !== "fix");
  return { kind: "offset", from: "paymentDueDate", offsets };
}

function expandReferences(text: string, count: number): ListEntry[] {
  const entries = parseList(text, "dateReference", { allowEmpty: true });
  for (const entry of entries) {
    if (/[()]/.test(entry.value)) throw new PlanError("dateReference", `"${entry.value}" is not a field name`, entry.column);
  }
  const expanded = expandList(entries, "dateReference", MAX_INSTALLMENTS);
  if (expanded.length > count) {
    const extra = expanded[count] as ListEntry;
    throw new PlanError("dateReference", `${expanded.length} date references for ${count} installments`, extra.column);
  }
  return expanded;
}

interface SourcedRule {
  readonly rule: AmountRule;
  readonly source: SourceRef;
}

function rateRules(text: string, count: number): SourcedRule[] {
  const entries = expandList(parseList(text, "rate"), "rate", MAX_INSTALLMENTS);
  if (entries.length > count) {
    throw new PlanError("rate", `${entries.length} rates for ${count} installments`, (entries[count] as ListEntry).column);
  }
  let sum = new Dec(0);
  const rules = entries.map((entry): SourcedRule => {
    const source = { key: "rate", column: entry.column };
    sum = sum.plus(parsePercent(entry.value, source));
    if (sum.gt(100)) throw new PlanError("rate", `the rates add up to ${sum.toString()}%, more than 100%`, entry.column);
    return { rule: { kind: "percent", percent: entry.value.trim() }, source };
  });
  if (entries.length < count && sum.eq(100)) {
    throw new PlanError("rate", `the rates already add up to 100%, leaving nothing for installments ${entries.length + 1} to ${count}`);
  }
  return rules;
}

function amountRulesFor(text: string, count: number): SourcedRule[] {
  const entries = expandList(parseList(text, "amount"), "amount", MAX_INSTALLMENTS);
  if (entries.length > count) {
    throw new PlanError("amount", `${entries.length} amounts for ${count} installments`, (entries[count] as ListEntry).column);
  }
  return entries.map((entry, index): SourcedRule => {
    const value = parseDecimal(entry.value);
    const source = { key: "amount", column: entry.column };
    if (value === undefined) throw new PlanError("amount", `"${entry.value}" is not an amount`, entry.column);
    if (value.lte(0)) throw new PlanError("amount", `an amount must be above zero, not ${entry.value}`, entry.column);
    const isLastInstallment = entries.length === count && index === count - 1;
    return {
      rule: isLastInstallment ? { kind: "remainder", atLeast: entry.value } : { kind: "fixed", amount: entry.value },
      source,
    };
  });
}

function optionalText(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") throw new PlanError(key, "must be a string");
  return value.trim() === "" ? undefined : value;
}

function requiredText(value: unknown, key: string): string {
  const text = optionalText(value, key);
  if (text === undefined) throw new PlanError(key, "is required, for example 1m(4) for four monthly installments");
  return text;
}
