import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";

import { useCsvDownload } from "../contracts/contract-csv-download";

/** A parameter of a report as its form shows it; the form submits them into the URL (GET), as links and reloads keep them. */
export type ReportField =
  | { readonly kind: "date"; readonly name: string; readonly label: string; readonly value: string }
  | { readonly kind: "number"; readonly name: string; readonly label: string; readonly value: string }
  | {
      readonly kind: "select";
      readonly name: string;
      readonly label: string;
      readonly value: string;
      readonly options: readonly { label: string; value: string }[];
    };

/**
 * One report's page: its parameters, what was wrong with the URL's (the report then shows its defaults), the CSV
 * download of exactly what is shown, and the report itself.
 */
export function ReportFrame({
  title,
  subtitle,
  fields,
  errors,
  csvUrl,
  children,
}: {
  readonly title: string;
  readonly subtitle: string;
  readonly fields: readonly ReportField[];
  readonly errors: readonly string[];
  readonly csvUrl: string;
  readonly children: ReactNode;
}) {
  const csv = useCsvDownload();
  return (
    <Page
      title={title}
      subtitle={subtitle}
      backAction={{ content: "Reports", url: "/app/reports" }}
      primaryAction={{ content: "Download CSV", onAction: () => void csv.download(csvUrl), loading: csv.downloading }}
    >
      <Layout>
        {errors.length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title="Some of the report's settings could not be used: it shows its defaults instead">
              <List>
                {errors.map((error) => (
                  <List.Item key={error}>{error}</List.Item>
                ))}
              </List>
            </Banner>
          </Layout.Section>
        ) : null}
        {csv.failed ? (
          <Layout.Section>
            <Banner tone="critical" title="The CSV could not be downloaded" onDismiss={csv.dismiss}>
              <p>Try again in a moment; if it keeps failing, reload the page.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Form method="get">
              <InlineStack gap="400" blockAlign="end" wrap>
                {fields.map((field) => (
                  <ReportFieldInput key={`${field.name}:${field.value}`} field={field} />
                ))}
                <Button submit>Show</Button>
              </InlineStack>
            </Form>
          </Card>
        </Layout.Section>
        {children}
      </Layout>
    </Page>
  );
}

function ReportFieldInput({ field }: { readonly field: ReportField }) {
  const [value, setValue] = useState(field.value);
  if (field.kind === "select") {
    return <Select label={field.label} name={field.name} options={[...field.options]} value={value} onChange={setValue} />;
  }
  return (
    <TextField
      label={field.label}
      name={field.name}
      type={field.kind === "date" ? "date" : "number"}
      value={value}
      onChange={setValue}
      autoComplete="off"
      {...(field.kind === "number" ? { min: 1 } : {})}
    />
  );
}

/** A report's section for one currency: money in different currencies is never added up. */
export function CurrencySection({ currency, heading, children }: { readonly currency: string; readonly heading: string; readonly children: ReactNode }) {
  return (
    <Layout.Section>
      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {heading} · {currency}
          </Text>
          {children}
        </BlockStack>
      </Card>
    </Layout.Section>
  );
}

/** What a report with nothing to show says instead. */
export function EmptyReport({ text }: { readonly text: string }) {
  return (
    <Layout.Section>
      <Card>
        <Text as="p" tone="subdued">
          {text}
        </Text>
      </Card>
    </Layout.Section>
  );
}
