import { useNavigate } from "@remix-run/react";
import {
  BlockStack,
  Card,
  ChoiceList,
  EmptyState,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  Link,
  Text,
  useIndexResourceState,
  useSetIndexFiltersMode,
} from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";

import type { ContractStatus } from "../../domain/contract/contract-state";
import { isBefore, type CalendarDate } from "../../domain/dates/calendar-date";
import type { ContractBadgeKind } from "../../domain/contract/contract-attention";
import { ContractAttentionBadge, CONTRACT_STATUS_LABELS } from "../StageStatusBadge";
import { useShopFormat } from "../shop-format-context";
import type { ContractSelection } from "./contract-csv-download";
import { CONTRACT_SORTS, contractListSearch, isFiltered, type ContractListQuery, type ContractSortValue } from "./contract-list-query";

export interface ContractListRowData {
  readonly id: string;
  readonly name: string;
  readonly orderName: string | null;
  readonly customer: string | null;
  readonly status: ContractStatus;
  /** Why it needs staff when it does (overdue, payment failed…), else its status. */
  readonly badge: ContractBadgeKind;
  readonly currency: string;
  /** Decimal strings in the currency's major units. */
  readonly total: string;
  readonly paid: string;
  readonly nextStage: { readonly title: string; readonly dueDate: string | null } | null;
}

export interface ContractsIndexData {
  readonly query: ContractListQuery;
  readonly rows: readonly ContractListRowData[];
  /** The shop's calendar day the list was read on. */
  readonly today: string;
  readonly count: number;
  readonly page: number;
  readonly pageCount: number;
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
}

interface ContractsIndexProps {
  readonly data: ContractsIndexData;
  readonly loading: boolean;
  readonly busy: boolean;
  readonly onResend: (selection: ContractSelection) => void;
  readonly onExport: (selection: ContractSelection, shape: "contracts" | "stages") => void;
}

/**
 * The views above the list: each sets the "due" and "attention" filters, as the dashboard's links do. Three, so that
 * they fit a phone's width; "due this week" is a filter (the dashboard links to it too).
 */
const VIEWS: readonly {
  readonly id: string;
  readonly content: string;
  readonly due: ContractListQuery["due"];
  readonly attention: ContractListQuery["attention"];
}[] = [
  { id: "all", content: "All", due: "", attention: "" },
  { id: "needs-attention", content: "Needs attention", due: "", attention: "needed" },
  { id: "overdue", content: "Overdue", due: "overdue", attention: "" },
];

const DUE_CHOICES = [
  { label: "Overdue", value: "overdue" },
  { label: "Due this week", value: "week" },
];
const ATTENTION_CHOICE = { label: "Declined card or collection stopped", value: "needed" };
const STATUS_CHOICES = Object.entries(CONTRACT_STATUS_LABELS).map(([value, label]) => ({ label, value }));

// Typing in the search field filters after a pause, not at every key.
const SEARCH_PAUSE_MS = 400;

// IndexTable cells never wrap; a customer's name may be long.
const WRAPPING_CELL = { whiteSpace: "normal", minWidth: "10rem", maxWidth: "18rem" } as const;

/**
 * A new sort key starts in its natural direction (next due date: soonest first; total: highest first) rather than
 * keeping the direction of the key before it, as the sort menu would; a new direction of the same key is taken as is.
 */
function sortChosen(current: ContractSortValue, chosen: ContractSortValue): ContractSortValue {
  const key = (sort: ContractSortValue) => sort.split(" ")[0];
  if (key(chosen) === key(current)) return chosen;
  return CONTRACT_SORTS.find((sort) => key(sort.value) === key(chosen))?.value ?? chosen;
}

/**
 * The contracts, their views, filters, sort and bulk actions, all kept in the URL: the server filters, sorts and
 * pages, so every page of 20,000 contracts is read the same way, and a link or a reload shows what staff saw.
 */
