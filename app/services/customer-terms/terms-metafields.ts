import type { CustomerTermsFields } from "../../domain/customers/customer-terms";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";

/** The app's metafields on a customer, company or company location, which Flow and other apps read. */
export const TERMS_NAMESPACE = "tranche";

export type TermsMetafieldKey = "credit_limit" | "default_plan" | "terms";

export interface TermsMetafieldSet {
  readonly ownerId: string;
  readonly namespace: typeof TERMS_NAMESPACE;
  readonly key: TermsMetafieldKey;
  readonly type: "money" | "single_line_text_field" | "json";
  readonly value: string;
}

export interface TermsMetafieldDelete {
  readonly ownerId: string;
  readonly namespace: typeof TERMS_NAMESPACE;
  readonly key: TermsMetafieldKey;
}

/**
 * What Shopify should hold for these terms: a metafield per field that is set, and a delete for each that is not
 * (Shopify refuses a blank value, so a removed limit is deleted rather than emptied).
 * - `credit_limit` (money): `{"amount": "10000.00", "currency_code": "USD"}`;
 * - `default_plan` (single_line_text_field): the plan's name;
 * - `terms` (json): `{"depositPercent": "25" | null, "netDays": 30 | null, "paymentDays": [5, 20] | null}`.
 */
export function termsMetafields(
  ownerId: string,
  fields: CustomerTermsFields,
  defaultPlanName: string | null,
): { readonly set: TermsMetafieldSet[]; readonly remove: TermsMetafieldDelete[] } {
  const set: TermsMetafieldSet[] = [];
  const remove: TermsMetafieldDelete[] = [];
  const place = (key: TermsMetafieldKey, entry: Pick<TermsMetafieldSet, "type" | "value"> | null) =>
    entry === null ? remove.push({ ownerId, namespace: TERMS_NAMESPACE, key }) : set.push({ ownerId, namespace: TERMS_NAMESPACE, key, ...entry });

  const limit = fields.creditLimit;
  place(
    "credit_limit",
    limit === null
      ? null
      : { type: "money", value: JSON.stringify({ amount: formatMinorUnits(limit.minor, currencyFor(limit.currency)), currency_code: limit.currency }) },
  );
  place("default_plan", fields.defaultPlanId === null || defaultPlanName === null ? null : { type: "single_line_text_field", value: defaultPlanName });
  place(
    "terms",
    fields.depositPercent === null && fields.netDays === null && fields.paymentDays === null
      ? null
      : { type: "json", value: JSON.stringify({ depositPercent: fields.depositPercent, netDays: fields.netDays, paymentDays: fields.paymentDays }) },
  );
  return { set, remove };
}
