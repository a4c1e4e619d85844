import { BlockStack, Card, Text } from "@shopify/polaris";

import type { TimelineEntry } from "../../services/contract-timeline";
import { useShopFormat } from "../shop-format-context";

/** The contract's history, newest first, each line with who acted and when on the shop's clock. */
export function TimelineCard({ timeline }: { readonly timeline: readonly TimelineEntry[] }) {
  const { dateTime } = useShopFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Timeline
        </Text>
        {timeline.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing has happened yet.
          </Text>
        ) : (
          <ol aria-label="Timeline" style={{ margin: 0, paddingInlineStart: "1.25rem", display: "grid", gap: "var(--p-space-100)" }}>
            {timeline.map((entry) => (
              <li key={entry.id}>
                <Text as="span">
                  {entry.text}
                  <Text as="span" tone="subdued">
                    {" "}
                    · {entry.by}, <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                  </Text>
                </Text>
              </li>
            ))}
          </ol>
        )}
      </BlockStack>
    </Card>
  );
}
