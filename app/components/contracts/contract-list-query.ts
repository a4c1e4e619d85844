import { z } from "zod";

import type { ContractStatus } from "../../domain/contract/contract-state";
import { endOfWeek } from "../../domain/contract/portfolio";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { ContractOrder, ContractSortKey } from "../../models/contract-list.server";
import type { ContractFilter } from "../../models/contracts.server";

/**
 * What the contracts list shows, as its URL says it (`?status=active&due=overdue&sort=nextDue+asc&page=2`): the page,
 * its CSV export and its bulk actions read the same parameters, so a link, a reload or an export shows what staff saw.
 */
export interface ContractListQuery {
  readonly status: "" | ContractStatus;
  /** "overdue": a stage owed that is overdue (marked so, or due before today); "week": one due from today to Sunday. */
  readonly due: "" | "overdue" | "week";
  /** "needed": a declined card charge or a stage the app stopped collecting. */
  readonly attention: "" | "needed";
  /** Part of the customer's name or email. */
  readonly customer: string;
  readonly sort: ContractSortValue;
  readonly page: number;
}

export type ContractSortValue = `${ContractSortKey} ${ContractOrder["direction"]}`;

/** The sort choices, each key with its two directions in plain words (IndexFilters' sort menu shows them so). */
export const CONTRACT_SORTS: readonly { readonly label: string; readonly value: ContractSortValue; readonly directionLabel: string }[] = [
  { label: "Created", value: "created desc", directionLabel: "Newest first" },
  { label: "Created", value: "created asc", directionLabel: "Oldest first" },
  { label: "Next due date", value: "nextDue asc", directionLabel: "Soonest first" },
  { label: "Next due date", value: "nextDue desc", directionLabel: "Latest first" },
  { label: "Total", value: "total desc", directionLabel: "Highest first" },
  { label: "Total", value: "total asc", directionLabel: "Lowest first" },
  { label: "Customer", value: "customer asc", directionLabel: "A–Z" },
  { label: "Customer", value: "customer desc", directionLabel: "Z–A" },
];

export const DEFAULT_CONTRACT_SORT: ContractSortValue = "created desc";

const SORT_VALUES = CONTRACT_SORTS.map((sort) => sort.value) as [ContractSortValue, ...ContractSortValue[]];

// A parameter that is not one of ours (an old link, a typo) means "any", never an error page.
const queryInput = z.object({
  status: z.enum(["", "pending", "awaitingDeposit", "active", "completed", "cancelled"]).catch(""),
  due: z.enum(["", "overdue", "week"]).catch(""),
  attention: z.enum(["", "needed"]).catch(""),
  customer: z.string().trim().max(100).catch(""),
  sort: z.enum(SORT_VALUES).catch(DEFAULT_CONTRACT_SORT),
  page: z.coerce.number().int().min(1).catch(1),
});

export function readContractListQuery(search: URLSearchParams): ContractListQuery {
  return queryInput.parse({
    status: search.get("status") ?? "",
    due: search.get("due") ?? "",
    attention: search.get("attention") ?? "",
    customer: search.get("customer") ?? "",
    sort: search.get("sort") ?? DEFAULT_CONTRACT_SORT,
    page: search.get("page") ?? 1,
  });
}

/** The query as URL parameters, leaving out what is the default (no filter, newest first, the first page). */
export function contractListSearch(query: ContractListQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.status) search.set("status", query.status);
  if (query.due) search.set("due", query.due);
  if (query.attention) search.set("attention", query.attention);
  if (query.customer) search.set("customer", query.customer);
  if (query.sort !== DEFAULT_CONTRACT_SORT) search.set("sort", query.sort);
  if (query.page > 1) search.set("page", String(query.page));
  return search;
}

export function isFiltered(query: ContractListQuery): boolean {
  return Boolean(query.status || query.due || query.attention || query.customer);
}

/** The model's filter for the query, on the shop's `today`. */
export function contractFilterOf(query: ContractListQuery, today: CalendarDate): ContractFilter {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.due === "overdue" ? { overdueOn: today } : {}),
    ...(query.due === "week" ? { dueBetween: { from: today, to: endOfWeek(today) } } : {}),
    ...(query.attention === "needed" ? { needsAttention: true } : {}),
    ...(query.customer ? { customer: query.customer } : {}),
  };
}

export function contractOrderOf(query: ContractListQuery): ContractOrder {
  const [by, direction] = query.sort.split(" ") as [ContractSortKey, ContractOrder["direction"]];
  return { by, direction };
}
