import { Badge, BlockStack, Box, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import { PlanActionButton } from "./PlanActionButton";

export interface PlanListRow {
  readonly id: string;
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly contracts: number;
  readonly archived: boolean;
}

// IndexTable cells never wrap; names and summaries may be long, and the actions must stay in view.
const WRAPPING_CELL = { whiteSpace: "normal", minWidth: "12rem" } as const;

const SYNTAX_LABELS: Readonly<Record<string, string>> = { stages: "Stages", juston: "JustOn", preset: "Preset" };

/** The plans with their one-line summary, and buttons to duplicate and archive or unarchive each. */
export function PlansTable({ plans }: { readonly plans: readonly PlanListRow[] }) {
  const { count } = useShopFormat();
  const name = (plan: PlanListRow) => (
    <InlineStack gap="200" blockAlign="center">
      <Link url={`/app/plans/${plan.id}`} removeUnderline>
        <Text as="span" fontWeight="semibold">
          {plan.name}
        </Text>
      </Link>
      {plan.archived ? <Badge>Archived</Badge> : null}
    </InlineStack>
  );
  const actions = (plan: PlanListRow) => (
    <InlineStack gap="200" wrap={false}>
      <PlanActionButton planId={plan.id} intent="duplicate" label="Duplicate" accessibilityLabel={`Duplicate ${plan.name}`} />
      <PlanActionButton
        planId={plan.id}
        intent={plan.archived ? "unarchive" : "archive"}
        label={plan.archived ? "Unarchive" : "Archive"}
        accessibilityLabel={`${plan.archived ? "Unarchive" : "Archive"} ${plan.name}`}
      />
    </InlineStack>
  );
  const contracts = (plan: PlanListRow) => `${count(plan.contracts)} ${plan.contracts === 1 ? "contract" : "contracts"}`;
  return (
    <>
      {/* On a phone the table would scroll its buttons out of sight: each plan is a block with its buttons under it. */}
      <div className="tranche-narrow-only">
        <ul aria-label="Plans" style={{ margin: 0, padding: 0, listStyle: "none" }}>
          {plans.map((plan) => (
            <li key={plan.id}>
              <Box padding="300" borderBlockEndWidth="025" borderColor="border-secondary">
                <BlockStack gap="200">
                  {name(plan)}
                  <Text as="p">{plan.summary}</Text>
                  <Text as="p" tone="subdued">
                    {SYNTAX_LABELS[plan.syntax] ?? plan.syntax} · {contracts(plan)}
                  </Text>
                  {actions(plan)}
                </BlockStack>
              </Box>
            </li>
          ))}
        </ul>
      </div>
      <div className="tranche-wide-only">
        <IndexTable
          resourceName={{ singular: "plan", plural: "plans" }}
          itemCount={plans.length}
          selectable={false}
          headings={[{ title: "Name" }, { title: "Syntax" }, { title: "Stages" }, { title: "Contracts", alignment: "end" }, { title: "Actions" }]}
        >
          {plans.map((plan, index) => (
            <IndexTable.Row id={plan.id} key={plan.id} position={index}>
              <IndexTable.Cell>
                <div style={WRAPPING_CELL}>{name(plan)}</div>
              </IndexTable.Cell>
              <IndexTable.Cell>{SYNTAX_LABELS[plan.syntax] ?? plan.syntax}</IndexTable.Cell>
              <IndexTable.Cell>
                <div style={WRAPPING_CELL}>
                  <Text as="span">{plan.summary}</Text>
                </div>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {count(plan.contracts)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{actions(plan)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </div>
    </>
  );
}
