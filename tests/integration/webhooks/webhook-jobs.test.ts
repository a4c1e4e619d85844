import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { APP_JOB_HANDLERS } from "../../../app/jobs/handlers/index.server";
import { JobHandlerRegistry } from "../../../app/lib/jobs/job-handlers.server";
import { webhookEventWriter } from "../../../app/webhooks/webhook-event-writer.server";
import { createTestDatabase } from "../test-database";
import { signedWebhookRequest } from "./signed-webhook-request";
import { loadWebhookRouteActions, postWebhook } from "./webhook-routes";

const database = await createTestDatabase();
const { prisma: db } = database;
const jobs = await database.openJobQueue({ supervise: false });
let actions: Awaited<ReturnType<typeof loadWebhookRouteActions>>;
const registry = new JobHandlerRegistry();
for (const [kind, handler] of Object.entries(APP_JOB_HANDLERS)) registry.register(kind, handler);

beforeAll(async () => {
  actions = await loadWebhookRouteActions(db, jobs);
});
afterAll(() => database.cleanup());

const jobsOf = async (shop: string) => (await database.storedJobs()).filter((job) => job.shop === shop);

/** Runs a worker until it has finished (or parked) every job of the shop; jobs wait for this, as they would for a worker. */
async function drain(shop: string): Promise<void> {
  const worker = await database.openJobQueue();
  await worker.work({ db, handlers: registry, now: () => new Date(), log: () => {}, pollIntervalSeconds: 0.5 });
  try {
    for (const giveUpAt = Date.now() + 20_000; Date.now() < giveUpAt; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if ((await jobsOf(shop)).every((job) => job.state === "completed" || job.state === "failed")) return;
    }
    throw new Error(`the jobs of ${shop} did not finish`);
  } finally {
    await worker.stop({ graceful: true, timeoutMs: 5_000 });
  }
}

/** Delivers a signed webhook through its route (enqueueing its job). */
async function deliver(topic: string, shop: string, body: object | string, event: { eventId?: string; triggeredAt?: string } = {}): Promise<void> {
  const response = await postWebhook(actions, topic, signedWebhookRequest({ topic, shop, body, ...event }));
  expect(response.status).toBe(200);
}

/** Delivers a signed webhook through its route, then runs every job that is due. */
async function deliverAndRun(topic: string, shop: string, body: object, eventId?: string): Promise<void> {
  await deliver(topic, shop, body, eventId ? { eventId } : {});
  await drain(shop);
}

/** Runs one stored webhook job's handler by itself, as a worker would, at the worker's clock `now`. */
async function runJobOf(shop: string, eventId: string, now = () => new Date()): Promise<void> {
  const job = (await jobsOf(shop)).find((candidate) => (candidate.payload as { eventId: string }).eventId === eventId);
  if (!job) throw new Error(`no job for event ${eventId}`);
  await APP_JOB_HANDLERS[job.kind]!(job.payload, { db, jobs, shop, jobId: job.id, attempt: 1, now });
}

let shopCounter = 0;
const freshShop = () => `jobs-${(shopCounter += 1)}.myshopify.com`;

