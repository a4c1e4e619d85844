import type { DraftOrder } from "../../state/model";

/**
 * The subset of Shopify's search syntax `draftOrders(query:)` needs: space-separated terms that must all hold,
 * `field:value` (quoted values allowed), a leading `-` to negate, and bare words matched against the name and
 * email. Supported fields: status, tag, customer_id, email, name, id. Unknown fields match nothing, as Shopify
 * treats an invalid search field.
 */
export function matchesDraftOrderQuery(draft: DraftOrder, query: string | null | undefined): boolean {
  if (!query?.trim()) return true;
  return terms(query).every(({ negated, field, value }) => matchesTerm(draft, field, value) !== negated);
}

interface Term {
  readonly negated: boolean;
  readonly field?: string;
  readonly value: string;
}

function terms(query: string): Term[] {
  const pattern = /(-?)(?:([a-z_]+):)?(?:"([^"]*)"|'([^']*)'|(\S+))/gi;
  const found: Term[] = [];
  for (const match of query.matchAll(pattern)) {
    const value = match[3] ?? match[4] ?? match[5] ?? "";
    if (!match[2] && /^(AND)$/i.test(value)) continue;
    found.push({ negated: match[1] === "-", ...(match[2] ? { field: match[2].toLowerCase() } : {}), value });
  }
  return found;
}

function matchesTerm(draft: DraftOrder, field: string | undefined, value: string): boolean {
  const wanted = value.toLowerCase();
  switch (field) {
    case undefined:
      return draft.name.toLowerCase().includes(wanted) || (draft.email ?? "").toLowerCase().includes(wanted);
    case "status":
      return draft.status.toLowerCase() === wanted;
    case "tag":
      return draft.tags.some((tag) => tag.toLowerCase() === wanted);
    case "customer_id":
      return draft.customerId !== undefined && (draft.customerId === value || draft.customerId.endsWith(`/${value}`));
    case "email":
      return (draft.email ?? "").toLowerCase() === wanted;
    case "name":
      return draft.name.toLowerCase() === wanted || draft.name.toLowerCase() === `#${wanted}`;
    case "id":
      return draft.id === value || draft.id.endsWith(`/${value}`);
    default:
      return false;
  }
}
