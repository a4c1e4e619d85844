import { BlockStack, Box, Text } from "@shopify/polaris";

interface OwedTotalCheckProps {
  /** What the rows add up to, formatted; null while an amount cannot be read. */
  readonly sum: string | null;
  /** What is still owed, formatted. */
  readonly owed: string;
  /** The rows share what is owed exactly. */
  readonly adds: boolean;
  /** Why they do not, one line each. */
  readonly problems: readonly string[];
}

/** "The stages add up to €840.00 of €840.00 still owed", checked in the browser on every change. */
export function OwedTotalCheck({ sum, owed, adds, problems }: OwedTotalCheckProps) {
  return (
    <Box padding="300" background={adds ? "bg-surface-success" : "bg-surface-critical"} borderRadius="200">
      <BlockStack gap="100">
        <Text as="p" fontWeight="semibold" tone={adds ? "success" : "critical"}>
          <span role="status" data-total-check={adds ? "adds" : "off"}>
            {sum === null ? `The stages must add up to the ${owed} still owed` : `The stages add up to ${sum} of ${owed} still owed`}
          </span>
        </Text>
        {problems.map((problem) => (
          <Text key={problem} as="p" tone="critical">
            {problem}
          </Text>
        ))}
      </BlockStack>
    </Box>
  );
}
