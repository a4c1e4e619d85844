import { createHmac } from "node:crypto";

import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";

/**
 * The api.* routes the admin extension calls take Shopify's session token (`requireStaff`, against Shopify). A token
 * signed with the app's secret whose `dest` names no shop is refused with 401 before Shopify's library reads it (the
 * library took it for a URL, answering 500, or exchanged it with whatever host it named).
 */

const { API_KEY, API_SECRET } = vi.hoisted(() => {
  delete process.env.TRANCHE_LOCAL_MODE;
  Object.assign(process.env, { SHOPIFY_API_KEY: "api-token-key", SHOPIFY_API_SECRET: "api-token-secret", SHOPIFY_APP_URL: "https://tranche.test" });
  return { API_KEY: "api-token-key", API_SECRET: "api-token-secret" };
});

const { action: attach } = await import("../../../app/routes/api.attach");
const { loader: options } = await import("../../../app/routes/api.attach.options");
const { loader: preview } = await import("../../../app/routes/api.attach.preview");

/** An admin extension's session token, signed with the app's secret, with the `dest` given. */
function sessionToken(dest: unknown): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: "https://evil.example/admin", dest, aud: API_KEY, sub: "7", exp: now + 60, nbf: now - 5, iat: now, jti: "j", sid: "s" };
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${body}.${createHmac("sha256", API_SECRET).update(body).digest("base64url")}`;
}

async function statusOf(route: (args: LoaderFunctionArgs) => Promise<Response>, request: Request): Promise<number> {
  try {
    return (await route({ request, params: {}, context: {} })).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    return 500;
  }
}

const DESTS = [
  "not a url",
  "https://evil.example",
  "https://evil.example/",
  "http://shop.myshopify.com",
  "https://shop.myshopify.com.evil.example",
  "",
  42,
  null,
];

describe("api.* routes with a session token naming no shop", () => {
  it.each(DESTS.map((dest) => [JSON.stringify(dest), dest] as const))("answer 401 to dest %s", async (_name, dest) => {
    const headers = { Authorization: `Bearer ${sessionToken(dest)}`, Origin: "https://extensions.shopifycdn.com" };
    const query = "draftOrderId=gid%3A%2F%2Fshopify%2FDraftOrder%2F1&planId=p1";
    expect(await statusOf(options, new Request(`https://tranche.test/api/attach/options?${query}`, { headers }))).toBe(401);
    expect(await statusOf(preview, new Request(`https://tranche.test/api/attach/preview?${query}`, { headers }))).toBe(401);
    const post = new Request("https://tranche.test/api/attach", {
      method: "POST",
      headers,
      body: JSON.stringify({ draftOrderId: "gid://shopify/DraftOrder/1", planId: "p1" }),
    });
    expect(await statusOf(attach, post)).toBe(401);
  });

  it("answer 401 to a token in App Bridge's id_token parameter whose dest is not a URL", async () => {
    const request = new Request(`https://tranche.test/api/attach/options?draftOrderId=1&id_token=${sessionToken("not a url")}`);
    expect(await statusOf(options, request)).toBe(401);
  });
});
