import { z } from "zod";

import type { CustomerSortKey } from "../../models/customer-history.server";

/** What the customers list shows, as its URL says it (`?search=acme&sort=overdue+desc&page=2`). */
export interface CustomerListQuery {
  /** Part of a name or email. */
  readonly search: string;
  readonly sort: CustomerSortValue;
  readonly page: number;
}

export type CustomerSortValue = `${CustomerSortKey} ${"asc" | "desc"}`;

/** The sort choices, each key with its two directions in plain words, as IndexFilters' sort menu shows them. */
export const CUSTOMER_SORTS: readonly { readonly label: string; readonly value: CustomerSortValue; readonly directionLabel: string }[] = [
  { label: "Name", value: "name asc", directionLabel: "A–Z" },
  { label: "Name", value: "name desc", directionLabel: "Z–A" },
  { label: "Overdue", value: "overdue desc", directionLabel: "Longest overdue first" },
  { label: "Overdue", value: "overdue asc", directionLabel: "Most recently overdue first" },
  { label: "Contracts", value: "contracts desc", directionLabel: "Most first" },
  { label: "Contracts", value: "contracts asc", directionLabel: "Fewest first" },
  { label: "Latest contract", value: "latest desc", directionLabel: "Newest first" },
  { label: "Latest contract", value: "latest asc", directionLabel: "Oldest first" },
];

export const DEFAULT_CUSTOMER_SORT: CustomerSortValue = "name asc";

const SORT_VALUES = CUSTOMER_SORTS.map((sort) => sort.value) as [CustomerSortValue, ...CustomerSortValue[]];

// A parameter that is not one of ours (an old link, a typo) means the default, never an error page.
const queryInput = z.object({
  search: z.string().trim().max(100).catch(""),
  sort: z.enum(SORT_VALUES).catch(DEFAULT_CUSTOMER_SORT),
  page: z.coerce.number().int().min(1).catch(1),
});

export function readCustomerListQuery(search: URLSearchParams): CustomerListQuery {
  return queryInput.parse({ search: search.get("search") ?? "", sort: search.get("sort") ?? DEFAULT_CUSTOMER_SORT, page: search.get("page") ?? 1 });
}

/** The URL parameters of a query, defaults left out. */
export function customerListSearch(query: CustomerListQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.search) search.set("search", query.search);
  if (query.sort !== DEFAULT_CUSTOMER_SORT) search.set("sort", query.sort);
  if (query.page > 1) search.set("page", String(query.page));
  return search;
}

export function customerListUrl(query: CustomerListQuery): string {
  const search = customerListSearch(query).toString();
  return search ? `/app/customers?${search}` : "/app/customers";
}

export function sortParts(sort: CustomerSortValue): { readonly key: CustomerSortKey; readonly direction: "asc" | "desc" } {
  const [key, direction] = sort.split(" ") as [CustomerSortKey, "asc" | "desc"];
  return { key, direction };
}
