import { shopifyDecimal } from "../commerce/money";

/**
 * Building blocks of GraphQL views shared by every resolver module: money objects, connections with cursors,
 * attribute lists. A view is a plain object whose keys are the GraphQL fields it implements.
 */

export function moneyV2(amount: string, currencyCode: string) {
  return { __typename: "MoneyV2", amount: shopifyDecimal(amount), currencyCode };
}

/** A `MoneyBag`: the emulator has one currency per shop, so shop and presentment money are the same. */
export function moneyBag(amount: string, currencyCode: string) {
  const money = moneyV2(amount, currencyCode);
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: money };
}

interface ConnectionArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
  readonly reverse?: boolean | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString("base64");
const indexOf = (cursor: string) =>
  Number(
    Buffer.from(cursor, "base64")
      .toString("utf8")
      .replace(/^cursor:/, ""),
  );

/** A Relay connection over an in-memory list, with `first/last/after/before/reverse` like Shopify's. */
export function connection<T>(items: readonly T[], args: ConnectionArgs, toView: (item: T) => unknown) {
  const ordered = args.reverse ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (args.after) start = Math.max(start, indexOf(args.after) + 1);
  if (args.before) end = Math.min(end, indexOf(args.before));
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  if (typeof args.last === "number") start = Math.max(start, end - args.last);
  const slice = ordered.slice(start, end).map((item, offset) => ({ item, index: start + offset }));
  const views = slice.map(({ item }) => toView(item));
  return {
    nodes: views,
    edges: slice.map(({ index }, i) => ({ cursor: cursorOf(index), node: views[i] })),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursorOf(slice[0]!.index) : null,
      endCursor: slice.length ? cursorOf(slice[slice.length - 1]!.index) : null,
    },
  };
}

export function attributeViews(attributes: readonly { key: string; value: string }[]) {
  return attributes.map((attribute) => ({ __typename: "Attribute", key: attribute.key, value: attribute.value }));
}

/** The numeric tail of a GID: `gid://shopify/Order/1001` → 1001 (webhook payloads use numeric ids). */
export function legacyId(gid: string): number {
  return Number(gid.slice(gid.lastIndexOf("/") + 1));
}
