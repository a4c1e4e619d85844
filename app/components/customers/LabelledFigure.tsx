import { BlockStack, Text } from "@shopify/polaris";

/** A figure under its label, as the customer cards show owed amounts, counts and scores. */
export function LabelledFigure({ label, value, critical = false }: { readonly label: string; readonly value: string; readonly critical?: boolean }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingSm" tone={critical ? "critical" : undefined}>
        {value}
      </Text>
    </BlockStack>
  );
}
