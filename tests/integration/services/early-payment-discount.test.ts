import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addDays, startOfDayIn } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type PlanConfigInput } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import type { ShopFixture } from "../../../emulator/state/seed";
import { recordingMailTransport, testBuyerMail } from "../../support/buyer-mail";
import { createTestDatabase, type TestDatabase } from "../test-database";

/**
 * A plan's early-payment discount through collection on the emulator (stage-order mode, a shop without Plus): the
 * stage's draft asks for the discounted amount while the offer is open; paid in time, the discount settles the rest
 * and the main order closes; after the last day the draft asks for the full amount again.
 */

const STAFF = "staff:early-payment-test" as const;
const shops = readShopsFixture(DEMO_FIXTURE_FILE);
const basic = shops.find((shop) => shop.plan === "basic") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: basic.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(recordingMailTransport()),
  };
}

function admin<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return staffAdminRequest<Data>(emulator.adminUrl(), basic.accessToken as string, query, variables);
}

/** Net 30 from the order date, 2% off within 10 days: nothing at checkout. */
const NET_30_TWO_TEN: PlanConfigInput = {
  stages: [{ kind: "balance", title: "Net terms", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 }],
  paymentRules: { earlyPayment: { percent: "2", withinDays: 10 } },
};

let plansMade = 0;

async function attachNet30(): Promise<StoredContract> {
  const state = emulator.store.shops.get(basic.domain)!;
  const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
  const quote = await admin<{ draftOrderCreate: { draftOrder: { id: string } } }>(
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
    { input: { customerId: state.customers[0]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 2 }] } },
  );
  plansMade += 1;
  const plan = await createPlan(database.prisma, basic.domain, { name: `2/10 net 30 (${plansMade})`, config: NET_30_TWO_TEN, actor: STAFF });
  return attachPlan(deps(), basic.domain, { draftOrderId: quote.draftOrderCreate.draftOrder.id, planId: plan.id, mode: "stageOrder", actor: STAFF });
}

async function sync(contractId: string): Promise<StoredContract> {
  await syncContract(deps(), basic.domain, contractId, { holder: "early-payment-test", actor: "system" });
  return (await getContract(database.prisma, basic.domain, contractId))!;
}

interface DraftSeen {
  readonly total: bigint;
  readonly discountTitle: string | null;
}

async function stageDraft(draftId: string): Promise<DraftSeen> {
  const { draftOrder } = await admin<{ draftOrder: { totalPriceSet: { shopMoney: { amount: string } }; appliedDiscount: { title: string | null } | null } }>(
    "query Draft($id: ID!) { draftOrder(id: $id) { totalPriceSet { shopMoney { amount } } appliedDiscount { title } } }",
    { id: draftId },
  );
  const currency = currencyFor(basic.currencyCode as string);
  return { total: toMinorUnits(draftOrder.totalPriceSet.shopMoney.amount, currency, "total"), discountTitle: draftOrder.appliedDiscount?.title ?? null };
}

async function payDraftInvoice(draftId: string): Promise<void> {
  const email = emulator.store.outbox.filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === draftId).at(-1);
  if (!email?.url) throw new Error(`no invoice was emailed for ${draftId}`);
  expect((await payEmailedLink(emulator.url, email.url, { card: "approve" })).ok).toBe(true);
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops });
  await database.prisma.shopSettings.create({ data: { shop: basic.domain, linkEmailsBy: "shopify" } });
});

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

describe("an early-payment discount in collection", () => {
  it("paid in time: the draft asks for the discounted amount, the discount settles the rest, the main order closes", async () => {
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    const offer = stage.paymentTerms.earlyPayment!;
    expect(offer.percent).toBe("2");
    expect(await stageDraft(stage.stageDraftOrderId!)).toEqual({ total: offer.payable, discountTitle: "Early-payment discount" });

    await payDraftInvoice(stage.stageDraftOrderId!);
    const settled = await sync(attached.id);
    const entries = await listLedgerEntries(database.prisma, basic.domain, attached.id);
    expect(entries.map((entry) => [entry.kind, entry.amountMinor])).toEqual([
      ["payment", offer.payable],
      ["earlyPaymentDiscount", offer.discount],
    ]);
    expect(settled.stages[0]).toMatchObject({ status: "paid", paidMinor: stage.amountMinor });
    expect(settled.status).toBe("completed");
    const { order } = await admin<{ order: { displayFinancialStatus: string; totalOutstandingSet: { shopMoney: { amount: string } } } }>(
      "query Order($id: ID!) { order(id: $id) { displayFinancialStatus totalOutstandingSet { shopMoney { amount } } } }",
      { id: settled.mainOrderId },
    );
    expect(Number(order.totalOutstandingSet.shopMoney.amount)).toBe(0);
    // A second sync finds nothing left to do: the discount is granted once.
    await sync(attached.id);
    expect(await listLedgerEntries(database.prisma, basic.domain, attached.id)).toHaveLength(2);
  });

  it("after its last day: the draft asks for the full amount again, and a full payment earns nothing", async () => {
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    const offer = stage.paymentTerms.earlyPayment!;
    emulator.store.clock.advanceTo(new Date(startOfDayIn(addDays(offer.until, 1), invoiced.timeZone).getTime() + 3_600_000));
    await sync(attached.id);
    expect(await stageDraft(stage.stageDraftOrderId!)).toEqual({ total: stage.amountMinor, discountTitle: null });

    await payDraftInvoice(stage.stageDraftOrderId!);
    const settled = await sync(attached.id);
    expect((await listLedgerEntries(database.prisma, basic.domain, attached.id)).map((entry) => [entry.kind, entry.amountMinor])).toEqual([
      ["payment", stage.amountMinor],
    ]);
    expect(settled.status).toBe("completed");
  });
});
