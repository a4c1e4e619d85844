import { z } from "zod";

/** A numeric Shopify id as compliance payloads send it (a JSON number, or a string for ids past 2^53). */
export const shopifyNumericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/**
 * The spellings one Shopify object can have in our columns: the REST number (`4501`) from webhook payloads
 * and the GraphQL GID (`gid://shopify/Customer/4501`) from Admin API answers.
 */
export function shopifyIdForms(type: "Customer" | "Order", numericId: string): string[] {
  return [numericId, `gid://shopify/${type}/${numericId}`];
}

/**
 * Text that appears in a stored webhook body (JSON) when it carries this object: its GID, closed by the quote
 * so that `…/Customer/45` does not match `…/Customer/4501`.
 */
export function gidInJson(type: "Customer" | "Order", numericId: string): string {
  return `gid://shopify/${type}/${numericId}"`;
}
