import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { verifyAndEnqueue } from "../../../app/webhooks/webhook-intake.server";
import { createTestDatabase } from "../test-database";
import { signedWebhookRequest, TEST_API_SECRET } from "./signed-webhook-request";
import { loadWebhookRouteActions, postWebhook } from "./webhook-routes";

const database = await createTestDatabase();
const { prisma: db } = database;
const jobs = await database.openJobQueue({ supervise: false });
let actions: Awaited<ReturnType<typeof loadWebhookRouteActions>>;
const post = (topic: string, request: Request) => postWebhook(actions, topic, request);
const jobsOf = async (shop: string) => (await database.storedJobs()).filter((job) => job.shop === shop);

beforeAll(async () => {
  actions = await loadWebhookRouteActions(db, jobs);
});
afterAll(() => database.cleanup());

const TOPICS = [
  "app/uninstalled",
  "orders/create",
  "orders/paid",
  "orders/updated",
  "orders/cancelled",
  "orders/fulfilled",
  "order_transactions/create",
  "draft_orders/update",
  "fulfillments/create",
  "payment_schedules/due",
  "refunds/create",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
];

let shopCounter = 0;
const freshShop = () => `intake-${(shopCounter += 1)}.myshopify.com`;
const order = { id: 450789469, admin_graphql_api_id: "gid://shopify/Order/450789469", total_price: "1200.00" };

describe("webhook routes", () => {
  it("has a route for every topic", () => {
    expect([...actions.keys()].sort()).toEqual([...TOPICS].sort());
  });

  it.each(TOPICS)("%s: a signed webhook is answered 200 with one event and one job", async (topic) => {
    const shop = freshShop();
    const response = await post(topic, signedWebhookRequest({ topic, shop, body: order, eventId: `event-${topic}` }));
    expect(response.status).toBe(200);

    const events = await db.webhookEvent.findMany({ where: { shop } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: `event-${topic}`, topic, payload: JSON.stringify(order), processedAt: null });
    expect(events[0]?.triggeredAt).toEqual(new Date("2027-03-01T10:00:00.000Z"));
    const stored = await jobsOf(shop);
    expect(stored).toHaveLength(1);
    // The job names the event; the body stays in WebhookEvent, once.
    expect(stored[0]).toMatchObject({ queue: "webhook", kind: `webhook:${topic}`, state: "created", payload: { eventId: `event-${topic}` } });
  });
});

