/**
 * What people do against the emulator from outside the app, for the tests and the demo: staff make Admin API
 * calls as Shopify's admin would (sharing the shop's bucket with the app, so a THROTTLED answer is waited out),
 * and a buyer pays a link the app emailed (through the JSON twin of the checkout page).
 */

const THROTTLED_WAIT_MS = 500;
const THROTTLED_ATTEMPTS = 120;

/** A raw Admin API call; resolves to `data`, rejects on any GraphQL error other than a throttle it outwaited. */
export async function staffAdminRequest<Data>(adminUrl: string, accessToken: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(adminUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": accessToken },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: { extensions?: { code?: string } }[] };
    const throttled = body.errors?.some((error) => error.extensions?.code === "THROTTLED") ?? false;
    if (throttled && attempt < THROTTLED_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, THROTTLED_WAIT_MS));
      continue;
    }
    if (!body.data || body.errors) throw new Error(`Admin API: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
}

export interface BuyerPayment {
  readonly card: "approve" | "decline" | "insufficient_funds";
  readonly saveCard?: boolean;
  readonly savedCardOutcome?: "approve" | "decline" | "insufficient_funds";
}

/** Pays an emailed link (`/checkout/:token` or `/checkout/order/:number`) as the buyer; the emulator's answer. */
export function payEmailedLink(emulatorUrl: string, link: string, payment: BuyerPayment): Promise<Response> {
  const payPath = new URL(link).pathname.replace(/^\/checkout\//, "/_emulator/checkout/") + "/pay";
  return fetch(`${emulatorUrl}${payPath}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payment) });
}
