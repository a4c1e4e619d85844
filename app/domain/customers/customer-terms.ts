import { PlanError } from "../plan-error";
import type { AmountRule, Plan, StageSpec } from "../plan/plan";
import { parsePercent } from "../plan/percent";
import { Dec } from "../money/decimal";

/** Whom terms are negotiated with, least specific last: a draft for a company location resolves location, company, customer. */
export type TermsSubjectKind = "customer" | "company" | "companyLocation";

export const TERMS_SUBJECT_KINDS: readonly TermsSubjectKind[] = ["companyLocation", "company", "customer"];

/** A credit limit: minor units of one currency. */
export interface CreditLimit {
  readonly minor: bigint;
  readonly currency: string;
}

/** What staff negotiated with one subject; every field is optional and an absent one falls through to the next subject. */
export interface CustomerTermsFields {
  readonly defaultPlanId: string | null;
  /** The deposit as a decimal percent ("25", "12.5"). */
  readonly depositPercent: string | null;
  readonly netDays: number | null;
  /** The days of the month the customer pays on (ascending, 1–31), as SAP's and Odoo's "payment days". */
  readonly paymentDays: readonly number[] | null;
  readonly creditLimit: CreditLimit | null;
}

export interface TermsLayer {
  readonly kind: TermsSubjectKind;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly fields: CustomerTermsFields;
}

/** A resolved field and the subject whose terms gave it, so the attach page can say where a figure comes from. */
export interface ResolvedField<T> {
  readonly value: T;
  readonly from: TermsLayer;
}

export interface ResolvedTerms {
  readonly defaultPlanId: ResolvedField<string> | null;
  readonly depositPercent: ResolvedField<string> | null;
  readonly netDays: ResolvedField<number> | null;
  readonly paymentDays: ResolvedField<readonly number[]> | null;
  readonly creditLimit: ResolvedField<CreditLimit> | null;
}

const SPECIFICITY: Readonly<Record<TermsSubjectKind, number>> = { companyLocation: 0, company: 1, customer: 2 };

/** Per field, the most specific subject that sets it: company location, then company, then customer. */
export function resolveTerms(layers: readonly TermsLayer[]): ResolvedTerms {
  const ordered = [...layers].sort((a, b) => SPECIFICITY[a.kind] - SPECIFICITY[b.kind]);
  const first = <K extends keyof CustomerTermsFields>(key: K): ResolvedField<NonNullable<CustomerTermsFields[K]>> | null => {
    const layer = ordered.find((candidate) => candidate.fields[key] !== null);
    return layer ? { value: layer.fields[key] as NonNullable<CustomerTermsFields[K]>, from: layer } : null;
  };
  return {
    defaultPlanId: first("defaultPlanId"),
    depositPercent: first("depositPercent"),
    netDays: first("netDays"),
    paymentDays: first("paymentDays"),
    creditLimit: first("creditLimit"),
  };
}

/** The plan override negotiated terms make: a different deposit, different net days, payment days. */
export interface NegotiatedTerms {
  readonly depositPercent: string | null;
  readonly netDays: number | null;
  readonly paymentDays: readonly number[] | null;
}

export function hasNegotiatedTerms(terms: NegotiatedTerms): boolean {
  return terms.depositPercent !== null || terms.netDays !== null || terms.paymentDays !== null;
}

const TERMS_SOURCE = { deposit: { key: "terms.depositPercent" }, netDays: { key: "terms.netDays" }, paymentDays: { key: "terms.paymentDays" } } as const;

/** Payment days a customer may have: a few a month, as SAP's three and Odoo's payment days go; more is a weekly plan. */
export const MAX_PAYMENT_DAYS = 4;

/** What is wrong with a list of payment days, in words; null when it is whole days from 1 to 31, distinct, ascending, at most four. */
export function paymentDaysProblem(days: readonly number[]): string | null {
  if (days.length === 0) return "give at least one day of the month, like 5 or 5, 20";
  if (days.length > MAX_PAYMENT_DAYS) return `give at most ${MAX_PAYMENT_DAYS} days of the month, not ${days.length}`;
  const wrong = days.find((day) => !Number.isInteger(day) || day < 1 || day > 31);
  if (wrong !== undefined) return `a day of the month is a whole number from 1 to 31, not ${wrong}`;
  for (let index = 1; index < days.length; index++) {
    if ((days[index] as number) <= (days[index - 1] as number)) return "give each day once, in ascending order (5, 20)";
  }
  return null;
}

