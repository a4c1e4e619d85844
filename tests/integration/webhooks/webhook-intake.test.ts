import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyAndEnqueue } from "../../../app/webhooks/webhook-intake.server";
import { createTestDatabase } from "../test-database";
import { signedWebhookRequest, TEST_API_SECRET } from "./signed-webhook-request";
import { loadWebhookRouteActions, postWebhook } from "./webhook-routes";

const database = await createTestDatabase();
const { prisma: db } = database;
let actions: Awaited<ReturnType<typeof loadWebhookRouteActions>>;
const post = (topic: string, request: Request) => postWebhook(actions, topic, request);

beforeAll(async () => {
  actions = await loadWebhookRouteActions(db);
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
const order = { id: 820982911946154508, admin_graphql_api_id: "gid://shopify/Order/820982911946154508", total_price: "1200.00" };

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
    const jobs = await db.job.findMany({ where: { shop } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: `webhook:${topic}`, status: "queued", dedupeKey: `webhook:${shop}:event-${topic}` });
    expect(JSON.parse(jobs[0]!.payload)).toEqual({
      eventId: `event-${topic}`,
      webhookId: events[0]?.webhookId,
      topic,
      triggeredAt: "2027-03-01T10:00:00.000Z",
      payload: order,
    });
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
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("answers 400 and stores nothing when a signed webhook lacks its topic, shop or event id", async () => {
    const shop = freshShop();
    for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Event-Id"]) {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, headers: { [header]: null } }));
      expect(response.status, header).toBe(400);
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("answers a duplicate delivery of one event 200 and keeps one event and one job", async () => {
    const shop = freshShop();
    for (let delivery = 0; delivery < 3; delivery += 1) {
      const response = await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-dup" }));
      expect(response.status).toBe(200);
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await db.job.count({ where: { shop } })).toBe(1);
  });

  it("keeps one event and one job when deliveries of one event arrive at the same time", async () => {
    const shop = freshShop();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-burst" }))),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await db.job.count({ where: { shop } })).toBe(1);
  });

  it("makes two jobs for two events, and keeps one shop's event id apart from another shop's", async () => {
    const shop = freshShop();
    const otherShop = freshShop();
    await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-a" }));
    await post("orders/updated", signedWebhookRequest({ topic: "orders/updated", shop, body: order, eventId: "event-b" }));
    await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop: otherShop, body: order, eventId: "event-a" }));
    expect((await db.job.findMany({ where: { shop }, orderBy: { createdAt: "asc" } })).map((job) => job.kind)).toEqual(["webhook:orders/paid", "webhook:orders/updated"]);
    expect(await db.job.count({ where: { shop: otherShop } })).toBe(1);
  });

  it("makes the job on a retry when a crash lost it after the event was stored", async () => {
    const shop = freshShop();
    await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-lost-job" }));
    await db.job.deleteMany({ where: { shop } });
    expect((await post("orders/paid", signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-lost-job" }))).status).toBe(200);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await db.job.count({ where: { shop } })).toBe(1);
  });

  it("records the event and makes its job due at the intake's clock", async () => {
    const shop = freshShop();
    const receivedAt = new Date("2027-03-01T10:00:02.000Z");
    const request = signedWebhookRequest({ topic: "orders/paid", shop, body: order, eventId: "event-clocked" });
    expect((await verifyAndEnqueue(request, { db, apiSecret: TEST_API_SECRET, now: () => receivedAt })).status).toBe(200);
    expect((await db.webhookEvent.findFirstOrThrow({ where: { shop } })).receivedAt).toEqual(receivedAt);
    expect((await db.job.findFirstOrThrow({ where: { shop } })).runAt).toEqual(receivedAt);
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
