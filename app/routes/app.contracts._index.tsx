import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Link, Page, Select, SkeletonBodyText, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { formatMoney } from "../components/money-format";
import { CONTRACT_STATUS_LABELS, ContractStatusBadge } from "../components/StageStatusBadge";
import type { ContractStatus } from "../domain/contract/contract-state";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { endOfWeek } from "../domain/contract/portfolio";
import { calendarDateAt, isBefore } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { listContracts, type ContractFilter } from "../models/contracts.server";
import { requireStaff } from "../staff-context.server";

const filterInput = z.object({
  status: z.enum(["", "pending", "awaitingDeposit", "active", "completed", "cancelled"]).catch(""),
  due: z.enum(["", "overdue", "week"]).catch(""),
  customer: z.string().trim().max(100).catch(""),
});

export const meta: MetaFunction = () => [{ title: "Contracts · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const filters = filterInput.parse(Object.fromEntries(new URL(request.url).searchParams));
  const newest = await deps.db.contract.findFirst({ where: { shop }, orderBy: { createdAt: "desc" }, select: { timeZone: true } });
  const today = calendarDateAt(deps.now(), newest?.timeZone ?? "UTC");
  const filter: ContractFilter = {
    ...(filters.status ? { status: filters.status as ContractStatus } : {}),
    ...(filters.due === "overdue" ? { dueBefore: today } : {}),
    ...(filters.due === "week" ? { dueBetween: { from: today, to: endOfWeek(today) } } : {}),
    ...(filters.customer ? { customer: filters.customer } : {}),
    limit: 250,
  };
  const contracts = await listContracts(deps.db, shop, filter);
  const totals = new Map<string, { total: bigint; paid: bigint }>();
  const rows = contracts.map((contract) => {
    const currency = currencyFor(contract.currency);
    const paid = contract.stages.reduce((sum, stage) => sum + stage.paidMinor, 0n);
    const sums = totals.get(contract.currency) ?? { total: 0n, paid: 0n };
    totals.set(contract.currency, { total: sums.total + contract.totalMinor, paid: sums.paid + paid });
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
  return json({
    filters,
    rows,
    totals: [...totals].map(([code, sums]) => ({ currency: code, total: formatMinorUnits(sums.total, currencyFor(code)), paid: formatMinorUnits(sums.paid, currencyFor(code)) })),
  });
};

export default function ContractsPage() {
  const { filters, rows, totals } = useLoaderData<typeof loader>();
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
                <Select label="Status" name="status" options={[{ label: "Any", value: "" }, ...Object.entries(CONTRACT_STATUS_LABELS).map(([value, label]) => ({ label, value }))]} value={status} onChange={setStatus} />
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
              <EmptyState heading={filtered ? "No contracts match these filters" : "No contracts yet"} action={filtered ? undefined : { content: "Attach a plan", url: "/app/attach" }} image="">
                <p>{filtered ? "Change or clear the filters." : "Attach an installment plan to a draft order; its contract appears here."}</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "contract", plural: "contracts" }}
                itemCount={rows.length}
                selectable={false}
                headings={[{ title: "Draft order" }, { title: "Customer" }, { title: "Status" }, { title: "Next stage" }, { title: "Paid", alignment: "end" }, { title: "Total", alignment: "end" }]}
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
        {totals.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="100">
                {totals.map((line) => (
                  <Text as="p" key={line.currency}>
                    {rows.length} contracts shown: {formatMoney(line.paid, line.currency)} paid of {formatMoney(line.total, line.currency)}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
