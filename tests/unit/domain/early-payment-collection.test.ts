import { describe, expect, it } from "vitest";
import type { ContractState, StagePayment } from "../../../app/domain/contract/contract-state";
import { nextCollectionStep } from "../../../app/domain/contract/next-step";
import { earlyPaymentOffer, discountEarned } from "../../../app/domain/payment-rules/early-payment-discount";
import {
  clockOn,
  day,
  MAIN_ORDER_ID,
  MANDATE_ID,
  nativeScenario,
  transaction,
  stageDraftId,
  withMainOrder,
  withRecorded,
  withStage,
  withStageDraft,
  withStageOrder,
  type Scenario,
} from "./contract-fixture";

/** Stage 2 of the native scenario (600.00, invoiced 2027-03-01): 2% off if paid by 2027-03-11, so 588.00. */
const OFFER = earlyPaymentOffer(
  { percent: "2", withinDays: 10 },
  { amount: 60_000n, taxLines: [{ title: "VAT", amount: 10_000n }], issuedOn: day("2027-03-01") },
);
const AFTER_IT_ALL = clockOn("2027-03-20");

const paidOn = (date: string, amount: bigint, at = `${date}T15:00:00Z`): StagePayment => ({ paidOn: day(date), amount, at: new Date(at) });

function withOffer(payments: readonly StagePayment[], changes: Partial<ContractState["stages"][number]> = {}): Scenario {
  const scenario = nativeScenario();
  const money = payments.reduce((sum, payment) => sum + payment.amount, 0n);
  return {
    ...scenario,
    contract: withStage(scenario.contract, 2, { status: "invoiced", earlyPayment: OFFER, payments, paid: money, ...changes }),
  };
}

