/**
 * How staff recognise a contract: its draft order's name ("#D12"), or, for a contract attached before names were
 * kept, the draft order's number as Shopify's admin shows it in the draft's address.
 */
export function contractName(draftName: string | null, draftOrderId: string): string {
  return draftName ?? `Draft order ${draftOrderId.split("/").pop()}`;
}