export function ContractsIndex({ data, loading, busy, onResend, onExport }: ContractsIndexProps) {
  const { query, rows } = data;
  const navigate = useNavigate();
  const shopFormat = useShopFormat();
  const go = (changes: Partial<ContractListQuery>) => {
    const search = contractListSearch({ ...query, ...changes, page: 1 }).toString();
    navigate(search ? `/app/contracts?${search}` : "/app/contracts");
  };

  // The search field shows what staff type; a new search from the URL (back, a link) replaces it.
  const [customer, setCustomer] = useState(query.customer);
  const [searchShown, setSearchShown] = useState(query.customer);
  if (searchShown !== query.customer) {
    setSearchShown(query.customer);
    setCustomer(query.customer);
  }
  useEffect(() => {
    if (customer.trim() === query.customer) return;
    const timer = setTimeout(() => go({ customer: customer.trim() }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
    // `go` is remade at every render; the pause restarts only when the text changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer]);

  // Filters no view shows are shown in the filter bar, open from the start.
  const inFilterBarOnly = Boolean(query.status || query.customer || query.due === "week");
  const { mode, setMode } = useSetIndexFiltersMode(inFilterBarOnly ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  const selectable = useMemo(() => rows.map((row) => ({ id: row.id })), [rows]);
  const selection = useIndexResourceState(selectable);
  const { clearSelection } = selection;
  // A new page, filter or the revalidation after an action shows other rows: what was ticked no longer applies.
  useEffect(() => clearSelection(), [rows, clearSelection]);
  const selected = (): ContractSelection => (selection.allResourcesSelected ? { scope: "matching" } : { scope: "selected", ids: selection.selectedResources });

  const view = VIEWS.findIndex((candidate) => candidate.due === query.due && candidate.attention === query.attention);
  const appliedFilters = [
    ...(query.status ? [{ key: "status", label: `Status: ${CONTRACT_STATUS_LABELS[query.status]}`, onRemove: () => go({ status: "" }) }] : []),
    ...(query.due ? [{ key: "due", label: DUE_CHOICES.find((choice) => choice.value === query.due)!.label, onRemove: () => go({ due: "" }) }] : []),
    ...(query.attention ? [{ key: "attention", label: "Needs attention", onRemove: () => go({ attention: "" }) }] : []),
  ];
  const filters = [
    {
      key: "status",
      label: "Status",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Status"
          titleHidden
          choices={STATUS_CHOICES}
          selected={query.status ? [query.status] : []}
          onChange={([status]) => go({ status: (status ?? "") as ContractListQuery["status"] })}
        />
      ),
    },
    {
      key: "due",
      label: "Due",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Due"
          titleHidden
          choices={DUE_CHOICES}
          selected={query.due ? [query.due] : []}
          onChange={([due]) => go({ due: (due ?? "") as ContractListQuery["due"], attention: "" })}
        />
      ),
    },
    {
      key: "attention",
      label: "Needs attention",
      filter: (
        <ChoiceList
          title="Needs attention"
          titleHidden
          allowMultiple
          choices={[ATTENTION_CHOICE]}
          selected={query.attention ? [query.attention] : []}
          onChange={(values) => go({ attention: values.includes("needed") ? "needed" : "", due: "" })}
        />
      ),
    },
  ];

  const rowMarkup = rows.map((row, index) => {
    const due = row.nextStage?.dueDate ?? null;
    const late = due !== null && isBefore(due as CalendarDate, data.today as CalendarDate);
    const nextStage = row.nextStage ? (
      <BlockStack gap="050">
        <Text as="span">{row.nextStage.title}</Text>
        {due ? (
          <Text as="span" variant="bodySm" tone={late ? "critical" : "subdued"}>
            {late ? `Was due ${shopFormat.date(due)}` : `Due ${shopFormat.date(due)}`}
          </Text>
        ) : null}
      </BlockStack>
    ) : (
      <Text as="span" tone="subdued">
        Nothing owed
      </Text>
    );
    const name = (
      <Link url={`/app/contracts/${encodeURIComponent(row.id)}`} removeUnderline dataPrimaryLink>
        <Text as="span" fontWeight="semibold">
          {row.name}
        </Text>
      </Link>
    );
    const money = (amount: string) => shopFormat.money(amount, row.currency);
    return (
      <IndexTable.Row id={row.id} key={row.id} position={index} selected={selection.selectedResources.includes(row.id)}>
        <IndexTable.Cell>
          <BlockStack gap="050">
            {name}
            {row.orderName ? (
              <Text as="span" variant="bodySm" tone="subdued">
                Order {row.orderName}
              </Text>
            ) : null}
          </BlockStack>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <div style={WRAPPING_CELL}>
            {row.customer ?? (
              <Text as="span" tone="subdued">
                No customer
              </Text>
            )}
          </div>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <ContractAttentionBadge kind={row.badge} />
        </IndexTable.Cell>
        <IndexTable.Cell>{nextStage}</IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {money(row.paid)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {money(row.total)}
          </Text>
        </IndexTable.Cell>
      </IndexTable.Row>
    );
  });

  const countLabel = `${shopFormat.count(data.count)} ${data.count === 1 ? "contract" : "contracts"}`;
  return (
    <Card padding="0">
      <IndexFilters
        tabs={VIEWS.map(({ id, content }) => ({ id, content, panelID: `${id}-panel` }))}
        selected={Math.max(view, 0)}
        onSelect={(index) => go({ due: VIEWS[index]!.due, attention: VIEWS[index]!.attention })}
        queryValue={customer}
        queryPlaceholder="Search by customer name or email"
        onQueryChange={setCustomer}
        onQueryClear={() => setCustomer("")}
        filters={filters}
        appliedFilters={appliedFilters}
        onClearAll={() => go({ status: "", due: "", attention: "", customer: "" })}
        sortOptions={[...CONTRACT_SORTS]}
        sortSelected={[query.sort]}
        onSort={([sort]) => go({ sort: sortChosen(query.sort, sort as ContractSortValue) })}
        mode={mode}
        setMode={setMode}
        // Leaving the filter bar clears what only it shows (status, search, due this week); a view stays, shown by its tab.
        cancelAction={{ onAction: () => (inFilterBarOnly ? go({ status: "", customer: "", ...(query.due === "week" ? { due: "" } : {}) }) : undefined) }}
        canCreateNewView={false}
        loading={loading}
        filteringAccessibilityLabel="Search and filter contracts"
        // A filter from a link opens the filter bar; the phone's keyboard should not open with it.
        autoFocusSearchField={false}
      />
      {rows.length === 0 ? (
        <EmptyState
          heading={isFiltered(query) ? "No contracts match" : "No contracts yet"}
          action={
            isFiltered(query)
              ? { content: "Clear filters", onAction: () => go({ status: "", due: "", attention: "", customer: "" }) }
              : { content: "Attach a plan", url: "/app/attach" }
          }
          image=""
        >
          <p>{isFiltered(query) ? "Change or clear the filters and the search." : "Attach an installment plan to a draft order; its contract appears here."}</p>
        </EmptyState>
      ) : (
        // Phones get the same table, scrolled sideways with the draft order kept in view: Polaris' condensed list
        // cannot select rows, and the bulk actions must work on a phone too.
        <IndexTable
          resourceName={{ singular: "contract", plural: "contracts" }}
          itemCount={rows.length}
          selectedItemsCount={selection.allResourcesSelected ? "All" : selection.selectedResources.length}
          onSelectionChange={selection.handleSelectionChange}
          hasMoreItems={data.pageCount > 1}
          paginatedSelectAllActionText={`Select all ${countLabel}`}
          paginatedSelectAllText={`All ${countLabel} are selected`}
          loading={loading}
          promotedBulkActions={[
            { content: "Resend payment links", onAction: () => onResend(selected()), disabled: busy },
            { content: "Export as CSV", onAction: () => onExport(selected(), "contracts"), disabled: busy },
          ]}
          bulkActions={[{ content: "Export stages as CSV", onAction: () => onExport(selected(), "stages"), disabled: busy }]}
          pagination={{
            hasPrevious: data.previousUrl !== null,
            onPrevious: () => data.previousUrl && navigate(data.previousUrl),
            hasNext: data.nextUrl !== null,
            onNext: () => data.nextUrl && navigate(data.nextUrl),
            label: `Page ${shopFormat.count(data.page)} of ${shopFormat.count(data.pageCount)}`,
            accessibilityLabels: { previous: "Previous page of contracts", next: "Next page of contracts" },
          }}
          headings={[
            { title: "Draft order" },
            { title: "Customer" },
            { title: "Status" },
            { title: "Next payment" },
            { title: "Paid", alignment: "end" },
            { title: "Total", alignment: "end" },
          ]}
        >
          {rowMarkup}
        </IndexTable>
      )}
    </Card>
  );
}