/**
 * The plan with the customer's negotiated terms applied, before the schedule is built:
 * - the deposit (the first stage, due at checkout) asks for `depositPercent` of the total; the stage that holds the
 *   rest (a remainder or equal stage) absorbs the difference, or, when every stage is a percentage, the last one
 *   gives or takes it;
 * - every stage not paid at checkout is payable `netDays` after it falls due;
 * - every stage not paid at checkout is payable on the next of `paymentDays` on or after that date (after the net
 *   days; day 31 is a shorter month's last day). A shop's working calendar then moves it off a closed day, as it
 *   does a plan's own "next day 5/20" step.
 * A plan the terms cannot apply to is refused with the reason (PlanError), never silently left as it was.
 */
export function applyNegotiatedTerms(plan: Plan, terms: NegotiatedTerms): Plan {
  if (!hasNegotiatedTerms(terms)) return plan;
  if (plan.servicePeriods) {
    throw new PlanError("terms", "negotiated terms do not apply to a plan with service-period installments; choose another plan or clear the terms");
  }
  let stages = plan.stages;
  if (terms.depositPercent !== null) stages = withDeposit(stages, terms.depositPercent);
  if (terms.netDays !== null) stages = withNetDays(stages, terms.netDays);
  if (terms.paymentDays !== null) stages = withPaymentDays(stages, terms.paymentDays);
  return { ...plan, stages };
}

function withDeposit(stages: readonly StageSpec[], depositText: string): readonly StageSpec[] {
  const deposit = parsePercent(depositText, TERMS_SOURCE.deposit);
  if (deposit.gte(100)) throw new PlanError(TERMS_SOURCE.deposit.key, "a deposit must leave something for the later stages (below 100%)");
  const [first, ...rest] = stages;
  if (!first || first.due.kind !== "atCheckout" || rest.length === 0) {
    throw new PlanError(
      TERMS_SOURCE.deposit.key,
      "the plan has no deposit (a first stage paid at checkout followed by more stages) for the negotiated deposit to replace",
    );
  }
  const depositStage: StageSpec = { ...first, amount: { kind: "percent", percent: deposit.toString() } };
  if (rest.some((stage) => stage.amount.kind === "remainder" || stage.amount.kind === "equal")) return [depositStage, ...rest];

  // Every later stage is a percentage or a fixed amount: the last percent stage gives or takes the difference.
  if (first.amount.kind !== "percent") {
    throw new PlanError(
      TERMS_SOURCE.deposit.key,
      "the plan's deposit is a fixed amount and no stage holds the rest, so a negotiated deposit percentage cannot be balanced",
    );
  }
  const lastPercentIndex = rest.map((stage) => stage.amount.kind).lastIndexOf("percent");
  const last = rest[lastPercentIndex];
  if (!last || last.amount.kind !== "percent") {
    throw new PlanError(TERMS_SOURCE.deposit.key, "no later stage is a percentage or holds the rest, so a negotiated deposit percentage cannot be balanced");
  }
  const previous = parsePercent(first.amount.percent, first.amountSource);
  const balanced = parsePercent(last.amount.percent, last.amountSource).plus(previous).minus(deposit);
  if (balanced.lte(0)) {
    throw new PlanError(
      TERMS_SOURCE.deposit.key,
      `a ${deposit.toString()}% deposit leaves nothing for stage ${lastPercentIndex + 2} (${last.amount.percent}% of the plan, with its ${previous.toString()}% deposit)`,
    );
  }
  const amount: AmountRule = { kind: "percent", percent: new Dec(balanced).toString() };
  return [depositStage, ...rest.map((stage, index) => (index === lastPercentIndex ? { ...stage, amount } : stage))];
}

function withNetDays(stages: readonly StageSpec[], netDays: number): readonly StageSpec[] {
  if (!Number.isInteger(netDays) || netDays < 0 || netDays > 3650) {
    throw new PlanError(TERMS_SOURCE.netDays.key, `net days must be a whole number from 0 to 3650, not ${netDays}`);
  }
  // A stage paid at checkout is paid when the order is placed: net days would move nothing a buyer pays then.
  return stages.map((stage) => (stage.due.kind === "atCheckout" ? stage : { ...stage, netDays }));
}

function withPaymentDays(stages: readonly StageSpec[], paymentDays: readonly number[]): readonly StageSpec[] {
  const problem = paymentDaysProblem(paymentDays);
  if (problem !== null) throw new PlanError(TERMS_SOURCE.paymentDays.key, `payment days: ${problem}`);
  return stages.map((stage) => (stage.due.kind === "atCheckout" ? stage : { ...stage, paymentDays }));
}
