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
  return { defaultPlanId: first("defaultPlanId"), depositPercent: first("depositPercent"), netDays: first("netDays"), creditLimit: first("creditLimit") };
}

/** The plan override negotiated terms make: a different deposit and/or different net days. */
export interface NegotiatedTerms {
  readonly depositPercent: string | null;
  readonly netDays: number | null;
}

export function hasNegotiatedTerms(terms: NegotiatedTerms): boolean {
  return terms.depositPercent !== null || terms.netDays !== null;
}

const TERMS_SOURCE = { deposit: { key: "terms.depositPercent" }, netDays: { key: "terms.netDays" } } as const;

/**
 * The plan with the customer's negotiated terms applied, before the schedule is built:
 * - the deposit (the first stage, due at checkout) asks for `depositPercent` of the total; the stage that holds the
 *   rest (a remainder or equal stage) absorbs the difference, or, when every stage is a percentage, the last one
 *   gives or takes it;
 * - every stage not paid at checkout is payable `netDays` after it falls due.
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
