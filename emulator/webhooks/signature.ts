import { createHmac } from "node:crypto";

/** `X-Shopify-Hmac-Sha256`: the base64 HMAC-SHA256 of the raw body, keyed with the app's client secret. */
export function webhookHmac(apiSecret: string, rawBody: string): string {
  return createHmac("sha256", apiSecret).update(rawBody, "utf8").digest("base64");
}
