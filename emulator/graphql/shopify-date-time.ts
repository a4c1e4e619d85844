/** Shopify's `DateTime` values have whole seconds: `2026-07-27T18:25:00Z`, never milliseconds. */
export function shopifyDateTime(iso: string): string;
export function shopifyDateTime(iso: string | undefined): string | null;
export function shopifyDateTime(iso: string | undefined): string | null {
  return iso === undefined ? null : new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
}
