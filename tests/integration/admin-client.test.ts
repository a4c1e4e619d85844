import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { adminApiUrl, adminSessionFrom, createAdminClient, type AttemptEvent } from "../../app/shopify/admin-client.server";
import { AdminGraphQLErrors, AdminHttpError, AdminUserErrors } from "../../app/shopify/admin-errors";
import { draftOrderCreateMutation } from "../../app/shopify/operations/draft-order-create-mutation";
import { metafieldsSetMutation } from "../../app/shopify/operations/metafields-set-mutation";
import { orderCreateMandatePaymentMutation } from "../../app/shopify/operations/order-create-mandate-payment-mutation";
import { shopQuery } from "../../app/shopify/operations/shop-query";
import { ShopThrottle } from "../../app/shopify/shop-throttle";

let emulator: RunningEmulator;
const shops = ["query", "paced", "retried"].map((name) => ({
  domain: `${name}.myshopify.com`,
  accessToken: `shpat_${name}`,
  plan: "basic" as const,
  currencyCode: "EUR",
  ianaTimezone: "Europe/Berlin",
  customers: [{ email: "buyer@example.com" }],
}));

beforeAll(async () => {
  emulator = await startEmulator({ shops });
});
afterAll(() => emulator.close());

/** A client of one emulator shop, with its own throttle (a fresh process), recording its attempts. */
function clientOf(name: string) {
  const events: AttemptEvent[] = [];
  const client = createAdminClient(
    { shop: `${name}.myshopify.com`, accessToken: `shpat_${name}` },
    { apiUrl: emulator.adminUrl(), throttle: new ShopThrottle(), onAttempt: (event) => events.push(event) },
  );
  return { client, events, customerId: emulator.store.shop(`${name}.myshopify.com`).customers[0]!.id };
}

/** Empties a shop's bucket the way another app process would: two queries of ~1,000 points, sent directly. */
async function drainBucket(name: string): Promise<void> {
  const query = "{ orders(first: 199) { nodes { id lineItems(first: 2) { nodes { id } } } } }";
  for (let i = 0; i < 2; i++) {
    await fetch(emulator.adminUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": `shpat_${name}` },
      body: JSON.stringify({ query }),
    });
  }
}

const setStage = (customerId: string, index: number) => ({
  metafields: [{ ownerId: customerId, namespace: "tranche", key: `stage_${index}`, type: "single_line_text_field", value: `stage ${index}` }],
});

describe("the Admin client against the emulator", () => {
  it("runs a typed query", async () => {
    const { client } = clientOf("query");
    const { shop } = await client.request(shopQuery);
    expect(shop).toMatchObject({ myshopifyDomain: "query.myshopify.com", currencyCode: "EUR", ianaTimezone: "Europe/Berlin", plan: { shopifyPlus: false } });
  });

  it("surfaces userErrors as a typed failure naming the operation", async () => {
    const { client } = clientOf("query");
    const failure = await client.request(metafieldsSetMutation, setStage("gid://shopify/Customer/999999", 1)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminUserErrors);
    expect(failure).toMatchObject({ operationName: "MetafieldsSet", userErrors: [{ field: ["metafields", "0", "ownerId"], code: "INVALID" }] });
  });

  it("paces a burst against an empty bucket instead of being throttled", async () => {
    const { client, events, customerId } = clientOf("paced");
    await drainBucket("paced");
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => client.request(metafieldsSetMutation, setStage(customerId, index))));
    expect(results.every((result) => result.metafieldsSet?.metafields?.length === 1)).toBe(true);
    // Only the first call, sent before the client knew the bucket, can have met an empty one.
    expect(events.filter((event) => event.failure?.kind === "throttled").length).toBeLessThanOrEqual(1);
  });

  it("retries THROTTLED when another process emptied the bucket behind its back", async () => {
    const { client, events, customerId } = clientOf("retried");
    await client.request(shopQuery);
    await drainBucket("retried");
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => client.request(metafieldsSetMutation, setStage(customerId, index))));
    expect(results).toHaveLength(20);
    expect(events.filter((event) => event.failure?.kind === "throttled").length).toBeGreaterThan(0);
    expect(emulator.store.shop("retried.myshopify.com").metafields).toHaveLength(20);
  });
});

