import { GraphQLError } from "graphql";
import { displayFinancialStatus } from "../../commerce/order-balance";
import { findOrder, orderNumber } from "../../commerce/shop-lookup";
import type { Order } from "../../state/model";
import type { ResolverModule } from "../resolver-types";
import { connection, legacyId } from "../views";
import { orderView } from "./order-view";

/** `order(id)`, `orders(first/after/query/sortKey/reverse)` and `job(id)`. */
export const orderResolvers: ResolverModule = {
  query: {
    order: ({ id }, context) => {
      const order = findOrder(context.shop, id as string);
      return order ? orderView(order, context) : null;
    },
    orders: (args, context) => {
      if (typeof args.first !== "number" && typeof args.last !== "number") {
        throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
      }
      const matching = context.shop.orders.filter(matchesSearch(typeof args.query === "string" ? args.query : ""));
      const sorted = [...matching].sort(SORTS[args.sortKey as string] ?? SORTS.ID!);
      return connection(sorted, args, (order) => orderView(order, context));
    },
    job: ({ id }, { shop }) => {
      const job = shop.jobs.find((candidate) => candidate.id === id);
      // Every job the emulator handed out is recorded (cancellations as done jobs), so an unknown id is null.
      return job ? { __typename: "Job", id: job.id, done: job.done } : null;
    },
  },
};

const byTime = (key: "processedAt" | "createdAt" | "updatedAt") => (a: Order, b: Order) =>
  Date.parse(a[key]) - Date.parse(b[key]) || legacyId(a.id) - legacyId(b.id);

const SORTS: Record<string, (a: Order, b: Order) => number> = {
  PROCESSED_AT: byTime("processedAt"),
  CREATED_AT: byTime("createdAt"),
  UPDATED_AT: byTime("updatedAt"),
  ID: (a, b) => legacyId(a.id) - legacyId(b.id),
  ORDER_NUMBER: (a, b) => orderNumber(a) - orderNumber(b),
};

/**
 * Shopify's order search syntax, the part apps use: `name:#1001`, `status:open|closed|cancelled|any`,
 * `financial_status:paid`, `tag:x`, `id:1001`, `email:a@b.c`, and bare words matched against name and email.
 * Terms are ANDed; a filter the emulator does not know matches everything, as Shopify ignores unknown fields.
 */
function matchesSearch(query: string): (order: Order) => boolean {
  const terms = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const tests = terms.map((term) => {
    const [field, ...rest] = term.split(":");
    const value = rest.join(":").replace(/^"|"$/g, "").toLowerCase();
    if (rest.length === 0) {
      const word = term.replace(/^"|"$/g, "").toLowerCase();
      return (order: Order) => order.name.toLowerCase().includes(word) || (order.email ?? "").toLowerCase().includes(word);
    }
    switch (field!.toLowerCase()) {
      case "name":
        return (order: Order) => order.name.toLowerCase() === value || order.name.replace(/^#/, "").toLowerCase() === value.replace(/^#/, "");
      case "status":
        return (order: Order) => orderStatus(order, value);
      case "financial_status":
        return (order: Order) => (displayFinancialStatus(order) ?? "").toLowerCase() === value;
      case "tag":
        return (order: Order) => order.tags.some((tag) => tag.toLowerCase() === value);
      case "id":
        return (order: Order) => String(legacyId(order.id)) === value || order.id.toLowerCase() === value;
      case "email":
        return (order: Order) => (order.email ?? "").toLowerCase() === value;
      default:
        return () => true;
    }
  });
  return (order) => tests.every((test) => test(order));
}

function orderStatus(order: Order, status: string): boolean {
  switch (status) {
    case "open":
      return !order.closedAt && !order.cancelledAt;
    case "closed":
      return order.closedAt !== undefined;
    case "cancelled":
      return order.cancelledAt !== undefined;
    default:
      return true;
  }
}
