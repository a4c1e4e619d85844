import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { AVATAX_QUEUE } from "../../../app/jobs/queues";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { listAvaTaxDocuments } from "../../../app/models/avatax-documents.server";
import { saveAvaTaxSettings } from "../../../app/models/avatax-settings.server";
import { getContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { syncAvaTaxDocuments } from "../../../app/services/avatax/avatax-sync.server";
import { cancelContract, markMilestone } from "../../../app/services/collection/contract-events.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { startAvaTaxServer } from "../../../emulator/avatax/avatax-server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { testBuyerMail } from "../../support/buyer-mail";
import { createTestDatabase, type TestDatabase } from "../test-database";

/**
 * AvaTax wired into collection, against the Shopify emulator and the local AvaTax server: attaching a plan and each
 * sync that invoices a stage ask for the contract's AvaTax run, which commits the invoiced stages' documents; a
 * cancellation voids the unpaid stage's document and keeps the paid deposit's.
 */

const STAFF = "staff:avatax-test" as const;
const shops = readShopsFixture(DEMO_FIXTURE_FILE);
const basic = shops.find((shop) => shop.plan === "basic") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;
const avatax = await startAvaTaxServer({ accountId: "42", licenseKey: "COLLECTIONKEY" });

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async () => createAdminClient({ shop: basic.domain, accessToken: basic.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

async function avaTaxJobsFor(contractId: string): Promise<number> {
  return (await database.storedJobs()).filter((job) => job.queue === AVATAX_QUEUE && job.key === `${basic.domain}:${contractId}`).length;
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops });
  await database.prisma.shopSettings.create({ data: { shop: basic.domain, linkEmailsBy: "shopify" } });
  await saveAvaTaxSettings(
    database.prisma,
    basic.domain,
    {
      enabled: true,
      environment: avatax.url,
      accountId: "42",
      licenseKey: "COLLECTIONKEY",
      companyCode: "DEMO",
      taxMode: "override",
      commitOnInvoice: true,
      origin: { line1: null, city: null, region: "WA", postalCode: null, country: "US" },
    },
    STAFF,
  );
});

afterAll(async () => {
  await emulator?.close();
  await avatax.close();
  await database?.cleanup();
});

describe("AvaTax documents as a contract is collected", () => {
  it("commits each stage's document when it is invoiced, and voids the unpaid one on cancellation", async () => {
    const state = emulator.store.shops.get(basic.domain)!;
    const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
    const { draftOrderCreate } = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
      emulator.adminUrl(),
      basic.accessToken as string,
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
      { input: { customerId: state.customers[0]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 2 }] } },
    );
    const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
    const plan = await createPlan(database.prisma, basic.domain, { name: "AvaTax plan", config: preset.config, actor: STAFF });
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: draftOrderCreate.draftOrder.id, planId: plan.id, actor: STAFF });
    expect(await avaTaxJobsFor(attached.id)).toBeGreaterThan(0);

    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    expect((await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).map((document) => [document.stagePosition, document.status])).toEqual([
      [1, "committed"],
    ]);

    // The buyer pays the deposit; the milestone invoices stage 2.
    const email = emulator.store.outbox
      .filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === attached.stages[0]!.stageDraftOrderId)
      .at(-1)!;
    expect((await payEmailedLink(emulator.url, email.url!, { card: "approve" })).ok).toBe(true);
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    const invoiced = (await getContract(database.prisma, basic.domain, attached.id))!;
    expect(invoiced.stages.map((stage) => stage.status)).toEqual(["paid", "invoiced", "scheduled"]);

    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    const committed = await listAvaTaxDocuments(database.prisma, basic.domain, attached.id);
    expect(committed.map((document) => [document.stagePosition, document.status])).toEqual([
      [1, "committed"],
      [2, "committed"],
    ]);
    // Each document's tax is exactly the stage's share of the order's tax.
    for (const document of committed) {
      const stage = invoiced.stages.find((candidate) => candidate.position === document.stagePosition)!;
      expect(document.taxMinor).toBe(stage.taxShares.reduce((total, share) => total + share.amount, 0n));
    }

    await cancelContract(deps(), basic.domain, { contractId: attached.id, settlement: { settlement: "close" }, actor: STAFF });
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    expect((await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).map((document) => [document.stagePosition, document.status])).toEqual([
      [1, "committed"],
      [2, "voided"],
    ]);
    expect(avatax.documents().map((document) => [document.code.slice(-2), document.status])).toEqual([
      ["-1", "Committed"],
      ["-2", "Cancelled"],
    ]);
  });
});