/** A shop with a session, a plan, a contract for customer 4501 (stages, ledger), an audit row and its counter. */
async function seedShop(shop: string, customerId = "gid://shopify/Customer/4501", mainOrderId = "gid://shopify/Order/9001") {
  await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", accessToken: "shpat_x" } });
  const plan = await db.plan.create({ data: { shop, name: "30/70", syntax: "preset", source: "{}", model: "{}" } });
  const contract = await db.contract.create({
    data: {
      shop,
      planId: plan.id,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${shop}`,
      mainOrderId,
      customerId,
      customerName: "Ada Lovelace",
      customerEmail: "buyer@example.com",
      currency: "EUR",
      totalMinor: 100000n,
      mode: "stageOrder",
      status: "active",
      orderSnapshot: "{}",
      stages: {
        create: [
          {
            position: 1,
            kind: "deposit",
            title: "Deposit",
            amountMinor: 30000n,
            taxShares: "[]",
            dueRule: "{}",
            dueDate: "2027-03-01",
            status: "paid",
            paidMinor: 30000n,
          },
          { position: 2, kind: "balance", title: "Balance", amountMinor: 70000n, taxShares: "[]", dueRule: "{}", dueDate: "2027-04-01" },
        ],
      },
    },
  });
  await db.ledgerEntry.create({
    data: {
      shop,
      contractId: contract.id,
      kind: "payment",
      amountMinor: 30000n,
      currency: "EUR",
      shopifyRef: `gid://shopify/OrderTransaction/${shop}`,
      occurredAt: new Date(),
    },
  });
  await db.auditLog.create({ data: { shop, contractId: contract.id, actor: "system", action: "contract.created", details: "{}" } });
  await db.invoiceCounter.create({ data: { shop, next: 2 } });
  await db.shopSettings.create({ data: { shop, defaultPlanId: plan.id } });
  if (customerId) await db.customerPlan.create({ data: { shop, customerId, planId: plan.id } });
  const balance = await db.stage.findFirstOrThrow({ where: { contractId: contract.id, position: 2 } });
  await db.stageReminder.create({ data: { shop, stageId: balance.id, offset: "before:3" } });
  return contract;
}

/** Rows of every shop-scoped table for one shop. */
async function rowsOf(shop: string) {
  return {
    sessions: await db.session.count({ where: { shop } }),
    plans: await db.plan.count({ where: { shop } }),
    contracts: await db.contract.count({ where: { shop } }),
    stages: await db.stage.count({ where: { contract: { shop } } }),
    ledger: await db.ledgerEntry.count({ where: { shop } }),
    audit: await db.auditLog.count({ where: { shop } }),
    counters: await db.invoiceCounter.count({ where: { shop } }),
    settings: await db.shopSettings.count({ where: { shop } }),
    customerPlans: await db.customerPlan.count({ where: { shop } }),
    reminders: await db.stageReminder.count({ where: { shop } }),
    webhookEvents: await db.webhookEvent.count({ where: { shop } }),
    parkedJobs: await db.parkedJob.count({ where: { shop } }),
  };
}

