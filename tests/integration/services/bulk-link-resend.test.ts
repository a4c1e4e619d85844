import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { describeBulkResend } from "../../../app/locale/bulk-resend-words";
import { listAudit } from "../../../app/models/audit-log.server";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { resendLinksInBulk } from "../../../app/services/collection/bulk-link-resend.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { testBuyerMail } from "../../support/buyer-mail";
import { createTestDatabase, type TestDatabase } from "../test-database";

/** "Resend payment links" on several contracts of the list at once, against the emulated Shopify. */

const STAFF = "staff:bulk-test" as const;
const shop = readShopsFixture(DEMO_FIXTURE_FILE).find((candidate) => candidate.plan === "basic") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops: [shop] });
  await database.prisma.session.create({
    data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: shop.accessToken as string },
  });
  // Shopify's invoice emails carry the links here: the emulator's outbox shows each one sent.
  await database.prisma.shopSettings.create({ data: { shop: shop.domain, linkEmailsBy: "shopify" } });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

async function attachedContract(): Promise<StoredContract> {
  const state = emulator.store.shops.get(shop.domain)!;
  const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
  const quote = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
    emulator.adminUrl(),
    shop.accessToken as string,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
    { input: { customerId: state.customers[1]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 1 }] } },
  );
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
  const plan = await createPlan(database.prisma, shop.domain, { name: `Deposit ${Math.random()}`, config: preset.config, actor: STAFF });
  return attachPlan(deps(), shop.domain, { draftOrderId: quote.draftOrderCreate.draftOrder.id, planId: plan.id, actor: STAFF });
}

describe("resending the payment links of several contracts", () => {
  it("sends each open stage's link, reports a contract with none, and goes on past one whose sending fails", async () => {
    const open = await attachedContract();
    const anotherOpen = await attachedContract();

    // Its deposit paid: the next stage waits for a milestone and has no link yet.
    const paid = await attachedContract();
    const email = emulator.store.outbox.filter((candidate) => candidate.resourceId === paid.stages[0]!.stageDraftOrderId).at(-1)!;
    expect((await payEmailedLink(emulator.url, email.url!, { card: "approve" })).ok).toBe(true);
    await syncContract(deps(), shop.domain, paid.id, { holder: "bulk-test", actor: "system" });
    expect((await getContract(database.prisma, shop.domain, paid.id))!.stages.map((stage) => stage.status)).toEqual(["paid", "scheduled", "scheduled"]);

    // Its link's draft order is gone from Shopify: sending it fails.
    const broken = await attachedContract();
    await database.prisma.stage.update({ where: { id: broken.stages[0]!.id }, data: { stageDraftOrderId: "gid://shopify/DraftOrder/999999" } });

    const before = emulator.store.outbox.length;
    const outcomes = await resendLinksInBulk(deps(), shop.domain, [open.id, paid.id, broken.id, anotherOpen.id], STAFF);

    expect(outcomes.map(({ contractId, sent, failed }) => ({ contractId, sent, failed: failed.map((failure) => failure.position) }))).toEqual([
      { contractId: open.id, sent: [1], failed: [] },
      { contractId: paid.id, sent: [], failed: [] },
      { contractId: broken.id, sent: [], failed: [1] },
      { contractId: anotherOpen.id, sent: [1], failed: [] },
    ]);
    const sent = emulator.store.outbox.slice(before);
    expect(sent.map((message) => message.resourceId).sort()).toEqual([open.stages[0]!.stageDraftOrderId, anotherOpen.stages[0]!.stageDraftOrderId].sort());
    const audit = await listAudit(database.prisma, shop.domain, { contractId: open.id });
    expect(audit.some((entry) => entry.action === "stage.linkEmailed" && entry.details.resent === true)).toBe(true);

    const brokenName = outcomes[2]!.name;
    expect(describeBulkResend(outcomes, "en-US")).toEqual({
      tone: "warning",
      message: `Links resent for 2 contracts; 1 had no open stage to send; sending failed for ${brokenName}: open it to try again.`,
    });
  });

  it("says so when none of the contracts has a link to send", async () => {
    const paidOff = await attachedContract();
    await database.prisma.contract.update({ where: { id: paidOff.id }, data: { status: "cancelled" } });
    const outcomes = await resendLinksInBulk(deps(), shop.domain, [paidOff.id], STAFF);
    expect(outcomes).toEqual([{ contractId: paidOff.id, name: outcomes[0]!.name, sent: [], failed: [] }]);
    expect(describeBulkResend(outcomes, "en-US")).toEqual({ tone: "warning", message: "No links resent: the contract has no open stage to send." });
  });
});
