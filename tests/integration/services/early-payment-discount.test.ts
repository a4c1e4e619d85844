import { describe, expect, it } from "vitest";

import { addDays, startOfDayIn } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import type { StoredContract } from "../../../app/models/contracts.server";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type PlanConfigInput } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { useEmulatorServices } from "../../support/emulator-services";

/**
 * A plan's early-payment discount through collection on the emulator (stage-order mode, a shop without Plus): the
 * stage's draft asks for the discounted amount while the offer is open; paid in time, the discount settles the rest
 * and the main order closes; after the last day the draft asks for the full amount again.
 */

const STAFF = "staff:early-payment-test" as const;
const {
  shop: basic,
  database,
  emulator,
  deps,
  admin,
  customer,
  createQuote,
  sync,
  payDraftInvoice,
} = useEmulatorServices({
  allDemoShops: true,
  linkEmailsBy: "shopify",
  syncHolder: "early-payment-test",
});

/** Net 30 from the order date, 2% off within 10 days: nothing at checkout. */
const NET_30_TWO_TEN: PlanConfigInput = {
  stages: [{ kind: "balance", title: "Net terms", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 }],
  paymentRules: { earlyPayment: { percent: "2", withinDays: 10 } },
};

let plansMade = 0;

async function attachNet30(): Promise<StoredContract> {
  const draftOrderId = await createQuote({ customerId: customer(0).id, quantity: 2 });
  plansMade += 1;
  const plan = await createPlan(database.prisma, basic.domain, { name: `2/10 net 30 (${plansMade})`, config: NET_30_TWO_TEN, actor: STAFF });
  return attachPlan(deps(), basic.domain, { draftOrderId, planId: plan.id, mode: "stageOrder", actor: STAFF });
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