describe("app/uninstalled", () => {
  it("deletes the shop's sessions in its job, keeps its contracts, and changes nothing when delivered again", async () => {
    const shop = freshShop();
    const otherShop = freshShop();
    await seedShop(shop);
    await db.session.create({ data: { id: `offline_${otherShop}`, shop: otherShop, state: "s", accessToken: "shpat_y" } });

    const response = await postWebhook(
      actions,
      "app/uninstalled",
      signedWebhookRequest({ topic: "app/uninstalled", shop, body: { id: 1, domain: shop }, eventId: "uninstall-1" }),
    );
    expect(response.status).toBe(200);
    // The route only enqueued: the sessions are still there until the job runs.
    expect(await db.session.count({ where: { shop } })).toBe(1);
    await drain(shop);

    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.session.count({ where: { shop: otherShop } })).toBe(1);
    expect(await db.contract.count({ where: { shop } })).toBe(1);
    expect(await jobsOf(shop)).toMatchObject([{ kind: "webhook:app/uninstalled", state: "completed" }]);
    expect((await db.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "uninstall-1" } })).processedAt).not.toBeNull();

    await deliverAndRun("app/uninstalled", shop, { id: 1, domain: shop }, "uninstall-1");
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it("stamps the event processed with the worker's clock", async () => {
    const shop = freshShop();
    const workerTime = new Date("2027-03-01T10:05:00.000Z");
    await deliver("app/uninstalled", shop, { id: 1, domain: shop }, { eventId: "uninstall-clock" });
    await runJobOf(shop, "uninstall-clock", () => workerTime);
    expect((await db.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "uninstall-clock" } })).processedAt).toEqual(workerTime);
  });

  // The uninstall at 10:00; its job runs late, after the merchant reinstalled.
  const uninstalledAt = "2027-03-01T10:00:00.000Z";
  const minutesAfterUninstall = (minutes: number) => new Date(Date.parse(uninstalledAt) + minutes * 60_000);

  it("deletes the sessions issued before the uninstall and keeps a reinstall's, told apart by their tokens' expiry", async () => {
    const shop = freshShop();
    // Expiring tokens last 1 h (offline) and 24 h (online): each expiry below dates the token's issue.
    const sessions = [
      { id: `offline_${shop}`, isOnline: false, expires: minutesAfterUninstall(-10 + 60) },
      { id: `${shop}_1`, isOnline: true, expires: minutesAfterUninstall(-60 + 24 * 60) },
      { id: `${shop}_2`, isOnline: true, expires: minutesAfterUninstall(5 + 24 * 60) },
    ];
    for (const session of sessions) await db.session.create({ data: { ...session, shop, state: "s", accessToken: "shpat_old" } });
    await deliver("app/uninstalled", shop, { id: 1, domain: shop }, { eventId: "uninstall-late", triggeredAt: uninstalledAt });
    // The reinstall writes its offline session over the old row (same id), with a token issued 5 minutes after the uninstall.
    await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: "shpat_new", expires: minutesAfterUninstall(5 + 60) } });

    await runJobOf(shop, "uninstall-late");
    expect((await db.session.findMany({ where: { shop }, orderBy: { id: "asc" } })).map((session) => [session.id, session.accessToken])).toEqual([
      [`${shop}_2`, "shpat_old"],
      [`offline_${shop}`, "shpat_new"],
    ]);
  });

  it("deletes nothing when the shop raised an event after the uninstall (it was reinstalled); compliance events prove nothing", async () => {
    const reinstalled = freshShop();
    const stillGone = freshShop();
    for (const shop of [reinstalled, stillGone]) {
      // A token that never expires says nothing about when it was issued.
      await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", accessToken: "shpat_x" } });
      await deliver("app/uninstalled", shop, { id: 1, domain: shop }, { eventId: `uninstall-${shop}`, triggeredAt: uninstalledAt });
      const dataRequest = { shop_domain: shop, customer: { id: 1 }, orders_requested: [], data_request: { id: 2 } };
      await deliver("customers/data_request", shop, dataRequest, { triggeredAt: minutesAfterUninstall(30).toISOString() });
    }
    await deliver("orders/create", reinstalled, { id: 9001 }, { triggeredAt: minutesAfterUninstall(60).toISOString() });

    for (const shop of [reinstalled, stillGone]) await runJobOf(shop, `uninstall-${shop}`);
    expect(await db.session.count({ where: { shop: reinstalled } })).toBe(1);
    expect(await db.session.count({ where: { shop: stillGone } })).toBe(0);
  });

  it("leaves the sessions to the later job when the shop was reinstalled and uninstalled again", async () => {
    const shop = freshShop();
    await deliver("app/uninstalled", shop, { id: 1, domain: shop }, { eventId: "uninstall-first", triggeredAt: uninstalledAt });
    await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", accessToken: "shpat_second_install" } });
    await deliver("app/uninstalled", shop, { id: 1, domain: shop }, { eventId: "uninstall-second", triggeredAt: minutesAfterUninstall(120).toISOString() });

    await runJobOf(shop, "uninstall-first");
    expect(await db.session.count({ where: { shop } })).toBe(1);
    await runJobOf(shop, "uninstall-second");
    expect(await db.session.count({ where: { shop } })).toBe(0);
  });
});

describe("shop/redact", () => {
  it("deletes every row of the shop and nothing of another shop", async () => {
    const shop = freshShop();
    const otherShop = freshShop();
    await seedShop(shop);
    await seedShop(otherShop);
    const before = await rowsOf(otherShop);

    await deliverAndRun("shop/redact", shop, { shop_id: 954889, shop_domain: shop });

    expect(await rowsOf(shop)).toEqual({
      sessions: 0,
      plans: 0,
      contracts: 0,
      stages: 0,
      ledger: 0,
      audit: 0,
      counters: 0,
      settings: 0,
      customerPlans: 0,
      reminders: 0,
      webhookEvents: 0,
      parkedJobs: 0,
    });
    expect(await jobsOf(shop)).toMatchObject([{ kind: "webhook:shop/redact", state: "completed" }]);
    expect(await rowsOf(otherShop)).toEqual(before);
  });

  it("parks a stored redaction whose body names another shop than its header (one the intake, which now refuses it, took earlier)", async () => {
    const shop = freshShop();
    await seedShop(shop);
    const payload = JSON.stringify({ shop_id: 1, shop_domain: "someone-else.myshopify.com" });
    await webhookEventWriter(jobs).record({
      shop,
      eventId: "event-misnamed",
      webhookId: "w",
      topic: "shop/redact",
      triggeredAt: null,
      payload,
      receivedAt: new Date(),
    });
    await drain(shop);
    expect(await db.contract.count({ where: { shop } })).toBe(1);
    expect((await db.parkedJob.findFirstOrThrow({ where: { shop } })).reason).toMatch(/shop/);
  });
});

