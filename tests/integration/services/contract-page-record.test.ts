import { describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { getContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { contractPageData } from "../../../app/services/contract-page/contract-page.server";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import { useEmulatorServices } from "../../support/emulator-services";

/**
 * The contract page as the merchant's record, from its loader's data against the emulator: the buyer's saved card
 * by its last four digits, each stage's own Shopify order or draft linked in the Shopify admin, and each stage's
 * invoice number with its PDF. In local mode the links are plain text (the emulator has no admin to open).
 */

const STAFF = "staff:record-test" as const;
const ADMIN = /^https:\/\/admin\.shopify\.com\/store\/[a-z0-9-]+/;

const { shop, database, emulator, deps, createQuote, sync } = useEmulatorServices({ offlineSessions: true, syncHolder: "record-test" });

const pageOf = (contractId: string, localMode = false) => contractPageData({ shop: shop.domain, deps: deps(), localMode }, contractId);

describe("the contract page's record of a contract", () => {
  it("shows the saved card's last four, links each stage's order or draft in the Shopify admin, names each stage's invoice, and waits for a charge's outcome", async () => {
    const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
    const plan = await createPlan(database.prisma, shop.domain, { name: "Deposit, before shipping, net 30", config: preset.config, actor: STAFF });
    const attached = await attachPlan(deps(), shop.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });

    // Before the deposit is paid: no card saved; the deposit's own draft is linked, and already numbered.
    let page = (await pageOf(attached.id))!;
    expect(page.contract.savedCard).toBeNull();
    expect(page.contract.settling).toBe(false);
    expect(page.stages[0]!.shopifyRecord).toEqual({
      label: "Draft order of stage 1",
      url: expect.stringMatching(new RegExp(`${ADMIN.source}/draft_orders/\\d+$`)),
    });

    // The buyer pays the deposit and lets checkout keep the card.
    expect((await payEmailedLink(emulator.url, attached.stages[0]!.payUrl!, { card: "approve", saveCard: true })).ok).toBe(true);
    await sync(attached.id);
    await markMilestone(deps(), shop.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    await sync(attached.id);

    const stored = (await getContract(database.prisma, shop.domain, attached.id))!;
    const [deposit, beforeShipping, balance] = stored.stages;
    expect(deposit!.stageOrderId).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    // Marked ready to ship, stage 2 fell due and Tranche charges the saved card through its own order.
    expect(beforeShipping!.stageOrderId).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);

    page = (await pageOf(attached.id))!;
    expect(page.contract.savedCard).toBe("Visa ending in 4242");
    // The charge's outcome is not in yet: the page reloads itself until it is.
    expect(beforeShipping!.chargeKey).not.toBeNull();
    expect(page.contract.settling).toBe(true);
    const [depositView, beforeShippingView, balanceView] = page.stages;
    // Each paid stage links its order; the balance, not dated yet, has nothing in Shopify yet.
    expect(depositView!.shopifyRecord).toEqual({
      label: "Order of stage 1",
      url: expect.stringMatching(new RegExp(`${ADMIN.source}/orders/${deposit!.stageOrderId!.split("/").pop()}$`)),
    });
    expect(beforeShippingView!.shopifyRecord).toEqual({
      label: "Order of stage 2",
      url: expect.stringMatching(new RegExp(`${ADMIN.source}/orders/${beforeShipping!.stageOrderId!.split("/").pop()}$`)),
    });
    expect(balanceView!.shopifyRecord).toBeNull();

    // Each invoiced stage's number, as stored and in order of issue, with its PDF; none for a stage not invoiced.
    expect(deposit!.invoiceNumber).toMatch(/\d/);
    expect(beforeShipping!.invoiceNumber).toMatch(/\d/);
    expect(beforeShipping!.invoiceNumber).not.toBe(deposit!.invoiceNumber);
    expect(depositView).toMatchObject({ invoiceNumber: deposit!.invoiceNumber, invoicePdfUrl: `/app/contracts/${attached.id}/invoices/1.pdf` });
    expect(beforeShippingView).toMatchObject({ invoiceNumber: beforeShipping!.invoiceNumber, invoicePdfUrl: `/app/contracts/${attached.id}/invoices/2.pdf` });
    expect(balance!.invoiceNumber).toBeNull();
    expect(balanceView).toMatchObject({ invoiceNumber: null, invoicePdfUrl: null });
    expect(page.timeline.map((entry) => entry.text)).toEqual(
      expect.arrayContaining([`Invoice ${deposit!.invoiceNumber} issued for stage 1`, `Invoice ${beforeShipping!.invoiceNumber} issued for stage 2`]),
    );

    // In local mode the same records are named, as plain text.
    const local = (await pageOf(attached.id, true))!;
    expect(local.stages.map((stage) => stage.shopifyRecord)).toEqual([
      { label: "Order of stage 1", url: null },
      { label: "Order of stage 2", url: null },
      null,
    ]);
    expect(local.contract.savedCard).toBe("Visa ending in 4242");
  });
});
