import { BlockStack, InlineStack, Link, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import type { StageView } from "./contract-view";
import { RecordLink } from "./ContractSummaryCard";
import { InvoicePdfButton } from "./InvoicePdfButton";

/**
 * The record of one stage under its title: the buyer's early-payment offer and late-fee notice, its invoice, each payment (day, amount, method, the buyer's reference),
 * refunds, what went wrong, and where it is paid and kept in Shopify.
 */
export function StageDetails({ stage, currency }: { readonly stage: StageView; readonly currency: string }) {
  const { money, date, dateTime } = useShopFormat();
  return (
    <BlockStack gap="100">
      {stage.terms.map((sentence) => (
        <Text key={sentence} as="p" tone="subdued">
          {sentence}
        </Text>
      ))}
      {stage.invoiceNumber ? (
        <InlineStack gap="200" blockAlign="center" wrap>
          <Text as="span" tone="subdued">
            Invoice {stage.invoiceNumber}
          </Text>
          {stage.invoicePdfUrl ? <InvoicePdfButton url={stage.invoicePdfUrl} invoiceNumber={stage.invoiceNumber} /> : null}
        </InlineStack>
      ) : null}
      {stage.payments.map((payment, index) => (
        <Text key={index} as="p" tone="subdued">
          Paid {date(payment.on)}: {money(payment.amount, currency)} · {payment.method}
          {payment.reference ? ` · ref. ${payment.reference}` : ""}
        </Text>
      ))}
      {stage.refunded ? (
        <Text as="p" tone="subdued">
          {money(stage.refunded, currency)} refunded
        </Text>
      ) : null}
      {stage.problem ? (
        <Text as="p" tone="critical">
          {stage.problem}
          {stage.nextChargeAt ? ` Tranche tries the card again on ${dateTime(stage.nextChargeAt)}.` : ""}
        </Text>
      ) : null}
      {stage.payUrl || stage.shopifyRecord?.url ? (
        <InlineStack gap="300" wrap>
          {stage.payUrl ? (
            <Link url={stage.payUrl} target="_blank" accessibilityLabel={`Payment page of stage ${stage.position}`}>
              Payment page
            </Link>
          ) : null}
          {/* Against the local emulator there is no admin page to link: a stage's own order is not named either. */}
          {stage.shopifyRecord?.url ? <RecordLink record={stage.shopifyRecord} /> : null}
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}
