import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { calendarDateAt } from "../../../app/domain/dates/calendar-date";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { recordOfflinePayment } from "../../../app/services/collection/contract-actions.server";
import { cancelContract, markMilestone } from "../../../app/services/collection/contract-events.server";
import { ContractBusyError } from "../../../app/services/collection/contract-lock.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import type { ShopFixture } from "../../../emulator/state/seed";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";
import { advanceToLocalNoon } from "../../support/local-noon";

/**
 * A payment and a cancel at once, 100 times: the buyer paying a stage's link at checkout, or staff recording it as paid
 * offline, while other staff cancel the contract. Whatever wins, no stage ends cancelled with its money received, and
 * every payment Shopify or staff took is in the ledger on its stage.
 */

const STAFF = "staff:race-test" as const;
const TRIALS = Number(process.env.RACE_TRIALS ?? 100);
const BATCH = 5;
// The Plus shop, collected by stage orders: its Admin API bucket refills fast enough for 100 trials in a row.
const shop = readShopsFixture(DEMO_FIXTURE_FILE).find((fixture) => fixture.plan === "plus") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;
let plan: StoredPlan;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

async function createQuote(): Promise<string> {
  const state = emulator.store.shops.get(shop.domain)!;
  const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
  const data = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
    emulator.adminUrl(),
    shop.accessToken as string,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
    { input: { customerId: state.customers[1]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 1 }] } },
  );
  return data.draftOrderCreate.draftOrder.id;
}

/** Syncs until the contract is up to date, waiting out a lock another request holds. */
async function sync(contractId: string): Promise<StoredContract> {
  for (;;) {
    try {
      await syncContract(deps(), shop.domain, contractId, { holder: "race-test", actor: "system" });
      return (await getContract(database.prisma, shop.domain, contractId))!;
    } catch (error) {
      if (!(error instanceof ContractBusyError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function payLink(url: string): Promise<boolean> {
  return (await payEmailedLink(emulator.url, url, { card: "approve" })).ok;
}

/** A contract with its deposit paid and its second stage invoiced (the milestone it waits for marked). */
async function contractWithStageTwoDue(): Promise<StoredContract> {
  const contract = await attachPlan(deps(), shop.domain, { draftOrderId: await createQuote(), planId: plan.id, mode: "stageOrder", actor: STAFF });
  expect(await payLink(contract.stages[0]!.payUrl!)).toBe(true);
  await sync(contract.id);
  await markMilestone(deps(), shop.domain, { contractId: contract.id, milestone: "Ready to ship", actor: STAFF });
  const due = await sync(contract.id);
  expect(due.stages[1]!.status).toBe("invoiced");
  return due;
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops: [shop] });
  advanceToLocalNoon(emulator.store.clock, emulator.store.shops.get(shop.domain)!.settings.ianaTimezone);
  await database.prisma.session.create({
    data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: shop.accessToken as string },
  });
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
  plan = await createPlan(database.prisma, shop.domain, { name: "race", config: preset.config, actor: STAFF });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

describe("a payment and a cancel at once", () => {
  it(`never leave a paid stage cancelled or money unrecorded (${TRIALS} trials, checkout and offline payments)`, { timeout: 600_000 }, async () => {
    const outcomes = { paidThenKept: 0, cancelledFirst: 0 };
    const trial = async (index: number) => {
      const contract = await contractWithStageTwoDue();
      const stage = contract.stages[1]!;
      const pay =
        index % 2 === 0
          ? payLink(stage.payUrl!)
          : recordOfflinePayment(deps(), shop.domain, {
              contractId: contract.id,
              position: 2,
              method: "Wire transfer",
              receivedOn: calendarDateAt(emulator.store.clock.now(), contract.timeZone),
              amount: stage.amountMinor,
              actor: STAFF,
            }).then(
              () => true,
              () => false,
            );
      const [paid] = await Promise.all([
        pay,
        cancelContract(deps(), shop.domain, { contractId: contract.id, settlement: { settlement: "close" }, actor: STAFF }),
      ]);
      const settled = await sync(contract.id);

      const ledger = await listLedgerEntries(database.prisma, shop.domain, contract.id);
      const onStage = ledger.filter((entry) => entry.stageId === stage.id && entry.kind !== "refund").reduce((sum, entry) => sum + entry.amountMinor, 0n);
      const stageOrderId = settled.stages[1]!.stageOrderId;
      const stageOrder = stageOrderId ? emulator.store.shops.get(shop.domain)!.orders.find((order) => order.id === stageOrderId) : undefined;
      const takenInShopify = (stageOrder?.transactions ?? []).some((t) => t.status === "SUCCESS" && t.kind === "SALE");

      expect(settled.status).toBe("cancelled");
      expect(onStage, `trial ${index}: the ledger on stage 2`).toBe(paid || takenInShopify ? stage.amountMinor : 0n);
      expect(settled.stages[1]!.status, `trial ${index}`).toBe(onStage >= stage.amountMinor ? "paid" : "cancelled");
      if (onStage > 0n) outcomes.paidThenKept += 1;
      else outcomes.cancelledFirst += 1;
    };
    // A few contracts at a time, as several staff and buyers would: each trial races within itself.
    for (let first = 0; first < TRIALS; first += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, TRIALS - first) }, (_, offset) => trial(first + offset)));
    }
    // Both orders of events happened, or the race was not raced.
    console.log(`payment/cancel race outcomes: ${JSON.stringify(outcomes)}`);
    expect(outcomes.paidThenKept).toBeGreaterThan(0);
  });
});
