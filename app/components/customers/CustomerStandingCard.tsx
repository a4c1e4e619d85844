import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import { ReliabilityBadge } from "./ReliabilityBadge";
import { daysText, type StandingView } from "./standing-view";
import { LabelledFigure } from "./LabelledFigure";

interface CustomerStandingCardProps {
  readonly standing: StandingView;
  /** The customer's page, when the card stands on another page (the attach page). */
  readonly customerUrl?: string | null;
  readonly title?: string;
  /** Say in a line how the score is made (the customer page). */
  readonly explained?: boolean;
}

/**
 * How a customer has paid, at a glance: score and band, the share of due stages paid on time, the worst days late and
 * what is overdue now. The attach page shows it before staff confirm; the customer page above the history.
 */
export function CustomerStandingCard({ standing, customerUrl = null, title = "Payment record", explained = false }: CustomerStandingCardProps) {
  const { count, money } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <ReliabilityBadge standing={standing} />
        </InlineStack>
        {standing.kind === "noHistory" ? (
          <Text as="p" tone="subdued">
            {standing.notYetDue > 0
              ? `No payment has fallen due yet (${count(standing.notYetDue)} ${standing.notYetDue === 1 ? "stage" : "stages"} to come).`
              : "No payment has fallen due yet."}
          </Text>
        ) : (
          <InlineStack gap="800" wrap>
            <LabelledFigure label="Paid on time" value={`${count(standing.onTimePercent)} % of ${count(standing.counted)}`} />
            <LabelledFigure label="Average late" value={standing.averageDaysLate === null ? "Never late" : daysText(standing.averageDaysLate, count)} />
            <LabelledFigure label="Worst late" value={standing.worstDaysLate === 0 ? "Never late" : daysText(standing.worstDaysLate, count)} />
            <LabelledFigure
              label="Overdue now"
              value={standing.overdueNow.length === 0 ? "Nothing" : standing.overdueNow.map((line) => money(line.amount, line.currency)).join(" · ")}
              critical={standing.overdueNow.length > 0}
            />
          </InlineStack>
        )}
        {explained ? (
          <Text as="p" variant="bodySm" tone="subdued">
            The score is 100 less the weighted lateness of every stage that was due: paid on time counts nothing, each day late counts up to 60 days, and a
            stage still unpaid counts more than one paid as late. Stages count half after 180 days, and larger stages count more. 80 and above is reliable,
            below 50 risky.
          </Text>
        ) : null}
        {customerUrl ? (
          <Link url={customerUrl} removeUnderline>
            The customer’s contracts and history
          </Link>
        ) : null}
      </BlockStack>
    </Card>
  );
}
