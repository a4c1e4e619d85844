import type { CreditLimit } from "./customer-terms";

/** What a subject owes in one currency (app/models/customer-exposure.server.ts sums it). */
export interface ExposureFigures {
  readonly currency: string;
  readonly unpaidMinor: bigint;
  readonly overdueMinor: bigint;
  readonly contracts: number;
}

/** The figures every credit-limit answer carries: the limit's currency only, with what other currencies owe beside. */
export interface CreditFigures {
  readonly limit: CreditLimit;
  /** Unpaid in the limit's currency, before this order. */
  readonly owedMinor: bigint;
  readonly owedContracts: number;
  readonly addsMinor: bigint;
  /** owed + adds − limit: above zero when over. */
  readonly overMinor: bigint;
  /** Owed in currencies other than the limit's: not counted against it, said so. */
  readonly otherCurrencies: readonly ExposureFigures[];
}

export type CreditDecision =
  | { readonly kind: "noLimit" }
  /** The order is in another currency than the limit: the limit does not apply to it. */
  | { readonly kind: "otherCurrency"; readonly orderCurrency: string; readonly limit: CreditLimit }
  | { readonly kind: "within"; readonly figures: CreditFigures }
  | { readonly kind: "over"; readonly figures: CreditFigures };

export interface CreditCheckInput {
  readonly limit: CreditLimit | null;
  readonly exposure: readonly ExposureFigures[];
  /** What attaching this order adds: its total in its currency. */
  readonly order: { readonly minor: bigint; readonly currency: string };
}

/**
 * Whether attaching an order keeps the subject within its credit limit: what it owes in the limit's currency plus the
 * order must not exceed the limit (reaching it exactly is allowed). Contracts in another currency are never converted
 * or counted; an order in another currency is outside the limit.
 */
export function checkCreditLimit(input: CreditCheckInput): CreditDecision {
  const { limit, exposure, order } = input;
  if (limit === null) return { kind: "noLimit" };
  if (limit.minor < 0n) throw new RangeError(`a credit limit cannot be negative (${limit.minor})`);
  if (order.minor < 0n) throw new RangeError(`an order total cannot be negative (${order.minor})`);
  if (order.currency !== limit.currency) return { kind: "otherCurrency", orderCurrency: order.currency, limit };
  const same = exposure.find((row) => row.currency === limit.currency);
  const owedMinor = same?.unpaidMinor ?? 0n;
  const figures: CreditFigures = {
    limit,
    owedMinor,
    owedContracts: same?.contracts ?? 0,
    addsMinor: order.minor,
    overMinor: owedMinor + order.minor - limit.minor,
    otherCurrencies: exposure.filter((row) => row.currency !== limit.currency && row.unpaidMinor > 0n),
  };
  return { kind: figures.overMinor > 0n ? "over" : "within", figures };
}

export type MoneyFormatter = (minor: bigint, currency: string) => string;

/** What other currencies owe, as a clause: they are not counted against the limit. */
function otherCurrenciesClause(figures: CreditFigures, money: MoneyFormatter): string {
  if (figures.otherCurrencies.length === 0) return "";
  const owed = figures.otherCurrencies.map((row) => money(row.unpaidMinor, row.currency)).join(", ");
  return ` Also owed in other currencies, not counted against the ${figures.limit.currency} limit: ${owed}.`;
}

/** "owes $8,000.00 on 3 contracts", or "owes nothing yet" with nothing unpaid. */
function owesPhrase(figures: CreditFigures, money: MoneyFormatter): string {
  if (figures.owedMinor === 0n) return "owes nothing yet";
  const count = figures.owedContracts;
  return `owes ${money(figures.owedMinor, figures.limit.currency)} on ${count} contract${count === 1 ? "" : "s"}`;
}

/** The refusal in plain words: "Credit limit reached: Acme owes $8,000.00 on 3 contracts; this order adds …". */
export function creditLimitRefusal(name: string, figures: CreditFigures, money: MoneyFormatter): string {
  const currency = figures.limit.currency;
  return (
    `Credit limit reached: ${name} ${owesPhrase(figures, money)}; ` +
    `this order adds ${money(figures.addsMinor, currency)}; the limit is ${money(figures.limit.minor, currency)} ` +
    `(${money(figures.overMinor, currency)} over).` +
    otherCurrenciesClause(figures, money)
  );
}

/** The decision as the attach page shows it before staff confirm. */
export function creditLimitSummary(name: string, decision: CreditDecision, money: MoneyFormatter): string {
  switch (decision.kind) {
    case "noLimit":
      return `${name} has no credit limit.`;
    case "otherCurrency":
      return `${name}'s credit limit is in ${decision.limit.currency} (${money(decision.limit.minor, decision.limit.currency)}); this order is in ${decision.orderCurrency}, so the limit does not apply to it.`;
    case "over":
      return creditLimitRefusal(name, decision.figures, money);
    case "within": {
      const { figures } = decision;
      const currency = figures.limit.currency;
      return (
        `Within the credit limit: ${name} ${owesPhrase(figures, money)}; ` +
        `this order adds ${money(figures.addsMinor, currency)}; the limit is ${money(figures.limit.minor, currency)} ` +
        `(${money(-figures.overMinor, currency)} left).` +
        otherCurrenciesClause(figures, money)
      );
    }
  }
}