describe("customers/redact", () => {
  it("anonymises the customer's contracts, keeps their money, blanks webhook bodies that carry the customer", async () => {
    const shop = freshShop();
    const contract = await seedShop(shop, "gid://shopify/Customer/4501");
    const otherCustomer = await db.contract.create({
      data: {
        shop,
        planId: contract.planId,
        sourceDraftOrderId: "gid://shopify/DraftOrder/other",
        customerId: "gid://shopify/Customer/45",
        currency: "EUR",
        totalMinor: 5000n,
        mode: "stageOrder",
        status: "active",
        orderSnapshot: "{}",
      },
    });
    const byOrder = await db.contract.create({
      data: {
        shop,
        planId: contract.planId,
        sourceDraftOrderId: "gid://shopify/DraftOrder/by-order",
        mainOrderId: "9002",
        customerId: null,
        currency: "EUR",
        totalMinor: 7000n,
        mode: "native",
        status: "active",
        orderSnapshot: "{}",
      },
    });
    const orderWebhook = {
      id: 9001,
      admin_graphql_api_id: "gid://shopify/Order/9001",
      email: "buyer@example.com",
      customer: { id: 4501, admin_graphql_api_id: "gid://shopify/Customer/4501", first_name: "Ada" },
    };
    const unrelatedWebhook = {
      id: 7777,
      admin_graphql_api_id: "gid://shopify/Order/7777",
      customer: { id: 45, admin_graphql_api_id: "gid://shopify/Customer/45" },
    };
    await deliverAndRun("orders/paid", shop, orderWebhook, "order-of-4501");
    await deliverAndRun("orders/paid", shop, unrelatedWebhook, "order-of-45");
    // No handler is registered for orders/paid in this test's registry: those jobs are parked (their payloads name only the events).
    expect(await db.parkedJob.count({ where: { shop } })).toBe(2);

    const body = { shop_id: 954889, shop_domain: shop, customer: { id: 4501, email: "buyer@example.com", phone: "555-625-1199" }, orders_to_redact: [9002] };
    await deliverAndRun("customers/redact", shop, body, "redact-4501");

    expect(await db.contract.findUniqueOrThrow({ where: { id: contract.id } })).toMatchObject({ customerId: null, customerName: null, customerEmail: null });
    expect(await db.customerPlan.count({ where: { shop, customerId: "gid://shopify/Customer/4501" } })).toBe(0);
    expect((await db.contract.findUniqueOrThrow({ where: { id: byOrder.id } })).customerId).toBeNull();
    expect((await db.contract.findUniqueOrThrow({ where: { id: otherCustomer.id } })).customerId).toBe("gid://shopify/Customer/45");
    expect(await db.stage.count({ where: { contractId: contract.id } })).toBe(2);
    expect(await db.ledgerEntry.count({ where: { contractId: contract.id } })).toBe(1);

    const events = await db.webhookEvent.findMany({ where: { shop, topic: "orders/paid" }, orderBy: { eventId: "asc" } });
    expect(events.map((event) => [event.eventId, event.payload])).toEqual([
      ["order-of-45", JSON.stringify(unrelatedWebhook)],
      ["order-of-4501", '{"redacted":true}'],
    ]);
    for (const parked of await db.parkedJob.findMany({ where: { shop } })) expect(parked.payload).not.toContain("buyer@example.com");

    const audit = await db.auditLog.findMany({ where: { shop, action: "customer.redacted" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({
      eventId: "redact-4501",
      contractsAnonymised: 2,
      customerPlansDeleted: 1,
      customerTermsDeleted: 0,
      auditEntriesRedacted: 0,
      webhookEventsRedacted: 2,
    });
    // The redaction's own event carried the email and phone too.
    expect((await db.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "redact-4501" } })).payload).toBe('{"redacted":true}');
    expect(audit[0]!.details).not.toContain("buyer@example.com");

    // The same job run again (a crash before it was marked done) writes no second audit row.
    await runJobOf(shop, "redact-4501");
    expect(await db.auditLog.count({ where: { shop, action: "customer.redacted" } })).toBe(1);
  });
});

