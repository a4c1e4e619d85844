import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startOfDayIn } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { CONTRACT_WEBHOOK_HANDLERS } from "../../../app/jobs/handlers/contract-webhooks.server";
import { ContractExistsError, getContract, type StoredContract } from "../../../app/models/contracts.server";
import { contractBalance } from "../../../app/models/ledger.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { attachPreviewView } from "../../../app/services/attach/attach-flow.server";
import { AttachPlanError, attachPlan } from "../../../app/services/attach/attach-plan.server";
import { cancelContract, markMilestone } from "../../../app/services/collection/contract-events.server";
import { CONTRACT_SYNC_JOB } from "../../../app/services/collection/contract-sync-requests.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient, type AdminClient } from "../../../app/shopify/admin-client.server";
import { AdminUserErrors } from "../../../app/shopify/admin-errors";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { createTestDatabase, type TestDatabase } from "../test-database";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { testBuyerMail } from "../../support/buyer-mail";

/**
 * The contract's life outside the happy path, driven step by step (sync called directly, no worker): what
 * attach refuses, staff and Shopify cancelling, a Shopify refusal parking one stage, and a webhook from one
 * shop naming another shop's contract. The full runs with webhooks, faults and killed workers are in
 * tests/integration/collection.
 */

const STAFF = "staff:lifecycle-test" as const;
const shops = readShopsFixture(DEMO_FIXTURE_FILE);
const basic = shops.find((shop) => shop.plan === "basic") as ShopFixture;
const plus = shops.find((shop) => shop.plan === "plus") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;
/** Operation names whose next call answers with userErrors, to see how a refusal is handled. */
const refuseNext = new Set<string>();
/** Operation names whose next call Shopify carries out, after which the caller dies before reading the answer. */
const dieAfterNext = new Set<string>();

function deps(): ServiceDeps {
  return { db: database.prisma, jobs, adminFor: async (shop) => refusing(clientFor(shop)), now: () => emulator.store.clock.now(), buyerMail: testBuyerMail() };
}

function clientFor(domain: string): AdminClient {
  const shop = shops.find((candidate) => candidate.domain === domain) as ShopFixture;
  return createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() });
}

function refusing(client: AdminClient): AdminClient {
  return {
    ...client,
    request: ((operation, ...variables) => {
      if (refuseNext.delete(operation.name)) {
        return Promise.reject(new AdminUserErrors(operation.name, [{ field: ["id"], message: "Refused by the test" }], null));
      }
      if (dieAfterNext.delete(operation.name)) {
        return client.request(operation, ...variables).then(() => Promise.reject(new Error(`the process died after ${operation.name}`)));
      }
      return client.request(operation, ...variables);
    }) as AdminClient["request"],
  };
}

function admin<Data>(domain: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const shop = shops.find((candidate) => candidate.domain === domain) as ShopFixture;
  return staffAdminRequest<Data>(emulator.adminUrl(), shop.accessToken as string, query, variables);
}

function minor(amount: string): bigint {
  return toMinorUnits(amount, currencyFor(plus.currencyCode as string), "amount");
}

async function createQuote(domain: string): Promise<string> {
  const state = emulator.store.shops.get(domain)!;
  const variants = state.products.flatMap((product) => product.variants).filter((variant) => variant.requiresShipping);
  const data = await admin<{ draftOrderCreate: { draftOrder: { id: string } } }>(
    domain,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
    { input: { customerId: state.customers[0]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variants[0]!.id, quantity: 2 }] } },
  );
  return data.draftOrderCreate.draftOrder.id;
}

async function presetPlan(domain: string, presetId: string, name = presetId): Promise<StoredPlan> {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === presetId)!;
  return createPlan(database.prisma, domain, { name, config: preset.config, actor: STAFF });
}

async function sync(domain: string, contractId: string): Promise<StoredContract> {
  await syncContract(deps(), domain, contractId, { holder: "lifecycle-test", actor: "system" });
  return (await getContract(database.prisma, domain, contractId))!;
}

/** Pays the newest emailed invoice link of a draft, as the buyer would, maybe saving the card with how it will answer. */
async function payDraftInvoice(draftId: string, savedCardOutcome?: "approve" | "decline"): Promise<void> {
  const email = emulator.store.outbox.filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === draftId).at(-1);
  if (!email?.url) throw new Error(`no invoice was emailed for ${draftId}`);
  const response = await payEmailedLink(emulator.url, email.url, { card: "approve", ...(savedCardOutcome ? { saveCard: true, savedCardOutcome } : {}) });
  expect(response.ok).toBe(true);
}

