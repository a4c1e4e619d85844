import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";

import type { AvaTaxDocumentView } from "../../services/avatax/avatax-contract-view.server";
import { useShopFormat } from "../shop-format-context";

const STATUS_BADGES = {
  pending: { tone: "warning", label: "Pending" },
  saved: { tone: "info", label: "Uncommitted" },
  committed: { tone: "success", label: "Committed" },
  voided: { tone: undefined, label: "Voided" },
} as const;

/** The contract's AvaTax documents (one per invoiced stage, one per refund), with AvaTax's tax beside ours and any refusal. */
export function AvaTaxDocumentsCard({ documents }: { readonly documents: readonly AvaTaxDocumentView[] }) {
  const { money } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          AvaTax documents
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
          headings={["Document", "Stage", "Status", "Tax in AvaTax", "Stage's tax share"]}
          rows={documents.map((document) => {
            const badge = STATUS_BADGES[document.status];
            return [
              <BlockStack key={document.code} gap="100">
                <Text as="span">{`${document.type === "SalesInvoice" ? "Sales invoice" : "Return invoice"} ${document.code}`}</Text>
                {document.lastError ? (
                  <Text as="span" tone="critical">
                    {document.lastError}
                  </Text>
                ) : null}
              </BlockStack>,
              String(document.position),
              <Badge key="status" {...(badge.tone ? { tone: badge.tone } : {})}>
                {badge.label}
              </Badge>,
              document.tax === null ? "—" : money(document.tax, document.currency),
              money(document.splitTax, document.currency),
            ];
          })}
        />
      </BlockStack>
    </Card>
  );
}
