import { BlockStack, Box, Card, Text } from "@shopify/polaris";

import { StackingTable } from "../StackingTable";
import { StageStatusBadge } from "../StageStatusBadge";

export interface FrozenStageView {
  readonly position: number;
  readonly title: string;
  /** As shown: formatted with its currency ("€360.00"). */
  readonly amount: string;
  readonly due: string;
  readonly status: string;
  readonly partlyRefunded: boolean;
  /** Why an edit leaves it as it is, in words. */
  readonly why: string;
}

/** The stages an edit cannot touch (money reached them, Shopify is collecting them, or they were cancelled), read-only, each with why. */
export function FrozenStagesCard({ stages }: { readonly stages: readonly FrozenStageView[] }) {
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Stages that stay as they are
          </Text>
          <Text as="p" tone="subdued">
            {stages.length === 0
              ? "No stage has been paid, charged or cancelled yet: every stage below can change."
              : "Money reached these stages, or Shopify is collecting them as they stand, so an edit leaves them exactly as they are."}
          </Text>
        </BlockStack>
      </Box>
      {stages.length > 0 ? (
        <Box paddingInline="100" paddingBlockEnd="200">
          <StackingTable
            label="Stages that stay as they are"
            rows={stages}
            rowKey={(stage) => stage.position}
            columns={[
              { heading: "#", label: "Stage no.", align: "numeric", cell: (stage) => stage.position },
              { heading: "Stage", cell: (stage) => stage.title },
              { heading: "Amount", align: "numeric", cell: (stage) => stage.amount },
              { heading: "Due", cell: (stage) => stage.due },
              { heading: "Status", cell: (stage) => <StageStatusBadge status={stage.status} partlyRefunded={stage.partlyRefunded} /> },
              { heading: "Why it stays", cell: (stage) => <span data-frozen-position={stage.position}>{stage.why}</span> },
            ]}
          />
        </Box>
      ) : null}
    </Card>
  );
}