describe("the early-payment discount in collection", () => {
  it("is 588.00 for 600.00 at 2%, until ten days after the invoice", () => {
    expect(OFFER).toMatchObject({ percent: "2", payable: 58_800n, discount: 1_200n, until: day("2027-03-11") });
  });

  it.each([
    ["the discounted amount on the last day", [paidOn("2027-03-11", 58_800n)], 1_200n],
    ["the discounted amount in two parts, both in time", [paidOn("2027-03-02", 30_000n), paidOn("2027-03-10", 28_800n)], 1_200n],
    ["more than the discounted amount in time: the discount covers only what is left", [paidOn("2027-03-05", 59_500n)], 500n],
    ["the full amount in time: nothing to let off", [paidOn("2027-03-05", 60_000n)], 0n],
    ["the discounted amount a day late", [paidOn("2027-03-12", 58_800n)], 0n],
    ["part in time, the rest late", [paidOn("2027-03-05", 30_000n), paidOn("2027-03-15", 28_800n)], 0n],
    ["a cent short in time", [paidOn("2027-03-05", 58_799n)], 0n],
  ])("%s", (_name, payments, granted) => {
    expect(discountEarned(OFFER, payments)).toBe(granted);
    const step = nextCollectionStep(withOffer(payments).contract, withOffer(payments).observation, AFTER_IT_ALL);
    if (granted === 0n) expect(step?.kind).not.toBe("grantEarlyPaymentDiscount");
    else expect(step).toMatchObject({ kind: "grantEarlyPaymentDiscount", position: 2, discount: granted });
  });

  it("is granted at the moment the payments in time reached the discounted amount", () => {
    const payments = [paidOn("2027-03-10", 28_800n, "2027-03-10T09:00:00Z"), paidOn("2027-03-02", 30_000n, "2027-03-02T09:00:00Z")];
    const { contract, observation } = withOffer(payments);
    expect(nextCollectionStep(contract, observation, AFTER_IT_ALL)).toEqual({
      kind: "grantEarlyPaymentDiscount",
      position: 2,
      discount: 1_200n,
      occurredAt: new Date("2027-03-10T09:00:00Z"),
    });
  });

  it("is granted once: a stage holding its discount is marked paid, and nothing is granted again", () => {
    const { contract, observation } = withOffer([paidOn("2027-03-11", 58_800n)], { paid: 60_000n, discount: 1_200n });
    expect(nextCollectionStep(contract, observation, AFTER_IT_ALL)).toEqual({ kind: "markStagePaid", position: 2 });
  });

  it("is mirrored onto the main order with the money, so that the order's balance closes", () => {
    const granted = withOffer([paidOn("2027-03-11", 58_800n)], { paid: 60_000n, discount: 1_200n, status: "paid" });
    const contract = withRecorded({ ...granted.contract, discountsGranted: 1_200n }, "gid://shopify/OrderTransaction/2", 2, 58_800n);
    // Native mode: the stage's money is on the main order already; the discount is what no transaction shows.
    const seen = withMainOrder(granted.observation, {
      outstanding: 25_200n,
      transactions: [...granted.observation.mainOrder!.transactions, transaction("gid://shopify/OrderTransaction/2", 58_800n)],
    });
    expect(nextCollectionStep(contract, seen, AFTER_IT_ALL)).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: 1_200n });
  });

  it("is no money: a stage whose money was all refunded is refunded, though the discount stays", () => {
    const { contract, observation } = withOffer([paidOn("2027-03-11", 58_800n)], { paid: 60_000n, discount: 1_200n, status: "paid", refunded: 58_800n });
    expect(nextCollectionStep(contract, observation, AFTER_IT_ALL)).toEqual({ kind: "markStageRefunded", position: 2 });
    const partly = withOffer([paidOn("2027-03-11", 58_800n)], { paid: 60_000n, discount: 1_200n, status: "paid", refunded: 58_000n });
    expect(nextCollectionStep(partly.contract, partly.observation, AFTER_IT_ALL)?.kind).not.toBe("markStageRefunded");
  });

  describe("the stage's draft", () => {
    const drafted = (payments: readonly StagePayment[], discounted: boolean) => {
      const scenario = withOffer(payments, { stageDraftOrderId: stageDraftId(2) });
      return { ...scenario, observation: withStageDraft(scenario.observation, 2, { invoiceSent: true, earlyPaymentDiscount: discounted }) };
    };

    it("keeps asking for the discounted amount through the offer's last day", () => {
      const { contract, observation } = drafted([], true);
      expect(nextCollectionStep(contract, observation, clockOn("2027-03-11"))?.kind).not.toBe("withdrawEarlyPaymentDiscount");
    });

    it("asks for the full amount again from the day after", () => {
      const { contract, observation } = drafted([], true);
      expect(nextCollectionStep(contract, observation, clockOn("2027-03-12"))).toEqual({
        kind: "withdrawEarlyPaymentDiscount",
        position: 2,
        draftId: stageDraftId(2),
      });
    });

    it("asks for the full amount again once money arrived another way (a part payment no longer matches the offer)", () => {
      const { contract, observation } = drafted([paidOn("2027-03-05", 10_000n)], true);
      expect(nextCollectionStep(contract, observation, clockOn("2027-03-06"))).toEqual({
        kind: "withdrawEarlyPaymentDiscount",
        position: 2,
        draftId: stageDraftId(2),
      });
    });

    it("is left alone once completed into an order, or when it carries no discount", () => {
      const completed = drafted([], true);
      const seen = withStageDraft(completed.observation, 2, { completed: true, earlyPaymentDiscount: true });
      expect(nextCollectionStep(completed.contract, seen, clockOn("2027-03-12"))?.kind).not.toBe("withdrawEarlyPaymentDiscount");
      const plain = drafted([], false);
      expect(nextCollectionStep(plain.contract, plain.observation, clockOn("2027-03-12"))?.kind).not.toBe("withdrawEarlyPaymentDiscount");
    });
  });

  it("a saved card charged while the offer is open (native, Plus) is charged the discounted amount; after it, the full amount", () => {
    const scenario = withOffer([]);
    const seen = withMainOrder(scenario.observation, { mandateIds: [MANDATE_ID] });
    const contract = withStage(scenario.contract, 2, { status: "scheduled", chargeNoticeFor: day("2027-03-01") });
    expect(nextCollectionStep(contract, seen, clockOn("2027-03-01"))).toMatchObject({ kind: "chargeMandate", position: 2, amount: 58_800n });
    const late = withStage(contract, 2, { earlyPayment: { ...OFFER, until: day("2027-02-28") } });
    expect(nextCollectionStep(late, seen, clockOn("2027-03-01"))).toMatchObject({ kind: "chargeMandate", position: 2, amount: 60_000n });
  });

  it("is honoured on any day when the order the buyer paid was made from the draft while it carried the discount", () => {
    const late = [paidOn("2027-03-12", 58_800n, "2027-03-12T00:05:00Z")];
    const scenario = withOffer(late, { stageDraftOrderId: stageDraftId(2) });
    const paidOrder = withStageOrder(scenario.observation, 2, { outstanding: 0n });
    const completedDiscounted = withStageDraft(paidOrder, 2, { completed: true, earlyPaymentDiscount: true });
    expect(discountEarned(OFFER, late, true)).toBe(1_200n);
    // An order a minor unit short of the offer (Shopify rounding its discount) is honoured for what it left.
    expect(discountEarned(OFFER, [paidOn("2027-03-12", 58_801n)], true)).toBe(1_199n);
    // An order still owing something is not the buyer's full payment of it.
    const unpaidOrder = withStageDraft(withStageOrder(scenario.observation, 2, { outstanding: 100n }), 2, { completed: true, earlyPaymentDiscount: true });
    expect(nextCollectionStep(scenario.contract, unpaidOrder, AFTER_IT_ALL)?.kind).not.toBe("grantEarlyPaymentDiscount");
    expect(nextCollectionStep(scenario.contract, completedDiscounted, AFTER_IT_ALL)).toEqual({
      kind: "grantEarlyPaymentDiscount",
      position: 2,
      discount: 1_200n,
      occurredAt: new Date("2027-03-12T00:05:00Z"),
    });
    // A draft without the discount asked the full amount: paying the discounted amount late earns nothing.
    const completedPlain = withStageDraft(scenario.observation, 2, { completed: true, earlyPaymentDiscount: false });
    expect(nextCollectionStep(scenario.contract, completedPlain, AFTER_IT_ALL)?.kind).not.toBe("grantEarlyPaymentDiscount");
  });

  it("is not granted on a cancelled stage", () => {
    const { contract, observation } = withOffer([paidOn("2027-03-11", 58_800n)], { status: "cancelled" });
    expect(nextCollectionStep(contract, observation, AFTER_IT_ALL)?.kind).not.toBe("grantEarlyPaymentDiscount");
  });
});