describe("verifyAndEnqueue", () => {
  it("answers 401 and stores nothing for a forged signature, a missing one, or a body changed after signing", async () => {
    const shop = freshShop();
    const forged = signedWebhookRequest({ topic: "orders/paid", shop, body: order, secret: "not-the-app-secret" });
    const unsigned = signedWebhookRequest({ topic: "orders/paid", shop, body: order, headers: { "X-Shopify-Hmac-Sha256": null } });
    const genuine = signedWebhookRequest({ topic: "orders/paid", shop, body: order });
    const tampered = new Request(genuine.url, { method: "POST", headers: genuine.headers, body: JSON.stringify({ ...order, total_price: "1.00" }) });
    const garbage = signedWebhookRequest({ topic: "orders/paid", shop, body: order, headers: { "X-Shopify-Hmac-Sha256": "bm90IGEgc2lnbmF0dXJl" } });

    for (const request of [forged, unsigned, tampered, garbage]) expect((await post("orders/paid", request)).status).toBe(401);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    expect(await jobsOf(shop)).toHaveLength(0);
  });

  it("answers 400 and stores nothing when a signed webhook lacks its topic, shop or event id", async () => {
    const shop = freshShop();
    for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Event-Id"]) {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, headers: { [header]: null } }));
      expect(response.status, header).toBe(400);
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    expect(await jobsOf(shop)).toHaveLength(0);
  });

  it("answers 400 and stores nothing when X-Shopify-Shop-Domain is not a shop's <name>.myshopify.com", async () => {
    const domains = [
      "evil.example",
      "Intake-Upper.myshopify.com",
      "a.myshopify.com.evil.example",
      "a.myshopify.com/x",
      "-a.myshopify.com",
      "myshopify.com",
      "a_b.myshopify.com",
    ];
    for (const domain of domains) {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop: domain, body: order, eventId: `event-${domain}` }));
      expect(response.status, domain).toBe(400);
      expect(await db.webhookEvent.count({ where: { shop: domain } })).toBe(0);
    }
    expect((await database.storedJobs()).filter((job) => domains.includes(job.shop))).toHaveLength(0);
  });

  it("refuses (401, nothing stored or enqueued) a captured signed shop/redact body of shop A posted as shop B", async () => {
    const shopA = freshShop();
    const shopB = freshShop();
    // The body exactly as Shopify sends it for shop A, with its genuine signature; only the unsigned header is changed.
    const captured = `{"shop_id":954889,"shop_domain":"${shopA}"}`;
    const replayed = signedWebhookRequest({ topic: "shop/redact", shop: shopB, body: captured, eventId: "event-replayed" });
    const answer = await post("shop/redact", replayed);
    expect(answer.status).toBe(401);
    expect(await answer.text()).toBe("the signed body names another shop than X-Shopify-Shop-Domain");
    for (const shop of [shopA, shopB]) {
      expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
      expect(await jobsOf(shop)).toHaveLength(0);
    }
    // Posted under its own shop it is taken.
    expect((await post("shop/redact", signedWebhookRequest({ topic: "shop/redact", shop: shopA, body: captured }))).status).toBe(200);
    expect(await jobsOf(shopA)).toHaveLength(1);
  });

  it("compares the shop every body that names one gives: the other compliance topics and app/uninstalled", async () => {
    const shop = freshShop();
    const other = freshShop();
    const customer = { id: 1, email: "buyer@example.com", phone: null };
    const bodies: [string, object][] = [
      ["customers/redact", { shop_id: 954889, shop_domain: other, customer, orders_to_redact: [] }],
      ["customers/data_request", { shop_id: 954889, shop_domain: other, orders_requested: [], customer, data_request: { id: 9999 } }],
      ["app/uninstalled", { id: 548380009, name: "Super Toys", domain: null, myshopify_domain: other }],
      ["app/uninstalled", { id: 548380009, name: "Super Toys", domain: other, myshopify_domain: null }],
    ];
    for (const [topic, body] of bodies) expect((await post(topic, signedWebhookRequest({ topic, shop, body }))).status, topic).toBe(401);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    // The shop's primary domain is often the merchant's own: only a myshopify.com one is compared.
    const ownDomain = { id: 548380009, name: "Super Toys", domain: "supertoys.com", myshopify_domain: shop };
    expect((await post("app/uninstalled", signedWebhookRequest({ topic: "app/uninstalled", shop, body: ownDomain }))).status).toBe(200);
    // Shopify's own app/uninstalled example names no shop at all (both fields null).
    const example = { id: 548380009, name: "Super Toys", domain: null, myshopify_domain: null };
    expect((await post("app/uninstalled", signedWebhookRequest({ topic: "app/uninstalled", shop, body: example }))).status).toBe(200);
    expect(await jobsOf(shop)).toHaveLength(2);
  });

  it("answers a duplicate delivery of one event 200 and keeps one event and one job", async () => {
    const shop = freshShop();
    for (let delivery = 0; delivery < 3; delivery += 1) {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-dup" }));
      expect(response.status).toBe(200);
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it("keeps one event and one job when deliveries of one event arrive at the same time", async () => {
    const shop = freshShop();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-burst" }))),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it("makes two jobs for two events, and keeps one shop's event id apart from another shop's", async () => {
    const shop = freshShop();
    const otherShop = freshShop();
    await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-a" }));
    await post("orders/updated", signedWebhookRequest({ topic: "orders/updated", shop, body: order, eventId: "event-b" }));
    await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop: otherShop, body: order, eventId: "event-a" }));
    expect((await jobsOf(shop)).map((job) => job.kind)).toEqual(["webhook:orders/paid", "webhook:orders/updated"]);
    expect(await jobsOf(otherShop)).toHaveLength(1);
  });

  it("stores neither the event nor its job when the transaction holding both fails", async () => {
    const shop = freshShop();
    const failing = Object.assign(Object.create(jobs) as JobQueue, { insert: async () => Promise.reject(new Error("the queue's insert failed")) });
    const request = signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-half" });
    await expect(verifyAndEnqueue(request, { jobs: failing, apiSecret: TEST_API_SECRET })).rejects.toThrow("the queue's insert failed");
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    // Shopify retries an unanswered webhook: the retry stores both.
    expect((await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-half" }))).status).toBe(200);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it("refuses a signed body posted to another topic's route, and a body over the size limit before reading it whole", async () => {
    const shop = freshShop();
    const misrouted = signedWebhookRequest({ topic: "shop/redact", shop, body: { shop_domain: shop }, eventId: "event-misrouted" });
    const answer = await post("orders/paid", misrouted);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toBe("this route receives orders/paid, not shop/redact");

    const large = signedWebhookRequest({ topic: "orders/paid", shop, body: { ...order, note: "x".repeat(3 * 1024 * 1024) }, eventId: "event-large" });
    expect((await post("orders/paid", large)).status).toBe(413);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const streamed = new Request("https://app.test/webhooks/orders/paid", {
      method: "POST",
      headers: large.headers,
      body: endless,
      duplex: "half",
    } as RequestInit);
    streamed.headers.delete("Content-Length");
    expect((await verifyAndEnqueue(streamed, { jobs, apiSecret: TEST_API_SECRET, maxBodyBytes: 1024 * 1024 })).status).toBe(413);
    expect(pulled).toBeLessThan(40);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("records the event at the intake's clock", async () => {
    const shop = freshShop();
    const receivedAt = new Date("2027-03-01T10:00:02.000Z");
    const request = signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-clocked" });
    expect((await verifyAndEnqueue(request, { jobs, apiSecret: TEST_API_SECRET, now: () => receivedAt })).status).toBe(200);
    expect((await db.webhookEvent.findFirstOrThrow({ where: { shop } })).receivedAt).toEqual(receivedAt);
  });

  it("refuses every webhook while the app secret is missing", async () => {
    const shop = freshShop();
    process.env.SHOPIFY_API_SECRET = "";
    try {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, secret: "" }));
      expect(response.status).toBe(500);
    } finally {
      process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
  });
});
