import { useNavigate } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexFilters, IndexTable, Link, Text, useSetIndexFiltersMode } from "@shopify/polaris";
import { useEffect, useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { CUSTOMER_SORTS, customerListUrl, sortParts, type CustomerListQuery, type CustomerSortValue } from "./customer-list-query";
import { ReliabilityBadge } from "./ReliabilityBadge";
import type { StandingView } from "./standing-view";

/** Owed in one currency: amounts as decimal strings in major units; overdue null when nothing is. */
export interface ExposureLine {
  readonly currency: string;
  readonly unpaid: string;
  readonly overdue: string | null;
}

export interface CustomerListRowData {
  /** The numeric part of the Customer GID: the customer page's URL. */
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly contracts: number;
  readonly exposure: readonly ExposureLine[];
  readonly standing: StandingView;
}

export interface CustomersIndexData {
  readonly query: CustomerListQuery;
  readonly rows: readonly CustomerListRowData[];
  readonly count: number;
  readonly pageCount: number;
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
}

// Typing in the search field searches after a pause, not at every key.
const SEARCH_PAUSE_MS = 400;

/** A new sort key starts in its first listed direction; a new direction of the same key is taken as is. */
function sortChosen(current: CustomerSortValue, chosen: CustomerSortValue): CustomerSortValue {
  if (sortParts(chosen).key === sortParts(current).key) return chosen;
  return CUSTOMER_SORTS.find((sort) => sortParts(sort.value).key === sortParts(chosen).key)?.value ?? chosen;
}

/** The customers with contracts, searched, sorted and paged by the server, all kept in the URL. */
export function CustomersIndex({ data, loading }: { readonly data: CustomersIndexData; readonly loading: boolean }) {
  const { query, rows } = data;
  const navigate = useNavigate();
  const shopFormat = useShopFormat();
  const go = (changes: Partial<CustomerListQuery>) => navigate(customerListUrl({ ...query, ...changes, page: 1 }));

  // The search field shows what staff type; a new search from the URL (back, a link) replaces it.
  const [search, setSearch] = useState(query.search);
  const [searchShown, setSearchShown] = useState(query.search);
  if (searchShown !== query.search) {
    setSearchShown(query.search);
    setSearch(query.search);
  }
  useEffect(() => {
    if (search.trim() === query.search) return;
    const timer = setTimeout(() => go({ search: search.trim() }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
    // `go` is remade at every render; the pause restarts only when the text changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const { mode, setMode } = useSetIndexFiltersMode();

  const amounts = (lines: readonly ExposureLine[], pick: (line: ExposureLine) => string | null) => {
    const shown = lines.flatMap((line) => {
      const amount = pick(line);
      return amount === null ? [] : [{ currency: line.currency, amount }];
    });
    return shown.length === 0 ? (
      <Text as="span" tone="subdued">
        —
      </Text>
    ) : (
      <BlockStack gap="050">
        {shown.map((line) => (
          <Text as="span" key={line.currency} alignment="end" numeric>
            {shopFormat.money(line.amount, line.currency)}
          </Text>
        ))}
      </BlockStack>
    );
  };

  const rowMarkup = rows.map((row, index) => (
    <IndexTable.Row id={row.id} key={row.id} position={index}>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <Link url={`/app/customers/${row.id}`} removeUnderline dataPrimaryLink>
            <Text as="span" fontWeight="semibold">
              {row.name ?? row.email ?? `Customer ${row.id}`}
            </Text>
          </Link>
          {row.name && row.email ? (
            <Text as="span" variant="bodySm" tone="subdued">
              {row.email}
            </Text>
          ) : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ReliabilityBadge standing={row.standing} />
      </IndexTable.Cell>
      <IndexTable.Cell>{amounts(row.exposure, (line) => line.unpaid)}</IndexTable.Cell>
      <IndexTable.Cell>{amounts(row.exposure, (line) => line.overdue)}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {shopFormat.count(row.contracts)}
        </Text>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Card padding="0">
      <IndexFilters
        tabs={[]}
        selected={0}
        queryValue={search}
        queryPlaceholder="Search by name or email"
        onQueryChange={setSearch}
        onQueryClear={() => setSearch("")}
        filters={[]}
        onClearAll={() => go({ search: "" })}
        sortOptions={[...CUSTOMER_SORTS]}
        sortSelected={[query.sort]}
        onSort={([sort]) => go({ sort: sortChosen(query.sort, sort as CustomerSortValue) })}
        mode={mode}
        setMode={setMode}
        canCreateNewView={false}
        loading={loading}
        filteringAccessibilityLabel="Search customers"
        autoFocusSearchField={false}
      />
      {rows.length === 0 ? (
        <EmptyState
          heading={query.search ? "No customers match" : "No customers with contracts yet"}
          action={query.search ? { content: "Clear the search", onAction: () => go({ search: "" }) } : { content: "Attach a plan", url: "/app/attach" }}
          image=""
        >
          <p>{query.search ? "Search for another name or email." : "A customer appears here once a plan is attached to one of their draft orders."}</p>
        </EmptyState>
      ) : (
        <IndexTable
          resourceName={{ singular: "customer", plural: "customers" }}
          itemCount={rows.length}
          selectable={false}
          loading={loading}
          pagination={{
            hasPrevious: data.previousUrl !== null,
            onPrevious: () => data.previousUrl && navigate(data.previousUrl),
            hasNext: data.nextUrl !== null,
            onNext: () => data.nextUrl && navigate(data.nextUrl),
            label: `Page ${shopFormat.count(query.page)} of ${shopFormat.count(data.pageCount)}`,
            accessibilityLabels: { previous: "Previous page of customers", next: "Next page of customers" },
          }}
          headings={[
            { title: "Customer" },
            { title: "Payment record" },
            { title: "Owed", alignment: "end" },
            { title: "Overdue", alignment: "end" },
            { title: "Contracts", alignment: "end" },
          ]}
        >
          {rowMarkup}
        </IndexTable>
      )}
    </Card>
  );
}