function draftExists(domain: string, draftId: string): boolean {
  return emulator.store.shops.get(domain)!.draftOrders.some((draft) => draft.id === draftId);
}

function holdsOf(domain: string, orderId: string): string[] {
  const order = emulator.store.shops.get(domain)!.orders.find((candidate) => candidate.id === orderId)!;
  return order.fulfillmentOrders.flatMap((fulfillmentOrder) => fulfillmentOrder.holds.map((hold) => hold.reason));
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops });
  // These tests follow the links in Shopify's own invoice emails (the app's are tested in buyer-email tests).
  for (const fixture of shops) await database.prisma.shopSettings.create({ data: { shop: fixture.domain, linkEmailsBy: "shopify" } });
});

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

describe("attaching a plan", () => {
  it("refuses native collection on a shop without Plus, and stores nothing", async () => {
    const plan = await presetPlan(basic.domain, "monthly-4", "monthly native refused");
    const draftId = await createQuote(basic.domain);
    await expect(attachPlan(deps(), basic.domain, { draftOrderId: draftId, planId: plan.id, mode: "native", actor: STAFF })).rejects.toThrow(AttachPlanError);
    expect(await database.prisma.contract.count({ where: { sourceDraftOrderId: draftId } })).toBe(0);
  });

  it("refuses a plan whose only stage is due at checkout (that is a plain order), and stores nothing", async () => {
    const plan = await createPlan(database.prisma, basic.domain, {
      name: "all at checkout",
      config: { name: "all at checkout", stages: [{ kind: "balance", share: "remainder", due: "checkout" }] },
      actor: STAFF,
    });
    const draftId = await createQuote(basic.domain);
    await expect(attachPlan(deps(), basic.domain, { draftOrderId: draftId, planId: plan.id, actor: STAFF })).rejects.toThrow(
      /only stage is due at checkout: that is a plain order/,
    );
    expect(await database.prisma.contract.count({ where: { sourceDraftOrderId: draftId } })).toBe(0);
  });

  describe("a plan with nothing due at checkout", () => {
    for (const [mode, shop] of [
      ["stageOrder", basic],
      ["native", plus],
    ] as const) {
      it(`${mode}: completes the draft into the main order once, on payment terms due on stage 1's date, also when the attach is retried after dying`, async () => {
        const plan = await createPlan(database.prisma, shop.domain, {
          name: `nothing at checkout ${mode}`,
          config: {
            name: "nothing at checkout",
            stages: [
              { kind: "balance", share: { percent: "40" }, due: { after: "30d" } },
              { kind: "balance", share: "remainder", due: { after: "60d" } },
            ],
          },
          actor: STAFF,
        });
        const draftId = await createQuote(shop.domain);
        // What staff confirm: stage 1 on its date, not "at checkout", and what attaching will do instead.
        const preview = await attachPreviewView(deps(), shop.domain, { draftOrderId: draftId, planId: plan.id });
        const firstDue = preview.stages[0]!.dueDate!;
        expect(preview.stages.map((stage) => stage.when)).toEqual([`on ${firstDue}`, `on ${preview.stages[1]!.dueDate}`]);
        expect(preview.nothingAtCheckout).toBe(
          `Nothing is due at checkout: attaching completes the draft order into an order now, on payment terms due on ${firstDue}, and each stage is invoiced on its date.`,
        );
        dieAfterNext.add("DraftOrderComplete");
        await expect(attachPlan(deps(), shop.domain, { draftOrderId: draftId, planId: plan.id, mode, actor: STAFF })).rejects.toThrow(/process died/);
        const stopped = await database.prisma.contract.findFirstOrThrow({ where: { sourceDraftOrderId: draftId } });
        expect(stopped).toMatchObject({ status: "pending", firstStageAtCheckout: false, mainOrderId: null });

        const contract = await attachPlan(deps(), shop.domain, { draftOrderId: draftId, planId: plan.id, mode, actor: STAFF });
        const state = emulator.store.shops.get(shop.domain)!;
        const orders = state.orders.filter((order) => order.draftOrderId === draftId);
        expect(orders).toHaveLength(1);
        expect(contract).toMatchObject({ id: stopped.id, status: "active", firstStageAtCheckout: false, mainOrderId: orders[0]!.id });
        const draft = state.draftOrders.find((candidate) => candidate.id === draftId)!;
        expect(draft.deposit).toBeUndefined();
        // Nothing was paid: the order is pending for its whole total, due on stage 1's date (the start of that day in the shop's zone).
        const first = contract.stages[0]!;
        expect(first.status).toBe("scheduled");
        expect(orders[0]!.paymentTerms?.type).toBe("FIXED");
        const dueAt = orders[0]!.paymentTerms!.schedules.map((schedule) => Date.parse(schedule.dueAt!));
        expect(dueAt).toEqual([startOfDayIn(first.dueDate!, contract.timeZone).getTime()]);
        expect(orders[0]!.transactions.filter((transaction) => transaction.status === "SUCCESS")).toEqual([]);
        // No stage link before stage 1 is issued.
        expect((await sync(shop.domain, contract.id)).stages.map((stage) => stage.stageDraftOrderId)).toEqual([null, null]);

        // A third attach is refused: the contract is running.
        await expect(attachPlan(deps(), shop.domain, { draftOrderId: draftId, planId: plan.id, mode, actor: STAFF })).rejects.toThrow(ContractExistsError);
      });
    }
  });

  it("a single stage due after fulfillment: the order is placed due on fulfillment, and the stage dated when it ships", async () => {
    const plan = await createPlan(database.prisma, basic.domain, {
      name: "net 30 after fulfillment",
      config: { name: "net 30 after fulfillment", stages: [{ kind: "balance", share: "remainder", due: { event: "orderFulfilled" }, netDays: 30 }] },
      actor: STAFF,
    });
    const contract = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(basic.domain), planId: plan.id, actor: STAFF });
    expect(contract).toMatchObject({ status: "active", firstStageAtCheckout: false });
    const order = emulator.store.shops.get(basic.domain)!.orders.find((candidate) => candidate.id === contract.mainOrderId)!;
    expect(order.paymentTerms?.type).toBe("FULFILLMENT");
    expect(order.paymentTerms?.schedules.map((schedule) => schedule.dueAt ?? null)).toEqual([null]);
    expect((await sync(basic.domain, contract.id)).stages[0]).toMatchObject({ dueDate: null, stageDraftOrderId: null, status: "scheduled" });
  });

  it("refuses a second plan on the same draft order", async () => {
    const plan = await presetPlan(basic.domain, "deposit-balance-before-shipping", "twice");
    const other = await presetPlan(basic.domain, "monthly-4", "twice other");
    const draftId = await createQuote(basic.domain);
    await attachPlan(deps(), basic.domain, { draftOrderId: draftId, planId: plan.id, actor: STAFF });
    await expect(attachPlan(deps(), basic.domain, { draftOrderId: draftId, planId: other.id, actor: STAFF })).rejects.toThrow(ContractExistsError);
  });

  it("native: puts the deposit and terms on the draft and freezes the schedule to what checkout charges", async () => {
    const plan = await presetPlan(plus.domain, "deposit-30-50-20-net30", "native attach");
    const draftId = await createQuote(plus.domain);
    const preview = await attachPreviewView(deps(), plus.domain, { draftOrderId: draftId, planId: plan.id });
    expect([preview.stages[0]!.when, preview.nothingAtCheckout]).toEqual(["at checkout", null]);
    const contract = await attachPlan(deps(), plus.domain, { draftOrderId: draftId, planId: plan.id, actor: STAFF });
    expect(contract.firstStageAtCheckout).toBe(true);
    const draft = emulator.store.shops.get(plus.domain)!.draftOrders.find((candidate) => candidate.id === draftId)!;
    const { draftOrder } = await admin<{
      draftOrder: { amountDueNowSet: { shopMoney: { amount: string } }; totalPriceSet: { shopMoney: { amount: string } } };
    }>(plus.domain, "query D($id: ID!) { draftOrder(id: $id) { amountDueNowSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } } }", {
      id: draftId,
    });
    expect(contract.mode).toBe("native");
    expect(contract.status).toBe("awaitingDeposit");
    expect(draft.deposit).toBeDefined();
    expect(draft.paymentTerms).toBeDefined();
    expect(draft.customAttributes).toContainEqual({ key: "_tranche_contract", value: contract.id });
    expect(contract.stages[0]!.amountMinor).toBe(minor(draftOrder.amountDueNowSet.shopMoney.amount));
    expect(contract.stages.reduce((sum, stage) => sum + stage.amountMinor, 0n)).toBe(minor(draftOrder.totalPriceSet.shopMoney.amount));
    expect(emulator.store.outbox.filter((email) => email.kind === "draft_order_invoice" && email.resourceId === draftId)).toHaveLength(1);
  });
});