describe("customers/redact by numeric id", () => {
  it("blanks bodies that name the customer or an order to redact only by number, and no body whose number merely contains it", async () => {
    const shop = freshShop();
    await seedShop(shop);
    const mentioning = {
      "transaction-of-9002": { id: 555, order_id: 9002, kind: "sale", amount: "10.00" },
      "refund-of-9002-as-string": { id: 556, order_id: "9002", note: "refund" },
      "draft-of-customer-12": { id: 31, customer: { id: 12, first_name: "Ada" } },
      "id-past-2-53": '{"id":560,"order_id":820982911946154508}',
    };
    const unrelated = {
      "longer-ids": { id: 557, order_id: 90021, customer: { id: 123 }, previous_order_id: 19002 },
      "same-digits-elsewhere": { id: 558, total_price: "9002.00", quantity: 12.5, note: "see order 9002 and customer 12", balance: -12 },
      "neighbour-past-2-53": '{"id":561,"order_id":820982911946154509}',
    };
    for (const [eventId, body] of Object.entries({ ...mentioning, ...unrelated })) await deliver("order_transactions/create", shop, body, { eventId });

    const redact = { shop_id: 954889, shop_domain: shop, customer: { id: 12, email: null }, orders_to_redact: [9002, "820982911946154508"] };
    await deliverAndRun("customers/redact", shop, redact, "redact-12");

    const payloads = Object.fromEntries(
      (await db.webhookEvent.findMany({ where: { shop, topic: "order_transactions/create" } })).map((event) => [event.eventId, event.payload]),
    );
    for (const eventId of Object.keys(mentioning)) expect(payloads[eventId], eventId).toBe('{"redacted":true}');
    for (const [eventId, body] of Object.entries(unrelated)) expect(payloads[eventId], eventId).toBe(typeof body === "string" ? body : JSON.stringify(body));
    // A job names its event and nothing else: nothing of the customer is in the queue.
    for (const job of await jobsOf(shop)) expect(Object.keys(job.payload as object)).toEqual(["eventId"]);
  });
});

describe("customers/data_request", () => {
  it("records once in the audit log what the app holds about the customer", async () => {
    const shop = freshShop();
    const contract = await seedShop(shop, "4501");
    await seedShop(freshShop(), "4501");
    const body = {
      shop_id: 954889,
      shop_domain: shop,
      orders_requested: [9001],
      customer: { id: 4501, email: "buyer@example.com" },
      data_request: { id: 9999 },
    };

    await deliverAndRun("customers/data_request", shop, body, "request-9999");
    expect(await jobsOf(shop)).toMatchObject([{ kind: "webhook:customers/data_request", state: "completed" }]);
    await runJobOf(shop, "request-9999");

    const audit = await db.auditLog.findMany({ where: { shop, action: "customer.dataRequested" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe("webhook:customers/data_request");
    const details = JSON.parse(audit[0]!.details);
    expect(details).toMatchObject({ eventId: "request-9999", dataRequestId: "9999", customerId: "4501", webhookEventsMentioningCustomer: 0 });
    expect(details.contracts).toEqual([
      {
        id: contract.id,
        status: "active",
        sourceDraftOrderId: contract.sourceDraftOrderId,
        mainOrderId: "gid://shopify/Order/9001",
        currency: "EUR",
        totalMinor: "100000",
        createdAt: contract.createdAt.toISOString(),
        stages: [
          { position: 1, title: "Deposit", amountMinor: "30000", dueDate: "2027-03-01", status: "paid" },
          { position: 2, title: "Balance", amountMinor: "70000", dueDate: "2027-04-01", status: "scheduled" },
        ],
        ledgerEntries: 1,
      },
    ]);
  });
});
