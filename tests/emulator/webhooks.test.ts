import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { EMULATED_TOPICS } from "../../emulator/webhooks/webhook-topics";
import { RETRY_DELAYS_MS, type WebhookDeliveryOptions } from "../../emulator/webhooks/webhook-dispatcher";
import type { WebhookSubject } from "../../emulator/webhooks/webhook-subject";
import { WebhookTestReceiver } from "./webhook-test-receiver";
import { insertQuoteAndOrder, WEBHOOK_SHOP, type WebhookTestRecords } from "./webhook-test-state";

const API_KEY = "tranche-test-key";
const API_SECRET = "tranche-test-secret";
const DOMAIN = WEBHOOK_SHOP.domain;

const receiver = new WebhookTestReceiver();
let emulator: RunningEmulator | undefined;

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  receiver.reset();
});

/** An emulator whose app subscribes the receiver's `/all` to every emulated topic. */
async function start(delivery: WebhookDeliveryOptions = {}, topics: readonly string[] = EMULATED_TOPICS) {
  emulator = await startEmulator({
    shops: [WEBHOOK_SHOP],
    app: { apiKey: API_KEY, apiSecret: API_SECRET, url: receiver.url, webhooks: topics.map((topic) => ({ topic, uri: "/all" })) },
    webhookDelivery: { retryScale: 0.00001, ...delivery },
  });
  return { emulator, records: insertQuoteAndOrder(emulator.store) };
}

function subjects(records: WebhookTestRecords): Record<string, WebhookSubject> {
  const { order, draft } = records;
  return {
    order: { type: "order", orderId: order.id },
    draftOrder: { type: "draftOrder", draftOrderId: draft.id },
    transaction: { type: "transaction", orderId: order.id, transactionId: order.transactions[0]!.id },
    refund: { type: "refund", orderId: order.id, refundId: order.refunds[0]!.id },
    paymentSchedule: { type: "paymentSchedule", orderId: order.id, paymentScheduleId: order.paymentTerms!.schedules[0]!.id },
    paymentTerms: { type: "paymentTerms", ownerId: order.id, paymentTermsId: order.paymentTerms!.id },
    fulfillment: { type: "fulfillment", orderId: order.id, fulfillmentId: order.fulfillments[0]!.id },
    shop: { type: "shop" },
  };
}

const SUBJECT_OF_TOPIC: Record<string, string> = {
  orders: "order",
  order_transactions: "transaction",
  draft_orders: "draftOrder",
  refunds: "refund",
  payment_schedules: "paymentSchedule",
  payment_terms: "paymentTerms",
  fulfillments: "fulfillment",
  app: "shop",
};

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator!.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": WEBHOOK_SHOP.accessToken! },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

