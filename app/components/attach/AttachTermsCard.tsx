import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";

/** The customer's terms as the attach flow shows them (app/services/attach/attach-terms.server.ts `AttachTermsView`). */
export interface AttachTermsCardProps {
  readonly terms: {
    readonly subjectName: string | null;
    readonly depositPercent: { readonly value: string; readonly from: string } | null;
    readonly netDays: { readonly value: number; readonly from: string } | null;
    readonly paymentDays: { readonly value: readonly number[]; readonly from: string } | null;
    readonly creditLimit: { readonly amount: string; readonly currency: string; readonly from: string } | null;
    readonly exposure: readonly { readonly currency: string; readonly unpaid: string; readonly overdue: string; readonly contracts: number }[];
    readonly credit: { readonly kind: "noLimit" | "otherCurrency" | "within" | "over"; readonly summary: string; readonly overBy: string | null };
  };
}

const CREDIT_TONE = { noLimit: "info", otherCurrency: "info", within: "success", over: "critical" } as const;

/** What staff should know before they confirm: negotiated terms, what the customer owes, and the credit limit. */
export function AttachTermsCard({ terms }: AttachTermsCardProps) {
  const { money, count } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {terms.subjectName ? `Terms and credit · ${terms.subjectName}` : "Terms and credit"}
        </Text>
        <BlockStack gap="100">
          <Row label="Deposit" value={terms.depositPercent ? `${terms.depositPercent.value}% · ${terms.depositPercent.from}` : "As the plan says"} />
          <Row label="Net days" value={terms.netDays ? `${count(terms.netDays.value)} · ${terms.netDays.from}` : "As the plan says"} />
          <Row label="Payment days" value={terms.paymentDays ? `${terms.paymentDays.value.join(", ")} · ${terms.paymentDays.from}` : "None"} />
          <Row
            label="Credit limit"
            value={terms.creditLimit ? `${money(terms.creditLimit.amount, terms.creditLimit.currency)} · ${terms.creditLimit.from}` : "None"}
          />
          {terms.exposure.length === 0 ? (
            <Row label="Owes now" value="Nothing" />
          ) : (
            terms.exposure.map((row) => (
              <Row
                key={row.currency}
                label={`Owes now (${row.currency})`}
                value={`${money(row.unpaid, row.currency)} on ${count(row.contracts)} contract${row.contracts === 1 ? "" : "s"}, ${money(row.overdue, row.currency)} overdue`}
              />
            ))
          )}
        </BlockStack>
        <Banner tone={CREDIT_TONE[terms.credit.kind]}>
          <p>{terms.credit.summary}</p>
        </Banner>
      </BlockStack>
    </Card>
  );
}

function Row({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <InlineStack align="space-between" gap="200" wrap={false}>
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" alignment="end">
        {value}
      </Text>
    </InlineStack>
  );
}
