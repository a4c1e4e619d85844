import { Badge, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";

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
  return (
    <IndexTable
      resourceName={{ singular: "plan", plural: "plans" }}
      itemCount={plans.length}
      selectable={false}
      headings={[{ title: "Name" }, { title: "Syntax" }, { title: "Stages" }, { title: "Contracts", alignment: "end" }, { title: "Actions" }]}
    >
      {plans.map((plan, index) => (
        <IndexTable.Row id={plan.id} key={plan.id} position={index}>
          <IndexTable.Cell>
            <div style={WRAPPING_CELL}>
              <InlineStack gap="200" blockAlign="center">
                <Link url={`/app/plans/${plan.id}`} removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {plan.name}
                  </Text>
                </Link>
                {plan.archived ? <Badge>Archived</Badge> : null}
              </InlineStack>
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>{SYNTAX_LABELS[plan.syntax] ?? plan.syntax}</IndexTable.Cell>
          <IndexTable.Cell>
            <div style={WRAPPING_CELL}>
              <Text as="span">{plan.summary}</Text>
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {plan.contracts}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="200" wrap={false}>
              <PlanActionButton planId={plan.id} intent="duplicate" label="Duplicate" accessibilityLabel={`Duplicate ${plan.name}`} />
              <PlanActionButton
                planId={plan.id}
                intent={plan.archived ? "unarchive" : "archive"}
                label={plan.archived ? "Unarchive" : "Archive"}
                accessibilityLabel={`${plan.archived ? "Unarchive" : "Archive"} ${plan.name}`}
              />
            </InlineStack>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
