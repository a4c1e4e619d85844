import { describe, expect, it } from "vitest";

import { calendarDateAt } from "../../../app/domain/dates/calendar-date";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { ContractActionError, recordOfflinePayment } from "../../../app/services/collection/contract-actions.server";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { contractPageData } from "../../../app/services/contract-page/contract-page.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import { useEmulatorServices } from "../../support/emulator-services";

/**
 * Staff record an overdue stage's payment on the contract page: the page shows the stage paid at once (the ledger
 * knows before the sync brings Shopify in line), offers no second payment, and a second submit from a page loaded
 * before is refused in plain words before anything reaches Shopify. Against the emulator, as staff see it.
 */

const STAFF = "staff:page-test" as const;
const DAY_MS = 86_400_000;
const { shop, database, emulator, deps, createQuote, sync } = useEmulatorServices({ offlineSessions: true, syncHolder: "page-test" });

const viewer = () => ({ shop: shop.domain, deps: deps(), localMode: false });

describe("an overdue stage paid offline, as the contract page shows it", () => {
  it("shows it paid at once, offers no second payment, and refuses one from a stale page without asking Shopify", async () => {
    const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
    const plan = await createPlan(database.prisma, shop.domain, { name: "Deposit, before shipping, net 30", config: preset.config, actor: STAFF });
    const attached = await attachPlan(deps(), shop.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });
    expect((await payEmailedLink(emulator.url, attached.stages[0]!.payUrl!, { card: "approve" })).ok).toBe(true);
    await sync(attached.id);

    // The deposit shows the card that paid it; shipping waits for stage 2, and the page says so; its records link to
    // the Shopify admin.
    let page = (await contractPageData(viewer(), attached.id))!;
    expect(page.stages[0]!.payments).toEqual([expect.objectContaining({ method: "Visa ending in 4242 at Shopify checkout", reference: null })]);
    const deposit = (await listLedgerEntries(database.prisma, shop.domain, attached.id)).find((entry) => entry.kind === "payment");
    expect(deposit).toMatchObject({ cardBrand: "Visa", cardLastDigits: "4242" });
    expect(page.contract.badge).toBe("onHold");
    expect(page.contract.shippingHold).toEqual({ position: 2, title: "Payment before shipping", placed: true });
    expect(page.contract.sourceDraft.url).toMatch(/^https:\/\/admin\.shopify\.com\/store\/[a-z0-9-]+\/draft_orders\/\d+$/);
    expect(page.contract.mainOrder?.url).toMatch(/^https:\/\/admin\.shopify\.com\/store\/[a-z0-9-]+\/orders\/\d+$/);

    await markMilestone(deps(), shop.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    await sync(attached.id);
    emulator.store.clock.advance(3 * DAY_MS);
    const overdue = await sync(attached.id);
    expect(overdue.stages[1]!.status).toBe("overdue");
    page = (await contractPageData(viewer(), attached.id))!;
    expect(page.contract.badge).toBe("overdue");
    expect(page.stages[1]).toMatchObject({ badge: "overdue", can: { recordPayment: true, resendLink: true, retryCharge: false } });
    expect(page.stages[1]!.payUrl).not.toBeNull();

    const stage = overdue.stages[1]!;
    const payment = {
      contractId: attached.id,
      position: 2,
      method: "Wire transfer",
      reference: "WIRE-2044",
      receivedOn: calendarDateAt(emulator.store.clock.now(), overdue.timeZone),
      amount: stage.amountMinor,
      actor: STAFF,
    };
    await recordOfflinePayment(deps(), shop.domain, { ...payment, key: crypto.randomUUID() });

    // Before any sync: the ledger covers the stage, so the page shows it paid and offers nothing more on it.
    page = (await contractPageData(viewer(), attached.id))!;
    expect(page.stages[1]).toMatchObject({
      status: "overdue",
      badge: "paymentRecorded",
      payUrl: null,
      can: { recordPayment: false, resendLink: false, retryCharge: false },
      payments: [{ amount: expect.any(String), method: "Wire transfer", reference: "WIRE-2044" }],
    });
    expect(page.contract.badge).not.toBe("overdue");
    expect(page.contract.settling).toBe(true);

    // A second submit from a page loaded before it (a new form key): refused in words, before any Shopify call.
    const offline: ServiceDeps = {
      ...deps(),
      adminFor: async () => {
        throw new Error("Shopify must not be asked");
      },
    };
    const second = recordOfflinePayment(offline, shop.domain, { ...payment, key: crypto.randomUUID() });
    await expect(second).rejects.toThrow(ContractActionError);
    await expect(second).rejects.toThrow(/^stage 2 is already paid: its payment is recorded, and Shopify is being brought in line$/);
    const manual = (await listLedgerEntries(database.prisma, shop.domain, attached.id)).filter((entry) => entry.kind === "manualPayment");
    expect(manual).toHaveLength(1);

    // The sync brings the status and Shopify in line: paid, the hold released, nothing left settling.
    const synced = await sync(attached.id);
    expect(synced.stages[1]!.status).toBe("paid");
    page = (await contractPageData(viewer(), attached.id))!;
    expect(page.stages[1]).toMatchObject({ status: "paid", badge: "paid" });
    expect(page.contract).toMatchObject({ badge: "active", shippingHold: null, settling: false });
  });
});
