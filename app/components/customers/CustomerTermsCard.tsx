import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { useShopFormat } from "../shop-format-context";

/** The card's terms (app/services/customer-terms/terms-card-data.ts `CustomerTermsCardData`). */
export interface CustomerTermsCardTerms {
  readonly subjectName: string | null;
  readonly defaultPlanId: string | null;
  readonly depositPercent: string | null;
  readonly netDays: number | null;
  readonly paymentDays: readonly number[] | null;
  readonly creditLimit: { readonly amount: string; readonly currency: string } | null;
  readonly mirrored: boolean;
  readonly mirrorError: string | null;
}

/** What the save answers (app/services/customer-terms/save-customer-terms.server.ts `SaveCustomerTermsResult`). */
interface SaveAnswer {
  readonly ok: boolean;
  readonly message: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
}

interface CustomerTermsCardProps {
  readonly terms: CustomerTermsCardTerms;
  /** Who the terms are for, sent with the save so the audit log and messages can name them. */
  readonly subjectName: string;
  readonly plans: readonly { readonly id: string; readonly name: string }[];
  /** The currency a new limit is in: the shop's. */
  readonly shopCurrency: string;
  /** Where the form posts (the page's action by default); it posts `intent=customerTerms` beside the fields. */
  readonly action?: string;
  /** Unique on the page (a company's page has a card per location): names the save bar and the fields. */
  readonly id?: string;
  /** The card's heading: "Terms and credit limit" unless the page has several subjects. */
  readonly heading?: string;
  /** Sent back with the save (a hidden field) so the page's action knows whose terms these are. */
  readonly subjectKey?: string;
}

export const CUSTOMER_TERMS_INTENT = "customerTerms";

function isSaveAnswer(data: unknown): data is SaveAnswer {
  return typeof data === "object" && data !== null && "ok" in data && "fieldErrors" in data && "message" in data;
}

/**
 * Staff's negotiated terms with a customer, company or location: the plan offered first, a different deposit or net
 * days, the days of the month they pay on, and a credit limit typed the way the shop types amounts. Empty fields keep the plan's own terms (or the
 * company's, for a location).
 */
