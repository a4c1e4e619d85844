import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import {
  checkCreditLimit,
  creditLimitRefusal,
  creditLimitSummary,
  type CreditCheckInput,
  type CreditDecision,
  type CreditFigures,
} from "../../domain/customers/credit-limit";
import { resolveTerms, type NegotiatedTerms, type ResolvedTerms, type TermsLayer, type TermsSubjectKind } from "../../domain/customers/customer-terms";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits, toMinorUnits } from "../../domain/money/minor-units";
import { formatMoney } from "../../locale/format";
import { customerExposure, subjectId, type CurrencyExposure, type CustomerSubject } from "../../models/customer-exposure.server";
import { subjectOf, termsLayers } from "../../models/customer-terms.server";
import type { Database } from "../../models/database.server";
import { shopFormat } from "../../models/shop-profile.server";
import type { DraftOrderQuery } from "../../types/admin.generated";
import type { ServiceDeps } from "../service-deps.server";
import { AttachPlanError } from "./attach-plan-error";

type Draft = NonNullable<DraftOrderQuery["draftOrder"]>;

/** A subject the draft names, with what staff call it. */
export interface NamedSubject {
  readonly subject: CustomerSubject;
  readonly name: string;
}

/** What the customer's terms mean for attaching a plan to this draft: the override, the limit and the decision. */
export interface AttachTerms {
  readonly subjects: readonly NamedSubject[];
  readonly resolved: ResolvedTerms;
  readonly negotiated: NegotiatedTerms;
  /** The subject whose exposure is weighed: the one whose terms set the limit, else the draft's most specific one. */
  readonly weighed: NamedSubject | null;
  readonly exposure: readonly CurrencyExposure[];
  readonly decision: CreditDecision;
  /** The decision in plain words, money in the shop's format. */
  readonly summary: string;
  /** The refusal when the order is over the limit. */
  readonly refusal: string | null;
  /** What the check weighed, kept to weigh it again under the lock as the contract is created (weighCreditAgain). */
  readonly check: { readonly order: CreditCheckInput["order"]; readonly today: CalendarDate; readonly locale: string };
}

/** An attach over the customer's credit limit, refused with the figures; staff may override it with a reason. */
export class CreditLimitError extends AttachPlanError {
  constructor(
    message: string,
    readonly subject: NamedSubject,
    readonly figures: CreditFigures,
  ) {
    super(message);
    this.name = "CreditLimitError";
  }
}

/** The draft's subjects, most specific first: its company location, its company, its customer. */
export function draftSubjects(draft: Draft): NamedSubject[] {
  const subjects: NamedSubject[] = [];
  const purchasing = draft.purchasingEntity;
  if (purchasing?.__typename === "PurchasingCompany") {
    subjects.push({
      subject: { kind: "companyLocation", companyLocationId: purchasing.location.id },
      name: `${purchasing.company.name} (${purchasing.location.name})`,
    });
    subjects.push({ subject: { kind: "company", companyId: purchasing.company.id }, name: purchasing.company.name });
  }
  if (draft.customer) subjects.push({ subject: { kind: "customer", customerId: draft.customer.id }, name: draft.customer.displayName });
  return subjects;
}

function named(subjects: readonly NamedSubject[], layer: TermsLayer): NamedSubject {
  return (
    subjects.find((candidate) => candidate.subject.kind === layer.kind && subjectId(candidate.subject) === layer.subjectId) ?? {
      subject: subjectOf(layer.kind, layer.subjectId),
      name: layer.subjectName ?? layer.subjectId,
    }
  );
}

/**
 * Reads the terms of every subject the draft names, resolves them (most specific first, per field), sums the
 * exposure of the subject the limit is on and decides whether the draft's total fits under it.
 */
export async function attachTerms(deps: Pick<ServiceDeps, "db" | "adminFor" | "now">, shop: string, draft: Draft, timeZone: string): Promise<AttachTerms> {
  const subjects = draftSubjects(draft);
  const resolved = resolveTerms(
    await termsLayers(
      deps.db,
      shop,
      subjects.map((entry) => entry.subject),
    ),
  );
  const weighed = resolved.creditLimit ? named(subjects, resolved.creditLimit.from) : (subjects[0] ?? null);
  const today = calendarDateAt(deps.now(), timeZone);
  const exposure = weighed ? await customerExposure(deps.db, shop, weighed.subject, today) : [];
  const currency = currencyFor(draft.currencyCode);
  const order = { minor: toMinorUnits(draft.totalPriceSet.shopMoney.amount, currency, "totalPriceSet"), currency: currency.code };
  const { locale } = await shopFormat(deps, shop);
  return {
    subjects,
    resolved,
    negotiated: {
      depositPercent: resolved.depositPercent?.value ?? null,
      netDays: resolved.netDays?.value ?? null,
      paymentDays: resolved.paymentDays?.value ?? null,
    },
    weighed,
    ...weigh(weighed, resolved, exposure, { order, today, locale }),
    check: { order, today, locale },
  };
}

