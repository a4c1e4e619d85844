import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineGrid, InlineStack, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useCsvDownload } from "../components/contracts/contract-csv-download";
import { useShopFormat } from "../components/shop-format-context";
import { addDays, addMonths, calendarDateAt, firstOfMonth, parseCalendarDate } from "../domain/dates/calendar-date";
import { shopTimeZone } from "../models/contracts.server";
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, currencyChoiceProblem, type ExportFormat } from "../services/accounting-export/export-formats";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Exports · Tranche" }];

/** Last month by default (what an accountant closes), and the currencies the shop's contracts are in. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const today = calendarDateAt(deps.now(), await shopTimeZone(deps.db, shop));
  const thisMonth = firstOfMonth(today);
  const currencies = await deps.db.contract.findMany({ where: { shop }, distinct: ["currency"], select: { currency: true }, orderBy: { currency: "asc" } });
  return json({ from: addMonths(thisMonth, -1), to: addDays(thisMonth, -1), currencies: currencies.map((row) => row.currency) });
};

/** Plain-word problems with the range, keyed by field, before anything is asked of the server. */
function rangeProblems(from: string, to: string): { from?: string; to?: string } {
  const valid = (text: string) => {
    try {
      parseCalendarDate(text, "date");
      return true;
    } catch {
      return false;
    }
  };
  if (!valid(from)) return { from: "Choose the first date of the export" };
  if (!valid(to)) return { to: "Choose the last date of the export" };
  return from > to ? { to: "The last date must not be before the first" } : {};
}

export default function Exports() {
  const loaded = useLoaderData<typeof loader>();
  const format = useShopFormat();
  const [from, setFrom] = useState<string>(loaded.from);
  const [to, setTo] = useState<string>(loaded.to);
  const [currency, setCurrency] = useState("");
  const [xeroNoTaxRate, setXeroNoTaxRate] = useState("Tax Exempt");
  const [attempted, setAttempted] = useState(false);
  const [currencyProblem, setCurrencyProblem] = useState<string | undefined>();
  const csv = useCsvDownload();
  const problems = attempted ? rangeProblems(from, to) : {};

  const download = (exportFormat: ExportFormat) => {
    setAttempted(true);
    if (Object.keys(rangeProblems(from, to)).length > 0) return;
    // The server refuses it too, but only says so as a failed download: say it here, by the field to change.
    const problem = currencyChoiceProblem(exportFormat, currency, loaded.currencies);
    setCurrencyProblem(problem);
    if (problem) return;
    const search = new URLSearchParams({ from, to });
    if (currency) search.set("currency", currency);
    if (exportFormat.startsWith("xero")) search.set("xeroNoTaxRate", xeroNoTaxRate);
    void csv.download(`/app/exports/${exportFormat}?${search}`);
  };

  return (
    <Page
      title="Accounting export"
      subtitle="The journal of your contracts for a range of dates: invoices, payments, refunds, revenue recognised on shipping and cancellations."
    >
      <BlockStack gap="400">
        {csv.failed ? (
          <Banner tone="critical" title="The export could not be downloaded" onDismiss={csv.dismiss}>
            <p>Check the dates and try again. If it keeps failing, reload the page.</p>
          </Banner>
        ) : null}
        <Card>
          <FormLayout>
            <FormLayout.Group>
              <TextField label="First date" type="date" value={from} onChange={setFrom} autoComplete="off" error={problems.from} id="export-from" />
              <TextField label="Last date" type="date" value={to} onChange={setTo} autoComplete="off" error={problems.to} id="export-to" />
            </FormLayout.Group>
            <FormLayout.Group>
              <Select
                label="Currency"
                options={[{ label: "Every currency", value: "" }, ...loaded.currencies.map((code) => ({ label: code, value: code }))]}
                value={currency}
                onChange={(value) => {
                  setCurrency(value);
                  setCurrencyProblem(undefined);
                }}
                error={currencyProblem}
                helpText="QuickBooks files and Xero journals have no currency column: export each currency on its own."
              />
              <TextField
                label="Xero's no-tax rate"
                value={xeroNoTaxRate}
                onChange={setXeroNoTaxRate}
                autoComplete="off"
                helpText="Its name in your Xero tax rates, such as Tax Exempt, No VAT or BAS Excluded: tax is on lines of its own."
              />
            </FormLayout.Group>
            <Text as="p" tone="subdued">
              {`Dates are calendar days in each contract's time zone. ${format.date(loaded.from)} to ${format.date(loaded.to)} is last month.`} Accounts follow
              your <Link url="/app/settings/accounts">account mapping</Link>. Import either the journals or the invoices of a period, not both.
            </Text>
          </FormLayout>
        </Card>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          {EXPORT_FORMATS.map((exportFormat) => (
            <Card key={exportFormat}>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">
                  {EXPORT_FORMAT_LABELS[exportFormat].title}
                </Text>
                <Text as="p" tone="subdued">
                  {EXPORT_FORMAT_LABELS[exportFormat].description}
                </Text>
                <InlineStack>
                  <Button
                    onClick={() => download(exportFormat)}
                    loading={csv.downloading}
                    accessibilityLabel={`Download ${EXPORT_FORMAT_LABELS[exportFormat].title}`}
                  >
                    Download
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>
      </BlockStack>
    </Page>
  );
}