describe("cancelling a contract", () => {
  it("by staff: the open stage draft is deleted, the hold released, no stage is collected afterwards", async () => {
    const plan = await presetPlan(basic.domain, "deposit-30-50-20-net30", "staff cancel");
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(basic.domain), planId: plan.id, actor: STAFF });
    await payDraftInvoice(attached.stages[0]!.stageDraftOrderId!);
    let contract = await sync(basic.domain, attached.id);
    expect(contract.mainOrderId).not.toBeNull();
    expect(holdsOf(basic.domain, contract.mainOrderId!)).toEqual(["AWAITING_PAYMENT"]);

    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    contract = await sync(basic.domain, attached.id);
    const stageDraft = contract.stages[1]!.stageDraftOrderId!;
    expect(contract.stages[1]!.status).toBe("invoiced");
    expect(draftExists(basic.domain, stageDraft)).toBe(true);

    await cancelContract(deps(), basic.domain, { contractId: attached.id, settlement: { settlement: "close" }, actor: STAFF });
    contract = await sync(basic.domain, attached.id);
    expect(contract.status).toBe("cancelled");
    expect(contract.stages.map((stage) => stage.status)).toEqual(["paid", "cancelled", "cancelled"]);
    expect(draftExists(basic.domain, stageDraft)).toBe(false);
    expect(holdsOf(basic.domain, contract.mainOrderId!)).toEqual([]);

    emulator.store.clock.advance(90 * 86_400_000);
    const drafts = emulator.store.shops.get(basic.domain)!.draftOrders.length;
    const emails = emulator.store.outbox.length;
    contract = await sync(basic.domain, attached.id);
    expect(emulator.store.shops.get(basic.domain)!.draftOrders.length).toBe(drafts);
    expect(emulator.store.outbox.length).toBe(emails);
    expect((await contractBalance(database.prisma, basic.domain, attached.id))!.receivedMinor).toBe(contract.stages[0]!.amountMinor);
  });

  it("by Shopify: a cancelled main order cancels the contract", async () => {
    const plan = await presetPlan(basic.domain, "deposit-balance-before-shipping", "order cancelled");
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(basic.domain), planId: plan.id, actor: STAFF });
    await payDraftInvoice(attached.stages[0]!.stageDraftOrderId!);
    const contract = await sync(basic.domain, attached.id);
    await admin(
      basic.domain,
      "mutation C($orderId: ID!) { orderCancel(orderId: $orderId, reason: CUSTOMER, refund: false, restock: true, notifyCustomer: false) { userErrors: orderCancelUserErrors { message } } }",
      { orderId: contract.mainOrderId },
    );
    const after = await sync(basic.domain, attached.id);
    expect(after.status).toBe("cancelled");
    expect(after.stages[1]!.status).toBe("cancelled");
  });
});