/** The credit decision on this exposure, in words. */
function weigh(weighed: NamedSubject | null, resolved: ResolvedTerms, exposure: readonly CurrencyExposure[], check: AttachTerms["check"]) {
  const decision = checkCreditLimit({ limit: resolved.creditLimit?.value ?? null, exposure, order: check.order });
  const money = (minor: bigint, code: string) => formatMoney(minor, code, check.locale);
  const name = weighed?.name ?? "This customer";
  return {
    exposure,
    decision,
    summary: creditLimitSummary(name, decision, money),
    refusal: decision.kind === "over" ? creditLimitRefusal(name, decision.figures, money) : null,
  };
}

/**
 * Inside the (serializable) transaction that creates the contract: weighs the limit again on what is owed now. Two
 * attaches for one customer at the same moment cannot both pass: each read what the other writes, so PostgreSQL
 * refuses one, and its retry counts the other's contract. A transaction-scoped advisory lock per subject the draft
 * names (taken in one order, so two attaches never wait on each other) queues such attaches instead of letting them
 * race, so the loser retries once.
 */
export async function weighCreditAgain(db: Database, shop: string, terms: AttachTerms): Promise<AttachTerms> {
  const keys = [...new Set(terms.subjects.map((entry) => `${shop}|${entry.subject.kind}|${subjectId(entry.subject)}`))].sort();
  for (const key of keys) await db.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))::text AS "locked"`;
  if (!terms.resolved.creditLimit || !terms.weighed) return terms;
  const exposure = await customerExposure(db, shop, terms.weighed.subject, terms.check.today);
  return { ...terms, ...weigh(terms.weighed, terms.resolved, exposure, terms.check) };
}

/** Refuses an attach over the limit unless staff give a reason; answers the reason to audit, or null when none is needed. */
export function creditOverrideReason(terms: AttachTerms, override: { readonly reason: string } | undefined): string | null {
  if (terms.decision.kind !== "over" || !terms.weighed) return null;
  if (override === undefined) throw new CreditLimitError(terms.refusal as string, terms.weighed, terms.decision.figures);
  const reason = override.reason.trim();
  if (reason === "") throw new AttachPlanError("Say why the credit limit is overridden: the reason is kept in the audit log with the figures.");
  return reason;
}

const SUBJECT_WORDS: Readonly<Record<TermsSubjectKind, string>> = { customer: "customer", company: "company", companyLocation: "company location" };

/** The terms as the attach page and the action extension show them before staff confirm (JSON: no bigints). */
export interface AttachTermsView {
  readonly subjectName: string | null;
  readonly depositPercent: { readonly value: string; readonly from: string } | null;
  readonly netDays: { readonly value: number; readonly from: string } | null;
  /** The days of the month the customer pays on, ascending. */
  readonly paymentDays: { readonly value: readonly number[]; readonly from: string } | null;
  readonly creditLimit: { readonly amount: string; readonly currency: string; readonly from: string } | null;
  readonly exposure: readonly { readonly currency: string; readonly unpaid: string; readonly overdue: string; readonly contracts: number }[];
  readonly credit: { readonly kind: CreditDecision["kind"]; readonly summary: string; readonly overBy: string | null };
}

export function attachTermsView(terms: AttachTerms): AttachTermsView {
  const from = (layer: TermsLayer) => `${named(terms.subjects, layer).name}'s terms (${SUBJECT_WORDS[layer.kind]})`;
  const decimal = (minor: bigint, code: string) => formatMinorUnits(minor, currencyFor(code));
  const { resolved, decision } = terms;
  return {
    subjectName: terms.weighed?.name ?? null,
    depositPercent: resolved.depositPercent ? { value: resolved.depositPercent.value, from: from(resolved.depositPercent.from) } : null,
    netDays: resolved.netDays ? { value: resolved.netDays.value, from: from(resolved.netDays.from) } : null,
    paymentDays: resolved.paymentDays ? { value: resolved.paymentDays.value, from: from(resolved.paymentDays.from) } : null,
    creditLimit: resolved.creditLimit
      ? {
          amount: decimal(resolved.creditLimit.value.minor, resolved.creditLimit.value.currency),
          currency: resolved.creditLimit.value.currency,
          from: from(resolved.creditLimit.from),
        }
      : null,
    exposure: terms.exposure.map((row) => ({
      currency: row.currency,
      unpaid: decimal(row.unpaidMinor, row.currency),
      overdue: decimal(row.overdueMinor, row.currency),
      contracts: row.contracts,
    })),
    credit: {
      kind: decision.kind,
      summary: terms.summary,
      overBy: decision.kind === "over" ? decimal(decision.figures.overMinor, decision.figures.limit.currency) : null,
    },
  };
}

/** A credit-limit refusal as the action extension receives it: the figures as decimal strings, and how to override. */
export function creditLimitAnswer(error: CreditLimitError) {
  const { figures } = error;
  const decimal = (minor: bigint) => formatMinorUnits(minor, currencyFor(figures.limit.currency));
  return {
    subjectName: error.subject.name,
    currency: figures.limit.currency,
    limit: decimal(figures.limit.minor),
    owed: decimal(figures.owedMinor),
    owedContracts: figures.owedContracts,
    adds: decimal(figures.addsMinor),
    over: decimal(figures.overMinor),
    otherCurrencies: figures.otherCurrencies.map((row) => ({ currency: row.currency, owed: formatMinorUnits(row.unpaidMinor, currencyFor(row.currency)) })),
    overridable: true,
    override: 'post again with "overrideReason": why staff attach over the limit (kept in the audit log)',
  } as const;
}
