import { Banner, BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import type { ContractView, ShopifyRecordLink } from "./contract-view";

/** The contract's money at a glance, its records in Shopify, the buyer's saved card and whether shipping is held. */
export function ContractSummaryCard({ contract }: { readonly contract: ContractView }) {
  const { money } = useShopFormat();
  const amount = (value: string) => money(value, contract.currency);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="800" wrap>
          <Figure label="Total" value={amount(contract.total)} />
          <Figure label="Paid" value={amount(contract.paid)} />
          {contract.refunded ? <Figure label="Refunded" value={amount(contract.refunded)} /> : null}
          <Figure label="Outstanding" value={amount(contract.outstanding)} />
        </InlineStack>
        {contract.shippingHold ? (
          <Banner tone="warning" title={`Shipping on hold until stage ${contract.shippingHold.position} is paid`}>
            <p>
              {contract.shippingHold.placed
                ? `Tranche holds the order's fulfillment in Shopify until “${contract.shippingHold.title}” is paid, then releases it by itself.`
                : `Tranche places a hold on the order's fulfillment in Shopify until “${contract.shippingHold.title}” is paid.`}
            </p>
          </Banner>
        ) : null}
        {contract.settlement ? (
          <Banner tone="info" title="Cancelled">
            <p>
              {contract.settlement} Paid and not refunded: {amount(contract.held)}.
            </p>
          </Banner>
        ) : null}
        {contract.receivedOnCancelled ? (
          <Text as="p" tone="caution">
            {amount(contract.receivedOnCancelled)} arrived on cancelled stages.
          </Text>
        ) : null}
        <BlockStack gap="100">
          {contract.customerUrl ? (
            <InlineStack gap="200" wrap>
              <Text as="span" tone="subdued">
                Customer:
              </Text>
              <Link url={contract.customerUrl} removeUnderline>
                {contract.customer ?? "their contracts and payment record"}
              </Link>
            </InlineStack>
          ) : null}
          <InlineStack gap="200" wrap>
            <Text as="span" tone="subdued">
              In Shopify:
            </Text>
            <RecordLink record={contract.sourceDraft} />
            {contract.mainOrder ? <RecordLink record={contract.mainOrder} /> : null}
          </InlineStack>
          {contract.savedCard ? (
            <Text as="p">
              <Text as="span" tone="subdued">
                Saved card:
              </Text>{" "}
              {contract.savedCard}
            </Text>
          ) : null}
          <Text as="p" tone="subdued">
            {contract.shopifyShows}
          </Text>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}

/** A draft order or order, linked to its page in the Shopify admin when there is one (not against the local emulator). */
export function RecordLink({ record }: { readonly record: ShopifyRecordLink }) {
  if (!record.url) return <Text as="span">{record.label}</Text>;
  return (
    <Link url={record.url} target="_blank" accessibilityLabel={`${record.label} in Shopify (opens in a new tab)`}>
      {record.label}
    </Link>
  );
}
