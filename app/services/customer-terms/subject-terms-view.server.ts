import type { CalendarDate } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { customerExposure, type CurrencyExposure, type CustomerSubject } from "../../models/customer-exposure.server";
import { subjectStanding } from "../../models/customer-history.server";
import { getCustomerTerms, type StoredCustomerTerms } from "../../models/customer-terms.server";
import { standingView, type StandingView } from "../../components/customers/standing-view";
import type { Database } from "../../models/database.server";
import { customerTermsCardData, type CustomerTermsCardData } from "./terms-card-data";

/** What a subject owes in one currency, as the exposure card shows it (decimal strings in major units). */
export interface ExposureLineView {
  readonly currency: string;
  readonly unpaid: string;
  readonly overdue: string;
  readonly contracts: number;
}

/** The subject's limit against what it owes in the limit's currency: what is left, or by how much it is over. */
export interface CreditLimitLineView {
  readonly currency: string;
  readonly limit: string;
  readonly left: string;
  readonly over: boolean;
}

const amount = (minor: bigint, code: string) => formatMinorUnits(minor, currencyFor(code));

export function exposureView(exposure: readonly CurrencyExposure[]): ExposureLineView[] {
  return exposure.map((line) => ({
    currency: line.currency,
    unpaid: amount(line.unpaidMinor, line.currency),
    overdue: amount(line.overdueMinor, line.currency),
    contracts: line.contracts,
  }));
}

export function creditLimitView(terms: StoredCustomerTerms | null, exposure: readonly CurrencyExposure[]): CreditLimitLineView | null {
  const limit = terms?.fields.creditLimit ?? null;
  if (!limit) return null;
  // Only what is owed in the limit's currency counts against it, as the attach's credit check counts it.
  const owed = exposure.find((line) => line.currency === limit.currency)?.unpaidMinor ?? 0n;
  return {
    currency: limit.currency,
    limit: amount(limit.minor, limit.currency),
    left: amount(limit.minor >= owed ? limit.minor - owed : owed - limit.minor, limit.currency),
    over: owed > limit.minor,
  };
}

/** One subject's terms card, score, exposure and limit, as the customer and company pages show them. */
export interface SubjectTermsView {
  readonly terms: CustomerTermsCardData;
  readonly standing: StandingView;
  readonly exposure: readonly ExposureLineView[];
  readonly creditLimit: CreditLimitLineView | null;
}

export async function subjectTermsView(db: Database, shop: string, subject: CustomerSubject, today: CalendarDate): Promise<SubjectTermsView> {
  const [terms, exposure, standing] = await Promise.all([
    getCustomerTerms(db, shop, subject),
    customerExposure(db, shop, subject, today),
    subjectStanding(db, shop, subject, today),
  ]);
  return {
    terms: customerTermsCardData(terms),
    standing: standingView(standing),
    exposure: exposureView(exposure),
    creditLimit: creditLimitView(terms, exposure),
  };
}
