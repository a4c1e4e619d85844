import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { contractCsvUrl, useCsvDownload, type ContractSelection } from "../components/contracts/contract-csv-download";
import { ContractsIndex } from "../components/contracts/ContractsIndex";
import { contractFilterOf, contractListSearch, contractOrderOf, readContractListQuery } from "../components/contracts/contract-list-query";
import { contractName } from "../components/contracts/contract-words";
import { useShopFormat } from "../components/shop-format-context";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { describeBulkResend } from "../locale/bulk-resend-words";
import { formatCount } from "../locale/format";
import { listContractRows } from "../models/contract-list.server";
import { CONTRACT_PAGE_SIZE, summarizeContracts } from "../models/contracts.server";
import { shopFormat } from "../models/shop-profile.server";
import { resendLinksInBulk } from "../services/collection/bulk-link-resend.server";
import type { ContractExportShape } from "../services/contract-export/contracts-csv.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Contracts · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const query = readContractListQuery(new URL(request.url).searchParams);
  const format = await shopFormat(deps, shop);
  const today = calendarDateAt(deps.now(), format.timeZone);
  const filter = contractFilterOf(query, today);
  const summary = await summarizeContracts(deps.db, shop, filter);
  const pageCount = Math.max(1, Math.ceil(summary.count / CONTRACT_PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last one.
  const page = Math.min(query.page, pageCount);
  const offset = (page - 1) * CONTRACT_PAGE_SIZE;
  const contracts = await listContractRows(deps.db, shop, {
    filter,
    order: contractOrderOf(query),
    today,
    page: { limit: CONTRACT_PAGE_SIZE, offset },
  });
  const count = (n: number) => `${formatCount(n, format.locale)} ${n === 1 ? "contract" : "contracts"}`;
  const pageUrl = (target: number) => {
    const search = contractListSearch({ ...query, page: target }).toString();
    return search ? `/app/contracts?${search}` : "/app/contracts";
  };
  const counted = summary.totals.reduce((sum, line) => sum + line.contracts, 0);
  return json({
    query: { ...query, page },
    rows: contracts.map((contract) => {
      const currency = currencyFor(contract.currency);
      return {
        id: contract.id,
        name: contractName(contract.draftName, contract.draftOrderId),
        orderName: contract.orderName,
        customer: contract.customerName ?? contract.customerEmail,
        status: contract.status,
        badge: contract.badge,
        currency: contract.currency,
        total: formatMinorUnits(contract.totalMinor, currency),
        paid: formatMinorUnits(contract.paidMinor - contract.refundedMinor, currency),
        nextStage: contract.nextStage && { title: contract.nextStage.title, dueDate: contract.nextStage.dueDate },
      };
    }),
    today,
    count: summary.count,
    countLabel: count(summary.count),
    shown: contracts.length === 0 ? "" : `${formatCount(offset + 1, format.locale)}–${formatCount(offset + contracts.length, format.locale)}`,
    page,
    pageCount,
    previousUrl: page > 1 ? pageUrl(page - 1) : null,
    nextUrl: page < pageCount ? pageUrl(page + 1) : null,
    totals: summary.totals.map((line) => {
      const currency = currencyFor(line.currency);
      return {
        currency: line.currency,
        contracts: count(line.contracts),
        total: formatMinorUnits(line.totalMinor, currency),
        paid: formatMinorUnits(line.paidMinor, currency),
        discount: line.discountMinor > 0n ? formatMinorUnits(line.discountMinor, currency) : null,
      };
    }),
    cancelledLeftOut: summary.count === counted ? null : `${count(summary.count - counted)} cancelled, not in the totals`,
  });
};

/** The most contracts one "Resend payment links" emails: a page of them, picked by staff. */
const MOST_CONTRACTS_RESENT = CONTRACT_PAGE_SIZE;

const resendInput = z.discriminatedUnion("scope", [
  z.object({ intent: z.literal("resendLinks"), scope: z.literal("selected"), ids: z.array(z.string().min(1)).min(1).max(MOST_CONTRACTS_RESENT) }),
  // Every contract matching the list's filters (staff chose "Select all"), as its URL parameters say them.
  z.object({ intent: z.literal("resendLinks"), scope: z.literal("matching"), search: z.string().max(2_000) }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const form = await request.formData();
  const parsed = resendInput.safeParse({ intent: form.get("intent"), scope: form.get("scope"), ids: form.getAll("ids"), search: form.get("search") });
  if (!parsed.success) return json({ tone: "critical" as const, message: "Select the contracts whose payment links to resend, and try again." });
  const format = await shopFormat(deps, shop);
  let ids: readonly string[];
  if (parsed.data.scope === "selected") {
    ids = parsed.data.ids;
  } else {
    const query = readContractListQuery(new URLSearchParams(parsed.data.search));
    const filter = contractFilterOf(query, calendarDateAt(deps.now(), format.timeZone));
    const { count } = await summarizeContracts(deps.db, shop, filter);
    if (count > MOST_CONTRACTS_RESENT) {
      return json({
        tone: "warning" as const,
        message: `Links go out again to at most ${formatCount(MOST_CONTRACTS_RESENT, format.locale)} contracts at a time, and ${formatCount(count, format.locale)} match this list. Narrow the list with its filters, or select contracts on this page.`,
      });
    }
    const contracts = await listContractRows(deps.db, shop, {
      filter,
      order: contractOrderOf(query),
      today: calendarDateAt(deps.now(), format.timeZone),
      page: { limit: MOST_CONTRACTS_RESENT, offset: 0 },
    });
    ids = contracts.map((contract) => contract.id);
  }
  return json(describeBulkResend(await resendLinksInBulk(deps, shop, ids, actor), format.locale));
};

export default function ContractsPage() {
  const data = useLoaderData<typeof loader>();
  const { money } = useShopFormat();
  const navigation = useNavigation();
  const resend = useFetcher<typeof action>();
  const csv = useCsvDownload();
  // The banner of the last bulk resend, until staff dismiss it or send again.
  const [dismissed, setDismissed] = useState<typeof resend.data>(undefined);
  const resendSummary = resend.data !== dismissed ? resend.data : undefined;
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/contracts";
  const exportCsv = (selection: ContractSelection, shape: ContractExportShape) => void csv.download(contractCsvUrl(data.query, selection, shape));
  const resendLinks = (selection: ContractSelection) => {
    // Form data rather than an object: each id its own field (an object's array would be sent as one "a,b" value).
    const form = new FormData();
    form.set("intent", "resendLinks");
    form.set("scope", selection.scope);
    if (selection.scope === "selected") for (const id of selection.ids) form.append("ids", id);
    else form.set("search", contractListSearch(data.query).toString());
    resend.submit(form, { method: "post" });
  };

  return (
    <Page
      title="Contracts"
      primaryAction={{ content: "Attach a plan", url: "/app/attach" }}
      actionGroups={[
        {
          title: "Export",
          disabled: data.count === 0 || csv.downloading,
          actions: [
            { content: "Contracts as CSV", onAction: () => exportCsv({ scope: "matching" }, "contracts") },
            { content: "Stages as CSV", onAction: () => exportCsv({ scope: "matching" }, "stages") },
          ],
        },
      ]}
    >
      <Layout>
        {resendSummary ? (
          <Layout.Section>
            <Banner tone={resendSummary.tone} onDismiss={() => setDismissed(resend.data)}>
              <p>{resendSummary.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {csv.failed ? (
          <Layout.Section>
            <Banner tone="critical" onDismiss={csv.dismiss}>
              <p>The export could not be made. Try again; if it fails again, reload the page.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ContractsIndex data={data} loading={loading} busy={resend.state !== "idle" || csv.downloading} onResend={resendLinks} onExport={exportCsv} />
        </Layout.Section>
        {data.count > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingSm">
                  {data.countLabel}
                  {data.pageCount > 1 ? `, showing ${data.shown}` : ""}
                </Text>
                {data.totals.map((line) => (
                  <Text as="p" key={line.currency}>
                    {money(line.paid, line.currency)} paid of {money(line.total, line.currency)}
                    {line.discount ? `, ${money(line.discount, line.currency)} early-payment discounts` : ""} ({line.contracts})
                  </Text>
                ))}
                {data.cancelledLeftOut ? (
                  <Text as="p" tone="subdued">
                    {data.cancelledLeftOut}
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