describe("the Admin client against a failing server", () => {
  let server: Server;
  let url: string;
  let requests = 0;
  /** Answers that the test server gives, one per request; the last one repeats. */
  let answers: { status: number; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        const answer = answers[Math.min(requests, answers.length - 1)]!;
        requests += 1;
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/2026-10/graphql.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    requests = 0;
  });

  const cost = { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } };
  const unavailable = { status: 503, body: { errors: "Service Unavailable" } };
  const client = () =>
    createAdminClient(
      { shop: "failing.myshopify.com", accessToken: "shpat_x" },
      { apiUrl: url, throttle: new ShopThrottle(), retryPolicy: { baseDelayMs: 1 } },
    );

  it("retries a query after a 5xx and returns the answer that follows", async () => {
    answers = [unavailable, unavailable, { status: 200, body: { data: { shop: { name: "failing" } }, extensions: { cost } } }];
    await expect(client().request(shopQuery)).resolves.toEqual({ shop: { name: "failing" } });
    expect(requests).toBe(3);
  });

  it("gives up after maxAttempts with the HTTP status", async () => {
    answers = [unavailable];
    const failure = await client()
      .request(shopQuery)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminHttpError);
    expect(failure).toMatchObject({ status: 503, attempts: 4 });
    expect(requests).toBe(4);
  });

  it("does not retry a mutation without an idempotency key after a 5xx (it may have run)", async () => {
    answers = [
      unavailable,
      { status: 200, body: { data: { draftOrderCreate: { draftOrder: { id: "gid://shopify/DraftOrder/1" }, userErrors: [] } }, extensions: { cost } } },
    ];
    const failure = await client()
      .request(draftOrderCreateMutation, { input: {} })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminHttpError);
    expect(failure).toMatchObject({ operationName: "DraftOrderCreate", status: 503 });
    expect(requests).toBe(1);
  });

  it("retries a mutation carrying an idempotency key after a 5xx", async () => {
    answers = [
      unavailable,
      { status: 200, body: { data: { orderCreateMandatePayment: { job: null, paymentReferenceId: "ref", userErrors: [] } }, extensions: { cost } } },
    ];
    const variables = { id: "gid://shopify/Order/1", mandateId: "gid://shopify/PaymentMandate/1", idempotencyKey: "contract-1-stage-2-attempt-1" };
    await expect(client().request(orderCreateMandatePaymentMutation, variables)).resolves.toMatchObject({
      orderCreateMandatePayment: { paymentReferenceId: "ref" },
    });
    expect(requests).toBe(2);
  });

  it("retries a mutation declared idempotent after a 5xx", async () => {
    answers = [unavailable, { status: 200, body: { data: { metafieldsSet: { metafields: [], userErrors: [] } }, extensions: { cost } } }];
    await client().request(metafieldsSetMutation, { metafields: [] });
    expect(requests).toBe(2);
  });

  it("retries a 429 even for a mutation without a key (Shopify did not run it)", async () => {
    answers = [
      { status: 429, body: { errors: "Throttled" } },
      { status: 200, body: { data: { draftOrderCreate: { draftOrder: null, userErrors: [] } }, extensions: { cost } } },
    ];
    await client().request(draftOrderCreateMutation, { input: {} });
    expect(requests).toBe(2);
  });

  it("raises top-level GraphQL errors as AdminGraphQLErrors, unretried", async () => {
    answers = [
      {
        status: 200,
        body: { errors: [{ message: "Access denied for shop field.", extensions: { code: "ACCESS_DENIED" } }], data: null, extensions: { cost } },
      },
    ];
    const failure = await client()
      .request(shopQuery)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminGraphQLErrors);
    expect(failure).toMatchObject({ errors: [{ extensions: { code: "ACCESS_DENIED" } }] });
    expect(requests).toBe(1);
  });

  it("treats a failed connection like a 5xx: no retry for a mutation that may have run", async () => {
    const closed = createAdminClient(
      { shop: "gone.myshopify.com", accessToken: "shpat_x" },
      { apiUrl: "http://127.0.0.1:1/admin/api/2026-10/graphql.json", throttle: new ShopThrottle() },
    );
    await expect(closed.request(draftOrderCreateMutation, { input: {} })).rejects.toMatchObject({ kind: "http", status: null, attempts: 1 });
  });

  it("raises a 4xx at once as AdminHttpError", async () => {
    answers = [{ status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } }];
    await expect(client().request(shopQuery)).rejects.toMatchObject({ kind: "http", status: 401 });
    expect(requests).toBe(1);
  });
});

describe("adminApiUrl", () => {
  it("is the shop's real endpoint unless configured otherwise", () => {
    const saved = process.env.SHOPIFY_ADMIN_API_URL;
    try {
      delete process.env.SHOPIFY_ADMIN_API_URL;
      expect(adminApiUrl("shop.myshopify.com")).toBe("https://shop.myshopify.com/admin/api/2026-10/graphql.json");
      process.env.SHOPIFY_ADMIN_API_URL = "http://127.0.0.1:9999/admin/api/2026-10/graphql.json";
      expect(adminApiUrl("shop.myshopify.com")).toBe("http://127.0.0.1:9999/admin/api/2026-10/graphql.json");
      expect(adminApiUrl("shop.myshopify.com", "http://explicit/graphql.json")).toBe("http://explicit/graphql.json");
    } finally {
      if (saved === undefined) delete process.env.SHOPIFY_ADMIN_API_URL;
      else process.env.SHOPIFY_ADMIN_API_URL = saved;
    }
  });
});

describe("adminSessionFrom", () => {
  it("takes shop and token from a Shopify session, and refuses one without a token", () => {
    expect(
      adminSessionFrom({ shop: "s.myshopify.com", accessToken: "shpat_1", id: "offline_s.myshopify.com" } as { shop: string; accessToken?: string }),
    ).toEqual({ shop: "s.myshopify.com", accessToken: "shpat_1" });
    expect(() => adminSessionFrom({ shop: "s.myshopify.com" })).toThrow("has no access token");
  });
});