describe("a saved card that keeps declining", () => {
  it("is tried three times on the retry schedule, then the stage's link is emailed and its payment mirrored", async () => {
    const plan = await presetPlan(plus.domain, "monthly-4", "declining card");
    const attached = await attachPlan(deps(), plus.domain, { draftOrderId: await createQuote(plus.domain), planId: plan.id, actor: STAFF });
    await payDraftInvoice(attached.sourceDraftOrderId, "decline");
    let contract = await sync(plus.domain, attached.id);
    expect(contract.status).toBe("active");
    const mainOrder = () => emulator.store.shops.get(plus.domain)!.orders.find((order) => order.id === contract.mainOrderId)!;
    const failures = () => mainOrder().transactions.filter((transaction) => transaction.status === "FAILURE");

    const stage2 = contract.stages[1]!;
    emulator.store.clock.advanceTo(new Date(`${stage2.dueDate}T12:00:00Z`));
    const waits = [86_400_000, 3 * 86_400_000];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      contract = await sync(plus.domain, attached.id);
      expect(contract.stages[1]!.attempts).toBe(attempt);
      // The charge is a Shopify job that runs a moment later; its declined transaction is what the next sync sees.
      emulator.store.clock.advance(1_000);
      contract = await sync(plus.domain, attached.id);
      expect(failures()).toHaveLength(attempt);
      const wait = waits[attempt - 1];
      if (wait !== undefined) {
        expect(contract.stages[1]!.status).toBe("failed");
        // The emulator's clock runs on in real time too: the retry is `wait` after the decline was seen, give or take.
        const retryIn = contract.stages[1]!.nextAttemptAt!.getTime() - emulator.store.clock.now().getTime();
        expect(retryIn).toBeGreaterThan(wait - 60_000);
        expect(retryIn).toBeLessThanOrEqual(wait);
        emulator.store.clock.advance(wait);
      }
    }
    // Four days after its due date when the link goes out, the stage is overdue as well as invoiced.
    expect(contract.stages[1]!.status).toBe("overdue");
    const linkDraft = contract.stages[1]!.stageDraftOrderId!;
    expect(emulator.store.outbox.filter((email) => email.resourceId === linkDraft)).toHaveLength(1);
    expect(failures()).toHaveLength(3);

    // One invoice number per stage, given when it is first invoiced or charged, and shown on the stage's draft.
    const numbers = contract.stages.slice(0, 2).map((stage) => stage.invoiceNumber);
    expect(numbers).toEqual([expect.stringMatching(/^TR-\d{6}$/), expect.stringMatching(/^TR-\d{6}$/)]);
    expect(new Set(numbers).size).toBe(2);
    expect(emulator.store.shops.get(plus.domain)!.draftOrders.find((draft) => draft.id === linkDraft)!.note).toContain(numbers[1]);

    await payDraftInvoice(linkDraft);
    contract = await sync(plus.domain, attached.id);
    expect(contract.stages[1]!.status).toBe("paid");
    const mirrors = mainOrder().transactions.filter((transaction) => transaction.manual && transaction.status === "SUCCESS");
    expect(mirrors.map((transaction) => minor(transaction.amount))).toEqual([contract.stages[1]!.amountMinor]);
  });
});

