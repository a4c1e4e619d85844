import { Badge, BlockStack, Card, InlineStack, Link, Pagination, Text } from "@shopify/polaris";
import { useNavigate } from "@remix-run/react";

import type { StageOutcomeKind } from "../../domain/customers/payment-history";
import { StackingTable } from "../StackingTable";
import { useShopFormat } from "../shop-format-context";
import { daysText } from "./standing-view";

/** One dated stage of the customer's contracts and how it stands; the amount a decimal string in major units. */
export interface HistoryRowView {
  readonly stageId: string;
  readonly contractId: string;
  readonly contractName: string;
  readonly stageTitle: string;
  readonly currency: string;
  readonly amount: string;
  readonly dueDate: string;
  readonly paidOn: string | null;
  readonly outcome: StageOutcomeKind;
  /** Days late (paid late) or overdue so far; 0 otherwise. */
  readonly days: number;
}

export interface HistoryPageView {
  readonly rows: readonly HistoryRowView[];
  /** The first page's URL when this is a later one. */
  readonly latestUrl: string | null;
  readonly olderUrl: string | null;
}

const OUTCOME_TONES = { onTime: "success", late: "warning", overdue: "critical", notYetDue: undefined } as const;

/** Every stage of the customer's contracts that has a due date, latest due first: paid on time, late, overdue, or to come. */
export function PaymentHistoryCard({ history }: { readonly history: HistoryPageView }) {
  const { money, date, count } = useShopFormat();
  const navigate = useNavigate();
  const outcomeText = (row: HistoryRowView) => {
    switch (row.outcome) {
      case "onTime":
        return "On time";
      case "late":
        return `${daysText(row.days, count)} late`;
      case "overdue":
        return `${daysText(row.days, count)} overdue`;
      case "notYetDue":
        return "Not yet due";
    }
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payment history
        </Text>
        {history.rows.length === 0 ? (
          <Text as="p" tone="subdued">
            No stage of this customer’s contracts has a due date yet.
          </Text>
        ) : (
          <StackingTable
            label="Payment history"
            rows={history.rows}
            rowKey={(row) => row.stageId}
            columns={[
              { heading: "Due", cell: (row) => date(row.dueDate) },
              {
                heading: "Stage",
                cell: (row) => (
                  <BlockStack gap="050">
                    <Text as="span">{row.stageTitle}</Text>
                    <Link url={`/app/contracts/${encodeURIComponent(row.contractId)}`} removeUnderline>
                      {row.contractName}
                    </Link>
                  </BlockStack>
                ),
              },
              { heading: "Amount", align: "numeric", cell: (row) => money(row.amount, row.currency) },
              { heading: "Paid", cell: (row) => (row.paidOn ? date(row.paidOn) : "—") },
              { heading: "Standing", cell: (row) => <Badge tone={OUTCOME_TONES[row.outcome]}>{outcomeText(row)}</Badge> },
            ]}
          />
        )}
        {history.latestUrl || history.olderUrl ? (
          <InlineStack align="center">
            <Pagination
              hasPrevious={history.latestUrl !== null}
              previousTooltip="Latest stages"
              onPrevious={() => history.latestUrl && navigate(history.latestUrl)}
              hasNext={history.olderUrl !== null}
              nextTooltip="Older stages"
              onNext={() => history.olderUrl && navigate(history.olderUrl)}
              accessibilityLabels={{ previous: "Latest stages", next: "Older stages" }}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
