import { BlockStack, Card, Link, Text } from "@shopify/polaris";

import type { ContractBadgeKind } from "../../domain/contract/contract-attention";
import { StackingTable } from "../StackingTable";
import { ContractAttentionBadge } from "../StageStatusBadge";
import { useShopFormat } from "../shop-format-context";

/** One of the customer's contracts; amounts as decimal strings in major units of `currency`. */
export interface CustomerContractRow {
  readonly id: string;
  readonly name: string;
  readonly badge: ContractBadgeKind;
  readonly currency: string;
  readonly total: string;
  readonly outstanding: string;
  readonly createdAt: string;
}

/** The customer's contracts, newest first, each linking to its page. */
export function CustomerContractsCard({ contracts, more }: { readonly contracts: readonly CustomerContractRow[]; readonly more: string | null }) {
  const { money, dateTime } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Contracts
        </Text>
        <StackingTable
          label="The customer's contracts"
          rows={contracts}
          rowKey={(row) => row.id}
          columns={[
            {
              heading: "Draft order",
              cell: (row) => (
                <Link url={`/app/contracts/${encodeURIComponent(row.id)}`} removeUnderline>
                  {row.name}
                </Link>
              ),
            },
            { heading: "Status", cell: (row) => <ContractAttentionBadge kind={row.badge} /> },
            { heading: "Attached", cell: (row) => dateTime(row.createdAt) },
            { heading: "Total", align: "numeric", cell: (row) => money(row.total, row.currency) },
            { heading: "Outstanding", align: "numeric", cell: (row) => money(row.outstanding, row.currency) },
          ]}
        />
        {more ? (
          <Text as="p" tone="subdued">
            {more}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
