import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { formatMoney } from "../components/money-format";
import { CONTRACT_STATUS_LABELS, ContractStatusBadge } from "../components/StageStatusBadge";
import type { ContractStatus } from "../domain/contract/contract-state";
import { endOfWeek } from "../domain/contract/portfolio";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { calendarDateAt, isBefore } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { CONTRACT_PAGE_SIZE, listContracts, shopTimeZone, summarizeContracts, type ContractFilter } from "../models/contracts.server";
import { requireStaff } from "../staff-context.server";

const filterInput = z.object({
  status: z.enum(["", "pending", "awaitingDeposit", "active", "completed", "cancelled"]).catch(""),
  due: z.enum(["", "overdue", "week"]).catch(""),
  customer: z.string().trim().max(100).catch(""),
});
const pageInput = z.coerce.number().int().min(1).catch(1);

export const meta: MetaFunction = () => [{ title: "Contracts · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const searchParams = new URL(request.url).searchParams;
  const filters = filterInput.parse(Object.fromEntries(searchParams));
  const today = calendarDateAt(deps.now(), await shopTimeZone(deps.db, shop));
  const filter: ContractFilter = {
    ...(filters.status ? { status: filters.status as ContractStatus } : {}),
    ...(filters.due === "overdue" ? { dueBefore: today } : {}),
    ...(filters.due === "week" ? { dueBetween: { from: today, to: endOfWeek(today) } } : {}),
    ...(filters.customer ? { customer: filters.customer } : {}),
  };
  const summary = await summarizeContracts(deps.db, shop, filter);
  const pageCount = Math.max(1, Math.ceil(summary.count / CONTRACT_PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last one.
  const page = Math.min(pageInput.parse(searchParams.get("page")), pageCount);
  const offset = (page - 1) * CONTRACT_PAGE_SIZE;
  const contracts = await listContracts(deps.db, shop, filter, { limit: CONTRACT_PAGE_SIZE, offset });
  const rows = contracts.map((contract) => {
    const currency = currencyFor(contract.currency);
    const paid = contract.stages.reduce((sum, stage) => sum + stage.paidMinor - stage.refundedMinor, 0n);
    const next = contract.status === "cancelled" ? undefined : contract.stages.find((stage) => UNPAID_STAGE_STATUSES.includes(stage.status));
    return {
      id: contract.id,
      draftName: contract.sourceDraftName ?? contract.sourceDraftOrderId,
      customer: contract.customerName ?? contract.customerEmail ?? "—",
      status: contract.status,
      currency: contract.currency,
      total: formatMinorUnits(contract.totalMinor, currency),
      paid: formatMinorUnits(paid, currency),
      next: next ? `${next.title}${next.dueDate ? `, due ${next.dueDate}` : ""}` : "—",
      overdue: next?.dueDate ? isBefore(next.dueDate, today) : false,
    };
  });
  const counted = summary.totals.reduce((sum, line) => sum + line.contracts, 0);
  const pageUrl = (target: number) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
    if (target > 1) query.set("page", String(target));
    const search = query.toString();
    return search ? `/app/contracts?${search}` : "/app/contracts";
  };
  return json({
    filters,
    rows,
    countLabel: contractCount(summary.count),
    shown: rows.length === 0 ? "" : `${offset + 1}–${offset + rows.length}`,
    page,
    pageCount,
    previousUrl: page > 1 ? pageUrl(page - 1) : null,
    nextUrl: page < pageCount ? pageUrl(page + 1) : null,
    totals: summary.totals.map((line) => {
      const currency = currencyFor(line.currency);
      return {
        currency: line.currency,
        contracts: contractCount(line.contracts),
        total: formatMinorUnits(line.totalMinor, currency),
        paid: formatMinorUnits(line.paidMinor, currency),
      };
    }),
    cancelledLeftOut: summary.count - counted === 0 ? null : `${contractCount(summary.count - counted)} cancelled, not in the totals`,
  });
};

/** "1 contract", "20,000 contracts". */
function contractCount(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "contract" : "contracts"}`;
}

export default function ContractsPage() {
  const { filters, rows, countLabel, shown, page, pageCount, previousUrl, nextUrl, totals, cancelledLeftOut } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [customer, setCustomer] = useState(filters.customer);
  const [status, setStatus] = useState<string>(filters.status);
  const [due, setDue] = useState<string>(filters.due);
  const filtered = Boolean(filters.status || filters.due || filters.customer);

  return (
    <Page title="Contracts" primaryAction={{ content: "Attach a plan", url: "/app/attach" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="get">
              <InlineStack gap="300" blockAlign="end">
                <Select
                  label="Status"
                  name="status"
                  options={[{ label: "Any", value: "" }, ...Object.entries(CONTRACT_STATUS_LABELS).map(([value, label]) => ({ label, value }))]}
                  value={status}
                  onChange={setStatus}
                />
                <Select
                  label="Due"
                  name="due"
                  options={[
                    { label: "Any time", value: "" },
                    { label: "Overdue", value: "overdue" },
                    { label: "Due this week", value: "week" },
                  ]}
                  value={due}
                  onChange={setDue}
                />
                <TextField label="Customer" name="customer" value={customer} onChange={setCustomer} autoComplete="off" placeholder="Name or email" />
                <Button submit>Filter</Button>
              </InlineStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {navigation.state === "loading" ? (
              <Box padding="400">
                <SkeletonBodyText lines={6} />
              </Box>
            ) : rows.length === 0 ? (
              <EmptyState
                heading={filtered ? "No contracts match these filters" : "No contracts yet"}
                action={filtered ? undefined : { content: "Attach a plan", url: "/app/attach" }}
                image=""
              >
                <p>{filtered ? "Change or clear the filters." : "Attach an installment plan to a draft order; its contract appears here."}</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "contract", plural: "contracts" }}
                itemCount={rows.length}
                selectable={false}
                pagination={{
                  hasPrevious: previousUrl !== null,
                  previousURL: previousUrl ?? undefined,
                  hasNext: nextUrl !== null,
                  nextURL: nextUrl ?? undefined,
                  label: `Page ${page} of ${pageCount}`,
                  accessibilityLabels: { previous: "Previous page of contracts", next: "Next page of contracts" },
                }}
                headings={[
                  { title: "Draft order" },
                  { title: "Customer" },
                  { title: "Status" },
                  { title: "Next stage" },
                  { title: "Paid", alignment: "end" },
                  { title: "Total", alignment: "end" },
                ]}
              >
                {rows.map((row, index) => (
                  <IndexTable.Row id={row.id} key={row.id} position={index}>
                    <IndexTable.Cell>
                      <Link url={`/app/contracts/${row.id}`} removeUnderline>
                        {row.draftName}
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.customer}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <ContractStatusBadge status={row.status} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" tone={row.overdue ? "critical" : undefined}>
                        {row.next}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end">
                        {formatMoney(row.paid, row.currency)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end">
                        {formatMoney(row.total, row.currency)}
                      </Text>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        {rows.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingSm">
                  {countLabel}
                  {pageCount > 1 ? `, showing ${shown}` : ""}
                </Text>
                {totals.map((line) => (
                  <Text as="p" key={line.currency}>
                    {formatMoney(line.paid, line.currency)} paid of {formatMoney(line.total, line.currency)} ({line.contracts})
                  </Text>
                ))}
                {cancelledLeftOut ? (
                  <Text as="p" tone="subdued">
                    {cancelledLeftOut}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
