import { BlockStack, Box, Button, Card, IndexTable, InlineStack, Text, useBreakpoints } from "@shopify/polaris";

import { StageAttentionBadge } from "../StageStatusBadge";
import { useShopFormat } from "../shop-format-context";
import type { StageView } from "./contract-view";
import { StageActionsMenu, type StageAction } from "./StageActionsMenu";
import { StageDetails } from "./StageDetails";

interface ScheduleCardProps {
  readonly stages: readonly StageView[];
  readonly currency: string;
  /** The schedule editor's address, when the schedule can still change. */
  readonly editUrl: string | null;
  readonly busy: boolean;
  readonly onAction: (action: StageAction, stage: StageView) => void;
}

/**
 * The schedule across the page's full width: a table from tablet width up, a list of stages on a phone, so no
 * column is cut off. Each stage carries its record (invoice, payments, links) under its title and its actions in a
 * menu.
 */
export function ScheduleCard({ stages, currency, editUrl, busy, onAction }: ScheduleCardProps) {
  // The table first (server render and first paint), then the list where the screen is narrower than a tablet.
  const { mdUp } = useBreakpoints({ defaults: { mdUp: true } });
  return (
    <Card padding="0">
      <Box padding="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Schedule
          </Text>
          {editUrl ? <Button url={editUrl}>Edit schedule</Button> : null}
        </InlineStack>
      </Box>
      {mdUp ? (
        <StageTable stages={stages} currency={currency} busy={busy} onAction={onAction} />
      ) : (
        <StageList stages={stages} currency={currency} busy={busy} onAction={onAction} />
      )}
    </Card>
  );
}

type StagesProps = Omit<ScheduleCardProps, "editUrl">;

function StageTable({ stages, currency, busy, onAction }: StagesProps) {
  const { money } = useShopFormat();
  return (
    <IndexTable
      selectable={false}
      resourceName={{ singular: "stage", plural: "stages" }}
      itemCount={stages.length}
      headings={[{ title: "Stage" }, { title: "Amount", alignment: "end" }, { title: "Due" }, { title: "Status" }, { title: "Actions", hidden: true }]}
    >
      {stages.map((stage, index) => (
        <IndexTable.Row key={stage.position} id={`stage-${stage.position}`} position={index} tone={rowTone(stage)}>
          <IndexTable.Cell>
            {/* Table cells do not wrap by default: the stage's record would push the table wider than the page. */}
            <div style={{ whiteSpace: "normal", minWidth: "16rem" }}>
              <BlockStack gap="100">
                <Text as="span" fontWeight="semibold">
                  {stage.label}
                </Text>
                <StageDetails stage={stage} currency={currency} />
              </BlockStack>
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {money(stage.amount, currency)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div style={{ whiteSpace: "normal", minWidth: "7rem", maxWidth: "14rem" }}>
              <DueText stage={stage} />
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <StageStatus stage={stage} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <StageActionsMenu stage={stage} busy={busy} onAction={onAction} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function StageList({ stages, currency, busy, onAction }: StagesProps) {
  const { money } = useShopFormat();
  return (
    <ul aria-label="Stages" style={{ margin: 0, padding: 0, listStyle: "none" }}>
      {stages.map((stage) => (
        <li key={stage.position}>
          <Box padding="400" borderBlockStartWidth="025" borderColor="border-secondary">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                <Text as="span" fontWeight="semibold">
                  {stage.label}
                </Text>
                <StageStatus stage={stage} />
              </InlineStack>
              <InlineStack gap="200" wrap>
                <Text as="span" numeric>
                  {money(stage.amount, currency)}
                </Text>
                <Text as="span" tone="subdued">
                  ·
                </Text>
                <DueText stage={stage} />
              </InlineStack>
              <StageDetails stage={stage} currency={currency} />
              <InlineStack>
                <StageActionsMenu stage={stage} busy={busy} onAction={onAction} />
              </InlineStack>
            </BlockStack>
          </Box>
        </li>
      ))}
    </ul>
  );
}

/** The stored status stays machine-readable (`data-stage-status`) for tests; the badge says what it means. */
function StageStatus({ stage }: { readonly stage: StageView }) {
  return (
    <span data-stage-status={stage.status} aria-label={`Stage ${stage.position} status`}>
      <StageAttentionBadge kind={stage.badge} />
    </span>
  );
}

function DueText({ stage }: { readonly stage: StageView }) {
  const { date } = useShopFormat();
  const overdue = stage.badge === "overdue";
  return (
    <Text as="span" tone={overdue ? "critical" : undefined}>
      {stage.due.date ? date(stage.due.date) : stage.due.words}
    </Text>
  );
}

function rowTone(stage: StageView): "critical" | undefined {
  return stage.badge === "overdue" || stage.badge === "paymentFailed" || stage.badge === "needsAttention" ? "critical" : undefined;
}