export function CustomerTermsCard({
  terms,
  subjectName,
  plans,
  shopCurrency,
  action,
  id = "terms",
  heading = "Terms and credit limit",
  subjectKey,
}: CustomerTermsCardProps) {
  const fetcher = useFetcher();
  const form = useRef<HTMLFormElement>(null);
  const { amountInput, format } = useShopFormat();
  const limitCurrency = terms.creditLimit?.currency ?? shopCurrency;
  // What is saved, as the fields show it: the save bar compares with it, and Discard goes back to it.
  const saved = {
    defaultPlanId: terms.defaultPlanId ?? "",
    depositPercent: terms.depositPercent === null ? "" : decimalText(terms.depositPercent, format.locale),
    netDays: terms.netDays === null ? "" : String(terms.netDays),
    paymentDays: terms.paymentDays === null ? "" : terms.paymentDays.join(", "),
    creditLimit: terms.creditLimit ? amountInput(terms.creditLimit.amount, terms.creditLimit.currency) : "",
  };
  const [defaultPlanId, setDefaultPlanId] = useState(saved.defaultPlanId);
  const [depositPercent, setDepositPercent] = useState(saved.depositPercent);
  const [netDays, setNetDays] = useState(saved.netDays);
  const [paymentDays, setPaymentDays] = useState(saved.paymentDays);
  const [creditLimit, setCreditLimit] = useState(saved.creditLimit);
  const dirty =
    defaultPlanId !== saved.defaultPlanId ||
    depositPercent !== saved.depositPercent ||
    netDays !== saved.netDays ||
    ascendingDays(paymentDays) !== saved.paymentDays ||
    creditLimit !== saved.creditLimit;
  const discard = () => {
    setDefaultPlanId(saved.defaultPlanId);
    setDepositPercent(saved.depositPercent);
    setNetDays(saved.netDays);
    setPaymentDays(saved.paymentDays);
    setCreditLimit(saved.creditLimit);
  };
  const answer = isSaveAnswer(fetcher.data) ? fetcher.data : null;
  const errors = answer?.fieldErrors ?? {};
  const notMirrored = answer === null && !terms.mirrored;
  return (
    <Card>
      <fetcher.Form method="post" ref={form} {...(action === undefined ? {} : { action })}>
        <UnsavedChangesBar
          id={`${id}-save-bar`}
          dirty={dirty}
          saving={fetcher.state !== "idle"}
          onSave={() => form.current?.requestSubmit()}
          onDiscard={discard}
          message={`Unsaved terms for ${subjectName}`}
        />
        <input type="hidden" name="intent" value={CUSTOMER_TERMS_INTENT} />
        <input type="hidden" name="subjectName" value={subjectName} />
        {subjectKey === undefined ? null : <input type="hidden" name="subject" value={subjectKey} />}
        <input type="hidden" name="creditLimitCurrency" value={limitCurrency} />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {heading}
          </Text>
          {answer ? (
            <Banner tone={answer.ok ? (answer.message === "Terms saved." ? "success" : "warning") : "critical"}>
              <p>{answer.message}</p>
            </Banner>
          ) : null}
          {notMirrored ? (
            <Banner tone="warning">
              <p>
                These terms are saved but not in Shopify yet{terms.mirrorError ? `: ${terms.mirrorError}` : ""}. Tranche retries every night, or save again to
                retry now.
              </p>
            </Banner>
          ) : null}
          <Select
            id={`${id}-default-plan`}
            label="Plan offered first"
            name="defaultPlanId"
            options={[{ label: "No default (the last plan used, or the shop's)", value: "" }, ...plans.map((plan) => ({ label: plan.name, value: plan.id }))]}
            value={defaultPlanId}
            onChange={setDefaultPlanId}
            error={errors.defaultPlanId}
          />
          <InlineStack gap="300" wrap={false}>
            <TextField
              id={`${id}-deposit-percent`}
              label="Deposit"
              name="depositPercent"
              suffix="%"
              value={depositPercent}
              onChange={setDepositPercent}
              helpText="Empty: the plan's deposit"
              error={errors.depositPercent}
              autoComplete="off"
            />
            <TextField
              id={`${id}-net-days`}
              label="Net days"
              name="netDays"
              value={netDays}
              onChange={setNetDays}
              helpText="Empty: the plan's net days"
              error={errors.netDays}
              autoComplete="off"
            />
          </InlineStack>
          <TextField
            id={`${id}-payment-days`}
            label="Payment days"
            name="paymentDays"
            value={paymentDays}
            onChange={setPaymentDays}
            onBlur={() => setPaymentDays(ascendingDays(paymentDays))}
            placeholder="5, 20"
            helpText="Days of the month they pay on; each due date moves to the next one. Empty: none"
            error={errors.paymentDays}
            autoComplete="off"
          />
          <TextField
            id={`${id}-credit-limit`}
            label={`Credit limit (${limitCurrency})`}
            name="creditLimit"
            value={creditLimit}
            onChange={setCreditLimit}
            helpText="Empty: no limit. An order that would take what they owe above it is refused unless staff give a reason."
            error={errors.creditLimit ?? errors.creditLimitCurrency}
            autoComplete="off"
          />
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save terms
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

/** "20, 5" or "5/20" as the save stores and shows it ("5, 20"); anything else as typed, for the save to refuse. */
function ascendingDays(typed: string): string {
  const parts = typed.split(/[\s,/]+/).filter((part) => part !== "");
  if (parts.length === 0 || !parts.every((part) => /^\d{1,2}$/.test(part))) return typed.trim();
  return [...new Set(parts.map(Number))].sort((a, b) => a - b).join(", ");
}

/** A stored percent ("12.5") the way the shop types decimals ("12,5" in de-DE). */
function decimalText(decimal: string, locale: string): string {
  const places = decimal.split(".")[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: false }).format(decimal as `${number}`);
}
