import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import { LabelledFigure } from "./LabelledFigure";

/** What the customer owes in one currency; amounts as decimal strings in major units. */
export interface ExposureView {
  readonly currency: string;
  readonly unpaid: string;
  readonly overdue: string;
  readonly contracts: number;
}

/** The customer's credit limit against what they owe in its currency; amounts as decimal strings in major units. */
export interface CreditLimitView {
  readonly currency: string;
  readonly limit: string;
  /** What is left of the limit, or by how much the customer is over it. */
  readonly left: string;
  readonly over: boolean;
}

/**
 * What the customer owes across their contracts, per currency (never converted), the overdue part of it, and their
 * credit limit (from their terms) with what is left of it.
 */
export function CustomerExposureCard({
  exposure,
  creditLimit,
  heading = "Exposure",
}: {
  readonly exposure: readonly ExposureView[];
  readonly creditLimit: CreditLimitView | null;
  /** "Exposure" unless the page shows several subjects' (a company and each of its locations). */
  readonly heading?: string;
}) {
  const { money, count } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {heading}
        </Text>
        {creditLimit ? (
          <InlineStack gap="800" wrap>
            <LabelledFigure label="Credit limit" value={money(creditLimit.limit, creditLimit.currency)} />
            <LabelledFigure
              label={creditLimit.over ? "Over the limit by" : "Left of it"}
              value={money(creditLimit.left, creditLimit.currency)}
              critical={creditLimit.over}
            />
          </InlineStack>
        ) : (
          <Text as="p" tone="subdued">
            No credit limit: set one in the terms.
          </Text>
        )}
        {exposure.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing is owed on any contract.
          </Text>
        ) : (
          exposure.map((line) => (
            <InlineStack key={line.currency} gap="800" wrap>
              <LabelledFigure label={`Owed (${line.currency})`} value={money(line.unpaid, line.currency)} />
              <LabelledFigure label="Of it overdue" value={money(line.overdue, line.currency)} />
              <LabelledFigure label="On contracts" value={count(line.contracts)} />
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
