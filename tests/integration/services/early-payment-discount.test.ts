import { describe, expect, it } from "vitest";

import { buyerContractJson } from "../../../app/buyer-contract-json.server";
import { addDays, calendarDateAt, startOfDayIn } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits, toMinorUnits } from "../../../app/domain/money/minor-units";
import type { StoredContract } from "../../../app/models/contracts.server";
import { formatCalendarDate, formatMoney } from "../../../app/locale/format";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type PlanConfigInput } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { buyerDocumentFor } from "../../../app/services/buyer-documents/buyer-document.server";
import { recordOfflinePayment } from "../../../app/services/collection/contract-actions.server";
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

  it("Shopify's invoice email asks for the discounted amount by the offer's last day while the offer is open", async () => {
    const before = emulator.store.outbox.length;
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    const offer = stage.paymentTerms.earlyPayment!;
    const email = emulator.store.outbox.slice(before).find((sent) => sent.resourceId === stage.stageDraftOrderId);
    const money = (minor: bigint) => formatMoney(minor, invoiced.currency, "en");
    const until = formatCalendarDate(offer.until, "en");
    expect(email?.subject).toContain(`${money(offer.payable)} if paid by ${until}`);
    expect(email?.body).toContain(`: ${money(offer.payable)}`);
    expect(email?.body).toContain(`Pay ${money(offer.payable)} by ${until} and save ${money(offer.discount)} (2% early-payment discount).`);
    expect(email?.body).not.toContain(money(stage.amountMinor));
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

  it("paid offline at the discounted amount while the stage's own order is open: staff record it, and the discount settles the rest", async () => {
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    const offer = stage.paymentTerms.earlyPayment!;
    // The draft is completed with its payment pending (as staff may in Shopify's admin): the stage has its own order.
    await admin("mutation Complete($id: ID!) { draftOrderComplete(id: $id, paymentPending: true) { draftOrder { id } userErrors { message } } }", {
      id: stage.stageDraftOrderId!,
    });
    const withOrder = await sync(attached.id);
    expect(withOrder.stages[0]!.stageOrderId).not.toBeNull();

    await recordOfflinePayment(deps(), basic.domain, {
      contractId: attached.id,
      position: 1,
      method: "Wire transfer",
      receivedOn: calendarDateAt(emulator.store.clock.now(), invoiced.timeZone),
      amount: offer.payable,
      actor: STAFF,
    });
    const settled = await sync(attached.id);
    expect((await listLedgerEntries(database.prisma, basic.domain, attached.id)).map((entry) => [entry.kind, entry.amountMinor])).toEqual([
      ["manualPayment", offer.payable],
      ["earlyPaymentDiscount", offer.discount],
    ]);
    expect(settled.stages[0]).toMatchObject({ status: "paid", paidMinor: stage.amountMinor, discountMinor: offer.discount });
  });

  it("a part payment below the discounted amount on the stage's own order is still refused", async () => {
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    await admin("mutation Complete($id: ID!) { draftOrderComplete(id: $id, paymentPending: true) { draftOrder { id } userErrors { message } } }", {
      id: stage.stageDraftOrderId!,
    });
    await sync(attached.id);
    const input = {
      contractId: attached.id,
      position: 1,
      method: "Wire transfer",
      receivedOn: calendarDateAt(emulator.store.clock.now(), invoiced.timeZone),
      amount: stage.paymentTerms.earlyPayment!.payable - 1n,
      actor: STAFF,
    };
    await expect(recordOfflinePayment(deps(), basic.domain, input)).rejects.toThrow(/being collected through its own order/);
  });

  it("the buyer's documents and thank-you block show the money paid and the discount apart", async () => {
    const attached = await attachNet30();
    const invoiced = await sync(attached.id);
    const stage = invoiced.stages[0]!;
    const offer = stage.paymentTerms.earlyPayment!;
    await payDraftInvoice(stage.stageDraftOrderId!);
    const settled = await sync(attached.id);
    const document = await buyerDocumentFor(database.prisma, basic.domain, attached.id, {
      appUrl: "https://tranche.test",
      linkSecret: "test-secret",
      now: emulator.store.clock.now(),
    });
    expect(document.contract.stages[0]).toMatchObject({ paidMinor: offer.payable, earlyPaymentDiscount: { amountMinor: offer.discount, percent: "2" } });
    expect([document.contract.paidMinor, document.contract.discountMinor]).toEqual([offer.payable, offer.discount]);

    const currency = currencyFor(settled.currency);
    const thankYou = buyerContractJson(basic.domain, settled, { buyer: null, orderId: settled.stages[0]!.stageOrderId, paidMinor: offer.payable });
    expect(thankYou.paidOnOrder?.amount).toBe(formatMinorUnits(offer.payable, currency));
    expect(thankYou.paidOnOrder?.discount).toEqual({ amount: formatMinorUnits(offer.discount, currency), percent: "2" });
    // The tax paid is the stage's tax less the offer's tax reduction, and it is less than the stage's share.
    const taxReduced = stage.taxShares.map((line, index) => ({
      title: line.title,
      amount: formatMinorUnits(line.amount - offer.taxReduction[index]!.amount, currency),
    }));
    expect(thankYou.paidOnOrder?.tax).toEqual(taxReduced);
    expect(offer.taxReduction.some((line) => line.amount > 0n)).toBe(true);
  });
});