describe("a Shopify refusal", () => {
  it("parks the stage with Shopify's reason and leaves the rest of the contract going", async () => {
    const plan = await presetPlan(basic.domain, "deposit-balance-before-shipping", "refusal parks");
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(basic.domain), planId: plan.id, actor: STAFF });
    await payDraftInvoice(attached.stages[0]!.stageDraftOrderId!);
    await sync(basic.domain, attached.id);
    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    refuseNext.add("DraftOrderInvoiceSend");
    const contract = await sync(basic.domain, attached.id);
    expect(contract.stages[1]!.parkedReason).toMatch(/Shopify refused DraftOrderInvoiceSend: .*Refused by the test/);
    expect(contract.stages[1]!.status).toBe("scheduled");
    expect(contract.status).toBe("active");
  });
});

describe("shops stay apart", () => {
  it("a webhook from one shop that names another shop's contract asks for nothing", async () => {
    const plan = await presetPlan(basic.domain, "monthly-4", "cross shop");
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(basic.domain), planId: plan.id, actor: STAFF });
    const syncsOf = async (shop: string) => (await database.storedJobs()).filter((job) => job.kind === CONTRACT_SYNC_JOB && job.shop === shop).length;
    const before = await syncsOf(basic.domain);
    const plusBefore = await syncsOf(plus.domain);
    const body = JSON.stringify({ admin_graphql_api_id: "gid://shopify/Order/999999", note_attributes: [{ name: "_tranche_contract", value: attached.id }] });
    const event = (shop: string, eventId: string) => ({ shop, eventId, webhookId: "w-1", topic: "orders/paid", payload: body });
    await database.prisma.webhookEvent.createMany({ data: [event(plus.domain, "forged-1"), event(basic.domain, "genuine-1")] });
    await CONTRACT_WEBHOOK_HANDLERS["orders/paid"]!({ eventId: "forged-1" }, { db: database.prisma, jobs, shop: plus.domain, jobId: "job-forged", attempt: 1 });
    expect(await syncsOf(plus.domain)).toBe(plusBefore);
    expect(await syncsOf(basic.domain)).toBe(before);

    await CONTRACT_WEBHOOK_HANDLERS["orders/paid"]!(
      { eventId: "genuine-1" },
      { db: database.prisma, jobs, shop: basic.domain, jobId: "job-genuine", attempt: 1 },
    );
    expect(await syncsOf(basic.domain)).toBeGreaterThan(0);
  });
});