describe("webhook payloads", () => {
  /**
   * The published schemas are inferred from samples: a field is non-null wherever no sample had a null, and an
   * array no sample filled must stay empty. These are the places where Shopify does send otherwise; each says
   * why. `path` walks properties, `[]` an array's items, and every branch of an `anyOf`.
   */
  const SHOPIFY_SENDS_OTHERWISE: Record<string, { path: string; change: "nullable" | "optional" | "decimal"; why: string }[]> = {
    "draft_orders/*": [
      { path: "order_id", change: "nullable", why: "null until the draft is completed (Shopify's own example)" },
      { path: "billing_address.phone", change: "nullable", why: "an address without a phone" },
      { path: "shipping_address.phone", change: "nullable", why: "an address without a phone" },
      { path: "customer.default_address.phone", change: "nullable", why: "an address without a phone" },
      { path: "payment_terms.due_in_days", change: "nullable", why: "FIXED terms have no number of days" },
      { path: "payment_terms.payment_schedules.[].issued_at", change: "nullable", why: "FIXED schedules have a due date only" },
      { path: "payment_terms.payment_schedules.[].completed_at", change: "nullable", why: "null until paid" },
    ],
    "order_transactions/create": [
      { path: "device_id", change: "nullable", why: "null outside POS (Shopify's own example)" },
      { path: "authorization", change: "nullable", why: "manual payments have no authorization (as refund transactions show)" },
      { path: "payment_details", change: "optional", why: "only card payments have card details" },
    ],
    "orders/*": [
      { path: "billing_address.phone", change: "nullable", why: "an address without a phone" },
      { path: "shipping_address.phone", change: "nullable", why: "an address without a phone" },
      { path: "customer.default_address.phone", change: "nullable", why: "an address without a phone" },
      {
        path: "fulfillments.[].line_items.[].tax_lines.[].rate",
        change: "decimal",
        why: "a rate is a fraction (0.04), as the schema's own line_items.[].tax_lines.[].rate says",
      },
    ],
    "refunds/create": [
      { path: "user_id", change: "nullable", why: "null when an app made the refund" },
      ...[
        "avs_result_code",
        "cvv_result_code",
        "credit_card_bin",
        "credit_card_name",
        "credit_card_wallet",
        "credit_card_expiration_month",
        "credit_card_expiration_year",
      ].map((field) => ({
        path: `transactions.[].payment_details.${field}`,
        change: "nullable" as const,
        why: "null in Shopify's own order_transactions example",
      })),
    ],
    "payment_schedules/due": [{ path: "completed_at", change: "nullable", why: "null until paid (as in the payment_terms schema)" }],
    "payment_terms/*": [{ path: "due_in_days", change: "nullable", why: "FIXED terms have no number of days" }],
  };

  const readSchema = (topic: string) => JSON.parse(readFileSync(new URL(`../fixtures/webhook-schemas/2026-07/${topic}.json`, import.meta.url), "utf8"));
  const applies = (pattern: string, topic: string) => pattern === topic || (pattern.endsWith("/*") && topic.startsWith(pattern.slice(0, -1)));

  function schemaFor(topic: string): object {
    const schema = readSchema(topic);
    for (const [pattern, changes] of Object.entries(SHOPIFY_SENDS_OTHERWISE)) {
      if (applies(pattern, topic)) for (const { path, change } of changes) widen(schema, path.split("."), change);
    }
    if (topic.startsWith("orders/")) {
      // No sample order had refunds or payment terms (refunds typed as an always-empty array, payment terms as
      // null|string): they are checked against the refund and payment terms schemas instead.
      schema.properties.refunds.items = schemaFor("refunds/create");
      schema.properties.payment_terms = { anyOf: [{ type: "null" }, schemaFor("payment_terms/create")] };
    }
    delete schema.$schema;
    return schema;
  }

  function widen(node: any, path: string[], change: "nullable" | "optional" | "decimal"): void {
    if (node.anyOf) {
      for (const branch of node.anyOf) if (branch.properties || branch.items) widen(branch, path, change);
      return;
    }
    const [key, ...rest] = path as [string, ...string[]];
    if (rest.length === 0 && change === "optional") {
      node.required = (node.required as string[]).filter((name) => name !== key);
      return;
    }
    const child = key === "[]" ? node.items : node.properties[key];
    if (rest.length > 0) return widen(child, rest, change);
    if (change === "decimal") child.type = "number";
    else if (child.anyOf) child.anyOf.push({ type: "null" });
    else child.type = [...new Set([...(Array.isArray(child.type) ? child.type : [child.type]), "null"])];
  }

  it("validates every topic's payload against Shopify's published JSON schema", async () => {
    const { records } = await start();
    const bySubject = subjects(records);
    const withSchema = [
      "orders/create",
      "orders/paid",
      "orders/updated",
      "orders/cancelled",
      "order_transactions/create",
      "draft_orders/create",
      "draft_orders/update",
      "refunds/create",
      "payment_schedules/due",
      "payment_terms/create",
      "payment_terms/update",
      "app/uninstalled",
    ];
    for (const topic of withSchema) emulator!.store.emitWebhook(DOMAIN, topic, bySubject[SUBJECT_OF_TOPIC[topic.split("/")[0]!]!]!);
    // Every transaction shape: card sale, manual payment, declined mandate payment, refund.
    for (const transaction of records.order.transactions.slice(1))
      emulator!.store.emitWebhook(DOMAIN, "order_transactions/create", { type: "transaction", orderId: records.order.id, transactionId: transaction.id });
    await emulator!.waitForWebhooksIdle();

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validators = new Map<string, ValidateFunction>();
    const failures: string[] = [];
    for (const request of receiver.at("/all")) {
      const topic = request.headers["x-shopify-topic"] as string;
      // The four orders topics share one schema: compile each distinct schema once (they are large).
      const schema = JSON.stringify(schemaFor(topic));
      if (!validators.has(schema)) validators.set(schema, ajv.compile(JSON.parse(schema)));
      const validate = validators.get(schema)!;
      if (!validate(request.body)) failures.push(`${topic}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
    expect(receiver.at("/all")).toHaveLength(withSchema.length + 3);
  }, 30_000);

  it("checks fulfillments/create against the fulfillments of the orders schema", async () => {
    const { records } = await start({}, ["fulfillments/create"]);
    emulator!.store.emitWebhook(DOMAIN, "fulfillments/create", subjects(records).fulfillment!);
    await emulator!.waitForWebhooksIdle();
    const ordersSchema = schemaFor("orders/create") as { properties: { fulfillments: { items: object } } };
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(ordersSchema.properties.fulfillments.items);
    const [request] = receiver.at("/all");
    expect(validate(request!.body), ajv.errorsText(validate.errors)).toBe(true);
    expect(request!.body).toMatchObject({ order_id: Number(records.order.id.split("/").pop()), name: "#1001.1", status: "success", tracking_number: "1Z999" });
  });

  it("writes the order as Shopify does: numeric ids, GIDs, decimal strings, note attributes, balances", async () => {
    const { records } = await start({}, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const payload = receiver.at("/all")[0]!.body;
    const { order, shop } = records;
    expect(payload).toMatchObject({
      id: Number(order.id.split("/").pop()),
      admin_graphql_api_id: order.id,
      name: "#1001",
      order_number: 1001,
      number: 1,
      total_price: "26468.00",
      subtotal_price: "25000.00",
      total_tax: "1018.00",
      currency: "USD",
      note_attributes: [
        { name: "tranche_contract", value: "C-1001" },
        { name: "tranche_stage", value: "1/3" },
      ],
      po_number: "PO-7781",
      tags: "tranche",
      source_name: "shopify_draft_order",
      // 7,940.40 + 1,000.00 received, 100.00 refunded (which also takes 100.00 off the current total).
      financial_status: "partially_refunded",
      total_outstanding: "17527.60",
      current_total_price: "26368.00",
      fulfillment_status: "fulfilled",
      company: { id: Number(shop.companies[0]!.id.split("/").pop()), location_id: Number(shop.companies[0]!.locations[0]!.id.split("/").pop()) },
      tax_lines: [{ title: "NY State Tax", rate: 0.04, price: "1018.00" }],
      payment_terms: { payment_terms_type: "fixed", payment_schedules: [{ due_at: "2099-12-01T12:00:00-05:00", balance_due: "17527.60" }] },
    });
    expect(payload.line_items[0]).toMatchObject({ price: "12500.00", quantity: 2, sku: "HP-20", vendor: "Hooks Industrial", fulfillable_quantity: 0 });
    expect(payload.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
  });

  it("sends the draft order with its status and the order it became, and only the id when deleted", async () => {
    const { records } = await start({}, ["draft_orders/update", "draft_orders/delete"]);
    emulator!.store.emitWebhook(DOMAIN, "draft_orders/update", subjects(records).draftOrder!);
    emulator!.store.emitWebhook(DOMAIN, "draft_orders/delete", subjects(records).draftOrder!);
    await emulator!.waitForWebhooksIdle();
    const [update, deleted] = receiver.at("/all");
    expect(update!.body).toMatchObject({
      id: Number(records.draft.id.split("/").pop()),
      status: "completed",
      order_id: Number(records.order.id.split("/").pop()),
      name: "#D1",
      note_attributes: [
        { name: "tranche_contract", value: "C-1001" },
        { name: "tranche_stage", value: "1/3" },
      ],
      "b2b?": true,
      // 2 × 12,500 + 450 freight, NY 4% on both: 1,018.
      subtotal_price: "25000.00",
      total_tax: "1018.00",
      total_price: "26468.00",
    });
    expect(deleted!.body).toEqual({ id: Number(records.draft.id.split("/").pop()) });
  });

  it("sends transactions with order id, kind, status, amount, gateway, error code and payment id", async () => {
    const { records } = await start({}, ["order_transactions/create"]);
    for (const transaction of records.order.transactions)
      emulator!.store.emitWebhook(DOMAIN, "order_transactions/create", { type: "transaction", orderId: records.order.id, transactionId: transaction.id });
    await emulator!.waitForWebhooksIdle();
    const [card, manual, declined, refund] = receiver.at("/all").map((request) => request.body);
    const orderId = Number(records.order.id.split("/").pop());
    expect(card).toMatchObject({
      order_id: orderId,
      kind: "sale",
      status: "success",
      amount: "7940.40",
      gateway: "shopify_payments",
      error_code: null,
      payment_id: "#1001.1",
    });
    expect(card.payment_details.credit_card_number).toMatch(/4242$/);
    expect(manual).toMatchObject({ kind: "sale", status: "success", amount: "1000.00", gateway: "Bank transfer", manual_payment_gateway: true });
    expect(declined).toMatchObject({ status: "failure", error_code: "card_declined", payment_id: "ref-42" });
    expect(refund).toMatchObject({ kind: "refund", parent_id: card.id });
  });
});

describe("webhook delivery", () => {
  it("signs deliveries so @shopify/shopify-api's webhook validation accepts them, and refuses a forged body", async () => {
    const shopify = shopifyApi({
      apiKey: API_KEY,
      apiSecretKey: API_SECRET,
      hostName: "localhost",
      apiVersion: ApiVersion.October26,
      isEmbeddedApp: true,
      logger: { level: LogSeverity.Error },
    });
    const validations: any[] = [];
    receiver.on("/all", async (request, response, rawBody) => {
      validations.push(await shopify.webhooks.validate({ rawBody, rawRequest: request, rawResponse: response }));
      validations.push(await shopify.webhooks.validate({ rawBody: rawBody.replace("#1001", "#1002"), rawRequest: request, rawResponse: response }));
      return 200;
    });
    const { records } = await start({}, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const [genuine, forged] = validations;
    expect(genuine).toMatchObject({ valid: true, topic: "ORDERS_PAID", domain: DOMAIN, apiVersion: "2026-10" });
    expect(forged).toMatchObject({ valid: false, reason: "invalid_hmac" });
  });

  it("sends Shopify's headers: topic, shop, API version, webhook id, event id, triggered-at from the emulator clock", async () => {
    const { records } = await start({}, ["orders/create"]);
    emulator!.store.clock.advance(86_400_000);
    const expectedTime = emulator!.store.clock.now().getTime();
    emulator!.store.emitWebhook(DOMAIN, "orders/create", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const { headers } = receiver.at("/all")[0]!;
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": DOMAIN,
      "x-shopify-api-version": "2026-10",
    });
    expect(headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["x-shopify-event-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // The emulator's clock is a day ahead of real time: the header tells its time, not the machine's.
    expect(Math.abs(Date.parse(headers["x-shopify-triggered-at"] as string) - expectedTime)).toBeLessThan(60_000);
  });

  it("builds the payload from the state at emit time, not at delivery", async () => {
    const { records } = await start({ faults: { delayMs: 20 } }, ["orders/updated"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/updated", subjects(records).order!);
    records.order.tags.push("changed-later");
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/all")[0]!.body.tags).toBe("tranche");
  });

  it("has Shopify's retry schedule: 8 retries, exponential, 4 hours in all", () => {
    expect(RETRY_DELAYS_MS).toHaveLength(8);
    for (let i = 1; i < 8; i++) expect(RETRY_DELAYS_MS[i]).toBeCloseTo(2 * RETRY_DELAYS_MS[i - 1]!, 6);
    expect(RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBeCloseTo(4 * 3_600_000, 3);
  });

  it("retries a failing endpoint with the same webhook and event id until it answers 2xx", async () => {
    let calls = 0;
    receiver.on("/all", () => (++calls <= 3 ? 500 : 200));
    const { records } = await start({}, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const requests = receiver.at("/all");
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((request) => request.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(requests.map((request) => request.headers["x-shopify-event-id"])).size).toBe(1);
    const [event] = emulator!.webhooks.events;
    expect(event!.deliveries[0]!.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 200]);
    expect(event!.deliveries[0]).toMatchObject({ delivered: true, gaveUp: false });
  });

  it("gives up after 8 retries", async () => {
    receiver.on("/all", () => 503);
    const { records } = await start({}, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/all")).toHaveLength(9);
    expect(emulator!.webhooks.events[0]!.deliveries[0]).toMatchObject({ delivered: false, gaveUp: true });
  });

  it("counts an answer slower than the timeout as a failure and retries", async () => {
    let calls = 0;
    receiver.on("/all", async () => {
      if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 400));
      return 200;
    });
    const { records } = await start({ timeoutMs: 100 }, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const attempts = emulator!.webhooks.events[0]!.deliveries[0]!.attempts;
    expect(attempts[0]).toMatchObject({ ok: false, status: null, error: "no answer within 100 ms" });
    expect(attempts[1]).toMatchObject({ ok: true, status: 200 });
  });

  it("sends a retry that falls due when the emulator clock moves past it", async () => {
    let calls = 0;
    receiver.on("/all", () => (++calls === 1 ? 500 : 200));
    const { records } = await start({ retryScale: 1 }, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await vi.waitFor(() => expect(emulator!.webhooks.events[0]!.deliveries[0]!.attempts).toHaveLength(1));
    emulator!.store.clock.advance(60_000);
    await emulator!.waitForWebhooksIdle();
    expect(emulator!.webhooks.events[0]!.deliveries[0]).toMatchObject({ delivered: true });
    expect(receiver.at("/all")).toHaveLength(2);
  });

  it("delivers each event exactly once and in order when no faults are set", async () => {
    const { records } = await start({}, ["orders/updated"]);
    for (let i = 0; i < 12; i++) {
      records.order.tags.splice(0, records.order.tags.length, `step-${i}`);
      emulator!.store.emitWebhook(DOMAIN, "orders/updated", subjects(records).order!);
    }
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/all").map((request) => request.body.tags)).toEqual(Array.from({ length: 12 }, (_, i) => `step-${i}`));
    expect(new Set(receiver.at("/all").map((request) => request.headers["x-shopify-event-id"])).size).toBe(12);
  });

  it("sends duplicates with the same event id when the duplicate fault is on", async () => {
    const { records } = await start({ faults: { duplicateProbability: 1 } }, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    const requests = receiver.at("/all");
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers["x-shopify-event-id"]).toBe(requests[1]!.headers["x-shopify-event-id"]);
    expect(requests[0]!.rawBody).toBe(requests[1]!.rawBody);
  });

  it("reorders deliveries within the window when the reorder fault is on, the same way for the same seed", async () => {
    const order = async (seed: number) => {
      const { records } = await start({ faults: { reorderWindowMs: 30, seed } }, ["orders/updated"]);
      for (let i = 0; i < 12; i++) {
        records.order.tags.splice(0, records.order.tags.length, `step-${i}`);
        emulator!.store.emitWebhook(DOMAIN, "orders/updated", subjects(records).order!);
      }
      await emulator!.waitForWebhooksIdle();
      const received = receiver.at("/all").map((request) => request.body.tags as string);
      await emulator!.close();
      emulator = undefined;
      receiver.reset();
      return received;
    };
    const first = await order(7);
    expect(first).toHaveLength(12);
    expect(first).not.toEqual(Array.from({ length: 12 }, (_, i) => `step-${i}`));
    expect([...first].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `step-${i}`).sort());
    expect(await order(7)).toEqual(first);
  });

  it("fails first attempts when the failure fault is on, and the retry delivers", async () => {
    const { records } = await start({ faults: { failureProbability: 1 } }, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/all")).toHaveLength(1);
    const attempts = emulator!.webhooks.events[0]!.deliveries[0]!.attempts;
    expect(attempts.map((attempt) => attempt.ok)).toEqual([false, true]);
    expect(attempts[0]!.error).toMatch(/fault injection/);
  });

  it("lets faults be set and read over HTTP, refusing bad values", async () => {
    await start();
    const set = await fetch(`${emulator!.url}/_emulator/webhooks/faults`, { method: "POST", body: JSON.stringify({ duplicateProbability: 0.5, seed: 3 }) });
    expect(await set.json()).toMatchObject({ duplicateProbability: 0.5, seed: 3, reorderWindowMs: 0 });
    const bad = await fetch(`${emulator!.url}/_emulator/webhooks/faults`, { method: "POST", body: JSON.stringify({ duplicateProbability: 2 }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("duplicateProbability must be a number from 0 to 1");
    expect(await (await fetch(`${emulator!.url}/_emulator/webhooks/faults`)).json()).toMatchObject({ duplicateProbability: 0.5 });
  });

  it("logs each event with its payload and attempts at GET /_emulator/webhooks, and triggers app/uninstalled", async () => {
    await start({}, ["app/uninstalled"]);
    const triggered = await fetch(`${emulator!.url}/_emulator/webhooks/trigger`, {
      method: "POST",
      body: JSON.stringify({ shop: DOMAIN, topic: "app/uninstalled" }),
    });
    expect(triggered.status).toBe(200);
    await emulator!.waitForWebhooksIdle();
    const log = (await (await fetch(`${emulator!.url}/_emulator/webhooks?topic=app/uninstalled`)).json()) as any[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      topic: "app/uninstalled",
      shop: DOMAIN,
      subject: { type: "shop" },
      delivered: true,
      payload: { myshopify_domain: DOMAIN, plan_display_name: "Shopify Plus" },
    });
    expect(log[0].deliveries[0].attempts[0]).toMatchObject({ status: 200, ok: true });
    expect(receiver.at("/all")[0]!.body.myshopify_domain).toBe(DOMAIN);
  });

  it("records an event whose subject does not exist, without delivering it", async () => {
    await start({}, ["orders/paid"]);
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", { type: "order", orderId: "gid://shopify/Order/999999" });
    await emulator!.waitForWebhooksIdle();
    expect(emulator!.webhooks.events[0]).toMatchObject({ payload: null, error: "the webhook's subject is gone: gid://shopify/Order/999999", deliveries: [] });
    expect(receiver.received).toHaveLength(0);
  });
});

describe("webhook subscriptions through the Admin API", () => {
  const CREATE = `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id topic uri format endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } } userErrors { field message } } }`;

  it("delivers events to a subscription made with webhookSubscriptionCreate", async () => {
    const { records } = await start({}, []);
    const created = await admin(CREATE, { topic: "ORDERS_PAID", sub: { uri: `${receiver.url}/api-made`, format: "JSON" } });
    expect(created.data.webhookSubscriptionCreate.userErrors).toEqual([]);
    expect(created.data.webhookSubscriptionCreate.webhookSubscription).toMatchObject({
      topic: "ORDERS_PAID",
      uri: `${receiver.url}/api-made`,
      format: "JSON",
      endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: `${receiver.url}/api-made` },
    });
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    emulator!.store.emitWebhook(DOMAIN, "orders/create", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/api-made").map((request) => request.headers["x-shopify-topic"])).toEqual(["orders/paid"]);
  });

  it("refuses a blank, invalid or already taken address with Shopify's messages", async () => {
    await start({}, []);
    const uri = `${receiver.url}/hooks`;
    expect((await admin(CREATE, { topic: "ORDERS_PAID", sub: { uri } })).data.webhookSubscriptionCreate.userErrors).toEqual([]);
    expect((await admin(CREATE, { topic: "ORDERS_PAID", sub: { uri } })).data.webhookSubscriptionCreate.userErrors).toEqual([
      { field: ["webhookSubscription", "uri"], message: "Address for this topic has already been taken" },
    ]);
    expect((await admin(CREATE, { topic: "ORDERS_PAID", sub: { uri: "not a url" } })).data.webhookSubscriptionCreate.userErrors).toEqual([
      { field: ["webhookSubscription", "uri"], message: "Address is invalid" },
    ]);
    expect((await admin(CREATE, { topic: "ORDERS_PAID", sub: {} })).data.webhookSubscriptionCreate.userErrors).toEqual([
      { field: ["webhookSubscription", "callbackUrl"], message: "Address can't be blank" },
    ]);
  });

  it("lists, updates and deletes subscriptions", async () => {
    const { records } = await start({}, []);
    const paid = (await admin(CREATE, { topic: "ORDERS_PAID", sub: { uri: `${receiver.url}/one` } })).data.webhookSubscriptionCreate.webhookSubscription.id;
    await admin(CREATE, { topic: "DRAFT_ORDERS_UPDATE", sub: { uri: `${receiver.url}/two` } });
    const listed = await admin(
      `{ webhookSubscriptions(first: 10, topics: [ORDERS_PAID]) { nodes { id topic uri legacyResourceId apiVersion { handle } } } webhookSubscriptionsCount { count } }`,
    );
    expect(listed.data.webhookSubscriptions.nodes).toEqual([
      { id: paid, topic: "ORDERS_PAID", uri: `${receiver.url}/one`, legacyResourceId: paid.split("/").pop(), apiVersion: { handle: "2026-10" } },
    ]);
    expect(listed.data.webhookSubscriptionsCount.count).toBe(2);

    const updated = await admin(
      `mutation($id: ID!, $sub: WebhookSubscriptionInput!) { webhookSubscriptionUpdate(id: $id, webhookSubscription: $sub) { webhookSubscription { uri } userErrors { field message } } }`,
      { id: paid, sub: { uri: `${receiver.url}/moved` } },
    );
    expect(updated.data.webhookSubscriptionUpdate).toEqual({ webhookSubscription: { uri: `${receiver.url}/moved` }, userErrors: [] });
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/moved")).toHaveLength(1);
    expect(receiver.at("/one")).toHaveLength(0);

    const DELETE = `mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }`;
    expect((await admin(DELETE, { id: paid })).data.webhookSubscriptionDelete).toEqual({ deletedWebhookSubscriptionId: paid, userErrors: [] });
    expect((await admin(DELETE, { id: paid })).data.webhookSubscriptionDelete).toEqual({
      deletedWebhookSubscriptionId: null,
      userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }],
    });
    emulator!.store.emitWebhook(DOMAIN, "orders/paid", subjects(records).order!);
    await emulator!.waitForWebhooksIdle();
    expect(receiver.at("/moved")).toHaveLength(1);
  });
});
