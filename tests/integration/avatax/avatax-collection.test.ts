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
import { keptTaxAndNet, refundTaxPortion, stageTaxAndNet } from "../../../app/services/avatax/avatax-documents";
import { recordOfflinePayment } from "../../../app/services/collection/contract-actions.server";
import { cancelContract, markMilestone } from "../../../app/services/collection/contract-events.server";
import { refundContract } from "../../../app/services/collection/contract-refunds.server";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { calendarDateAt } from "../../../app/domain/dates/calendar-date";
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
 * sync that invoices a stage ask for the contract's AvaTax run, which commits the invoiced stages' documents, shipped
 * to the buyer's address; a refund through Shopify returns its share of the stage's tax; a cancellation reduces the
 * stage paid in part to what was paid; and a contract collected and shipped to the end has three documents whose tax
 * is the order's tax exactly.
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
  it("commits each stage's document to the buyer's address when invoiced, returns a refund's tax, and reduces a stage paid in part on cancellation", async () => {
    const state = emulator.store.shops.get(basic.domain)!;
    const buyer = state.customers[0]!;
    const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
    const { draftOrderCreate } = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
      emulator.adminUrl(),
      basic.accessToken as string,
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
      { input: { customerId: buyer.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 2 }] } },
    );
    const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
    const plan = await createPlan(database.prisma, basic.domain, { name: "AvaTax plan", config: preset.config, actor: STAFF });
    const attached = await attachPlan(deps(), basic.domain, { draftOrderId: draftOrderCreate.draftOrder.id, planId: plan.id, actor: STAFF });
    expect(await avaTaxJobsFor(attached.id)).toBeGreaterThan(0);
    // The draft's shipping address (the buyer's default) is frozen with the contract.
    const address = buyer.defaultAddress!;
    expect(attached.orderSnapshot.shipTo).toEqual({
      line1: address.address1,
      city: address.city,
      region: address.provinceCode,
      postalCode: address.zip,
      country: address.countryCode,
    });

    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    expect((await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).map((document) => [document.stagePosition, document.status])).toEqual([
      [1, "committed"],
    ]);
    // Shipped from the shop's origin (WA) to the buyer, so Avalara taxes at the destination.
    expect(avatax.documents().map((document) => document.taxRegion)).toEqual([address.provinceCode]);

    // The buyer pays the deposit; staff refund part of it through Shopify.
    const email = emulator.store.outbox
      .filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === attached.stages[0]!.stageDraftOrderId)
      .at(-1)!;
    expect((await payEmailedLink(emulator.url, email.url!, { card: "approve" })).ok).toBe(true);
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    const deposit = (await getContract(database.prisma, basic.domain, attached.id))!.stages[0]!;
    const refunded = deposit.amountMinor / 3n;
    await refundContract(deps(), basic.domain, { contractId: attached.id, amount: refunded, reason: "one chair returned", actor: STAFF });
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    const refunds = (await listLedgerEntries(database.prisma, basic.domain, attached.id)).filter((entry) => entry.kind === "refund");
    expect(refunds.map((entry) => [entry.stageId, entry.amountMinor])).toEqual([[deposit.id, refunded]]);

    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    const depositTax = stageTaxAndNet(deposit.amountMinor, deposit.taxShares).tax;
    const refundTax = refundTaxPortion(deposit.amountMinor, depositTax, 0n, refunded);
    expect(refundTax).toBeGreaterThan(0n);
    const returned = (await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).filter((document) => document.type === "ReturnInvoice");
    expect(returned.map((document) => [document.stagePosition, document.status, document.taxMinor, document.netMinor])).toEqual([
      [1, "committed", -refundTax, -(refunded - refundTax)],
    ]);
    const depositCode = `tranche-${attached.id}-1`;
    const atAvalara = avatax.documents().filter((document) => document.code === depositCode || document.referenceCode === depositCode);
    // The deposit's tax at Avalara, its sale less its return, is what the buyer kept paying tax on.
    expect(atAvalara.reduce((total, document) => total + BigInt(Math.round(Number(document.totalTax) * 100)), 0n)).toBe(depositTax - refundTax);

    // The milestone invoices stage 2, and each document's tax is exactly the stage's share of the order's tax.
    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    const invoiced = (await getContract(database.prisma, basic.domain, attached.id))!;
    expect(invoiced.stages.map((stage) => stage.status)).toEqual(["paid", "invoiced", "scheduled"]);
    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
    const sales = (await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).filter((document) => document.type === "SalesInvoice");
    expect(sales.map((document) => [document.stagePosition, document.status])).toEqual([
      [1, "committed"],
      [2, "committed"],
    ]);
    for (const document of sales) {
      const stage = invoiced.stages.find((candidate) => candidate.position === document.stagePosition)!;
      expect(document.taxMinor).toBe(stageTaxAndNet(stage.amountMinor, stage.taxShares).tax);
    }

    // The buyer wires part of stage 2, then the contract is cancelled: stage 2's document keeps only the part paid.
    const second = invoiced.stages[1]!;
    const wired = (second.amountMinor * 2n) / 5n;
    await recordOfflinePayment(deps(), basic.domain, {
      contractId: attached.id,
      position: 2,
      method: "Wire transfer",
      receivedOn: calendarDateAt(emulator.store.clock.now(), invoiced.timeZone),
      amount: wired,
      actor: STAFF,
    });
    await cancelContract(deps(), basic.domain, { contractId: attached.id, settlement: { settlement: "close" }, actor: STAFF });
    await syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
    await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");

    const kept = keptTaxAndNet(second.amountMinor, second.taxShares, wired);
    const after = (await listAvaTaxDocuments(database.prisma, basic.domain, attached.id)).filter((document) => document.type === "SalesInvoice");
    expect(after.map((document) => [document.stagePosition, document.status, document.netMinor, document.taxMinor])).toEqual([
      [1, "committed", sales[0]!.netMinor, sales[0]!.taxMinor],
      [2, "committed", kept.net, kept.tax],
    ]);
    expect(avatax.documents().map((document) => [document.code.slice(-2), document.type, document.status, document.adjustments])).toEqual([
      ["-1", "SalesInvoice", "Committed", 0],
      [expect.stringMatching(/^\w\w$/), "ReturnInvoice", "Committed", 0],
      ["-2", "SalesInvoice", "Committed", 1],
    ]);
  });

  it(
    "commits the three stages' documents as the contract is collected and shipped, their taxes summing to the order's tax exactly",
    { timeout: 90_000 },
    async () => {
      const state = emulator.store.shops.get(basic.domain)!;
      const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
      const { draftOrderCreate } = await staffAdminRequest<{
        draftOrderCreate: { draftOrder: { id: string; totalTaxSet: { shopMoney: { amount: string } } } };
      }>(
        emulator.adminUrl(),
        basic.accessToken as string,
        "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id totalTaxSet { shopMoney { amount } } } userErrors { message } } }",
        { input: { customerId: state.customers[1]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 3 }] } },
      );
      const orderTax = BigInt(Math.round(Number(draftOrderCreate.draftOrder.totalTaxSet.shopMoney.amount) * 100));
      expect(orderTax).toBeGreaterThan(0n);
      const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
      const plan = await createPlan(database.prisma, basic.domain, { name: "AvaTax three stages", config: preset.config, actor: STAFF });
      const attached = await attachPlan(deps(), basic.domain, { draftOrderId: draftOrderCreate.draftOrder.id, planId: plan.id, actor: STAFF });
      const sync = () => syncContract(deps(), basic.domain, attached.id, { holder: "avatax-test", actor: "system" });
      const payLinkOf = async (position: number) => {
        const stage = (await getContract(database.prisma, basic.domain, attached.id))!.stages[position - 1]!;
        const email = emulator.store.outbox
          .filter((candidate) => candidate.kind === "draft_order_invoice" && candidate.resourceId === stage.stageDraftOrderId)
          .at(-1)!;
        expect((await payEmailedLink(emulator.url, email.url!, { card: "approve" })).ok).toBe(true);
      };

      await payLinkOf(1);
      await sync();
      await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
      await sync();
      await payLinkOf(2);
      await sync();

      // Staff ship the order; the balance falls due thirty days later and is invoiced then.
      const mainOrderId = (await getContract(database.prisma, basic.domain, attached.id))!.mainOrderId!;
      const { order } = await staffAdminRequest<{ order: { fulfillmentOrders: { nodes: { id: string; status: string }[] } } }>(
        emulator.adminUrl(),
        basic.accessToken as string,
        "query Order($id: ID!) { order(id: $id) { fulfillmentOrders(first: 10) { nodes { id status } } } }",
        { id: mainOrderId },
      );
      const open = order.fulfillmentOrders.nodes.filter((fulfillmentOrder) => fulfillmentOrder.status !== "CLOSED");
      await staffAdminRequest(
        emulator.adminUrl(),
        basic.accessToken as string,
        "mutation Ship($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { message } } }",
        { fulfillment: { lineItemsByFulfillmentOrder: open.map((fulfillmentOrder) => ({ fulfillmentOrderId: fulfillmentOrder.id })) } },
      );
      await sync();
      const shipped = (await getContract(database.prisma, basic.domain, attached.id))!;
      expect(shipped.stages[2]!.dueDate).not.toBeNull();
      emulator.store.clock.advanceTo(new Date(`${shipped.stages[2]!.dueDate}T12:00:00Z`));
      await sync();
      const collected = (await getContract(database.prisma, basic.domain, attached.id))!;
      expect(collected.stages.map((stage) => stage.invoiceNumber !== null)).toEqual([true, true, true]);

      await syncAvaTaxDocuments(deps(), basic.domain, attached.id, "system");
      const documents = await listAvaTaxDocuments(database.prisma, basic.domain, attached.id);
      expect(documents.map((document) => [document.type, document.stagePosition, document.status])).toEqual([
        ["SalesInvoice", 1, "committed"],
        ["SalesInvoice", 2, "committed"],
        ["SalesInvoice", 3, "committed"],
      ]);
      const atAvalara = avatax.documents().filter((document) => document.code.startsWith(`tranche-${attached.id}-`));
      expect(atAvalara.reduce((total, document) => total + BigInt(Math.round(Number(document.totalTax) * 100)), 0n)).toBe(orderTax);
      expect(documents.reduce((total, document) => total + document.taxMinor!, 0n)).toBe(orderTax);
    },
  );
});
