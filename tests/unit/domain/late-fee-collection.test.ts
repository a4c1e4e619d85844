import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StagePayment } from "../../../app/domain/contract/contract-state";
import { interestSoFar, lateFeePosition, lateFeeToCharge } from "../../../app/domain/contract/late-fee-stage";
import { nextCollectionStep } from "../../../app/domain/contract/next-step";
import { nextTimedAction } from "../../../app/domain/contract/stage-due";
import { addDays } from "../../../app/domain/dates/calendar-date";
import { lateFeeAsOf, lateFeeNotice, lateFeeRuleOf, type LateFee } from "../../../app/domain/payment-rules/late-fee";
import {
  clockOn,
  day,
  MAIN_ORDER_ID,
  MANDATE_ID,
  nativeScenario,
  stageOrderScenario,
  stageDraftId,
  stageOrderId,
  stageState,
  transaction,
  withMainOrder,
  withRecorded,
  withStage,
  withStageDraft,
  withStageOrder,
  type Scenario,
} from "./contract-fixture";

/** Stage 2 of the fixture (600.00, due 2027-03-01). */
const DUE = day("2027-03-01");
const FIXED: LateFee = { kind: "fixed", fee: 2_500n, graceDays: 5 };
const INTEREST: LateFee = { kind: "interest", percentPerMonth: "1.5", compound: false, graceDays: 0 };
const FIXED_NOTICE = lateFeeNotice(FIXED, DUE, 60_000n);
const INTEREST_NOTICE = lateFeeNotice(INTEREST, DUE, 60_000n);

const paidOn = (date: string, amount: bigint): StagePayment => ({ paidOn: day(date), amount, at: new Date(`${date}T15:00:00Z`) });

function overdue(scenario: Scenario, notice = FIXED_NOTICE, payments: readonly StagePayment[] = []): Scenario {
  const paid = payments.reduce((sum, payment) => sum + payment.amount, 0n);
  const status = paid >= 60_000n ? "paid" : "overdue";
  return { ...scenario, contract: withStage(scenario.contract, 2, { status, lateFee: notice, payments, paid }) };
}

/** The fee on stage 2, as the executor adds it: a stage of its own, due the day it is charged. */
function withFeeStage(scenario: Scenario, changes: Partial<Parameters<typeof stageState>[1]> = {}): Scenario {
  const fee = stageState(lateFeePosition(2), { kind: "lateFee", amount: 2_500n, issueDate: day("2027-03-07"), dueDate: day("2027-03-07"), ...changes });
  return { ...scenario, contract: { ...scenario.contract, stages: [...scenario.contract.stages, fee] } };
}

describe("which late fee is charged, and when", () => {
  it("a fixed fee of 25.00 with 5 grace days applies from 2027-03-07 on a stage due 2027-03-01", () => {
    expect(FIXED_NOTICE).toMatchObject({ kind: "fixedFee", appliesFrom: day("2027-03-07"), fee: 2_500n });
  });

  it.each([
    ["the last day of grace", "2027-03-06", [], null],
    ["the day it applies", "2027-03-07", [], { amount: 2_500n, through: day("2027-03-07") }],
    ["weeks later: the same single fee", "2027-04-20", [], { amount: 2_500n, through: day("2027-03-07") }],
    ["paid in full on the last day of grace", "2027-03-07", [paidOn("2027-03-06", 60_000n)], null],
    ["paid on the day it applies: late all the same", "2027-03-07", [paidOn("2027-03-07", 60_000n)], { amount: 2_500n, through: day("2027-03-07") }],
    [
      "10.00 left owing at the end of grace: the fee is capped at it",
      "2027-03-08",
      [paidOn("2027-03-03", 59_000n)],
      { amount: 1_000n, through: day("2027-03-07") },
    ],
  ])("fixed, %s", (_name, today, payments, expected) => {
    const stage = { amount: 60_000n, dueDate: DUE, payments, lateFee: FIXED_NOTICE };
    expect(lateFeeToCharge(stage, day(today))).toEqual(expected);
  });

  it.each([
    ["still unpaid: it grows, and is not charged yet", "2027-03-20", [], null],
    ["paid on 2027-03-11: 1.5% a month on 600.00 for the 9 days owed through 2027-03-10 is 2.70", "2027-03-11", [paidOn("2027-03-11", 60_000n)], 270n],
    [
      "paid in two parts: 300.00 owed for 4 more days after the first adds 0.60",
      "2027-03-20",
      [paidOn("2027-03-11", 30_000n), paidOn("2027-03-15", 30_000n)],
      330n,
    ],
    ["paid on the due date: nothing", "2027-03-20", [paidOn("2027-03-01", 60_000n)], null],
  ])("interest, %s", (_name, today, payments, amount) => {
    const stage = { amount: 60_000n, dueDate: DUE, payments, lateFee: INTEREST_NOTICE };
    const charge = lateFeeToCharge(stage, day(today));
    expect(charge?.amount ?? null).toBe(amount);
  });

  it.each([
    ["before it applies", "2027-03-01", [], null],
    ["600.00 owed for the 9 days 2027-03-02 to 2027-03-10", "2027-03-10", [], 270n],
    ["300.00 paid on 2027-03-05: 3 days on 600.00, 6 on 300.00", "2027-03-10", [paidOn("2027-03-05", 30_000n)], 180n],
    ["paid in full: charged, not shown as running", "2027-03-20", [paidOn("2027-03-11", 60_000n)], null],
  ])("interest so far, %s", (_name, today, payments, expected) => {
    expect(interestSoFar({ amount: 60_000n, dueDate: DUE, payments, lateFee: INTEREST_NOTICE }, day(today))).toBe(expected);
    expect(interestSoFar({ amount: 60_000n, dueDate: DUE, payments, lateFee: FIXED_NOTICE }, day(today))).toBeNull();
  });

  it("interest is counted through the day of the payment that settled the stage", () => {
    const stage = { amount: 60_000n, dueDate: DUE, payments: [paidOn("2027-03-15", 30_000n), paidOn("2027-03-11", 30_000n)], lateFee: INTEREST_NOTICE };
    expect(lateFeeToCharge(stage, day("2027-03-30"))).toEqual({ amount: 330n, through: day("2027-03-15") });
  });

  it("charges exactly what the rule itself gives: the notice keeps the rule, grace days included", () => {
    const rules = fc.oneof(
      fc.record({ kind: fc.constant("fixed" as const), fee: fc.bigInt({ min: 1n, max: 10_000_000n }), graceDays: fc.integer({ min: 0, max: 60 }) }),
      fc.record({
        kind: fc.constant("interest" as const),
        percentPerMonth: fc.integer({ min: 1, max: 500 }).map((tenths) => (tenths / 10).toString()),
        compound: fc.boolean(),
        graceDays: fc.integer({ min: 0, max: 60 }),
      }),
    );
    fc.assert(
      fc.property(
        rules,
        fc.integer({ min: 0, max: 3_000 }),
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.bigInt({ min: 1n, max: 50_000_000n })), { maxLength: 4 }),
        fc.integer({ min: 0, max: 200 }),
        (rule, dueOffset, amount, paymentDays, asOfOffset) => {
          const dueDate = addDays(day("2027-01-01"), dueOffset);
          const payments = paymentDays.map(([offset, paid]) => ({ paidOn: addDays(dueDate, offset), amount: paid }));
          const asOf = addDays(dueDate, asOfOffset);
          const fromNotice = lateFeeRuleOf(lateFeeNotice(rule, dueDate, amount), dueDate);
          const stage = { dueDate, amount, payments };
          const fee = lateFeeAsOf(fromNotice, stage, asOf);
          expect(fee).toBe(lateFeeAsOf(rule, stage, asOf));
          expect(fee >= 0n && fee <= amount).toBe(true);
        },
      ),
    );
  });
});

describe("the late fee in collection", () => {
  it("is charged on the day it applies, as a stage of its own, and only once", () => {
    const { contract, observation } = overdue(nativeScenario());
    expect(nextCollectionStep(contract, observation, clockOn("2027-03-06"))?.kind).not.toBe("chargeLateFee");
    expect(nextCollectionStep(contract, observation, clockOn("2027-03-07"))).toEqual({
      kind: "chargeLateFee",
      position: 2,
      amount: 2_500n,
      through: day("2027-03-07"),
    });
    const charged = withFeeStage(overdue(nativeScenario()), { status: "invoiced", stageDraftOrderId: "gid://shopify/DraftOrder/9" });
    const seen = withStageDraft(charged.observation, lateFeePosition(2), { invoiceSent: true });
    expect(nextCollectionStep(charged.contract, seen, clockOn("2027-03-07"))?.kind).not.toBe("chargeLateFee");
  });

  it("is charged once a late stage is paid, for interest", () => {
    const { contract, observation } = overdue(nativeScenario(), INTEREST_NOTICE, [paidOn("2027-03-11", 60_000n)]);
    const recorded = withRecorded(contract, "gid://shopify/OrderTransaction/2", 2, 60_000n);
    const seen = withMainOrder(observation, {
      outstanding: 24_000n,
      transactions: [...(observation.mainOrder?.transactions ?? []), transaction("gid://shopify/OrderTransaction/2", 60_000n)],
    });
    expect(nextCollectionStep(recorded, seen, clockOn("2027-03-11"))).toEqual({ kind: "chargeLateFee", position: 2, amount: 270n, through: day("2027-03-11") });
  });

  it("is never charged on a contract that is not being collected", () => {
    const { contract, observation } = overdue(nativeScenario());
    expect(nextCollectionStep({ ...contract, status: "cancelled" }, observation, clockOn("2027-03-07"))?.kind).not.toBe("chargeLateFee");
  });

  it.each([
    ["native", nativeScenario],
    ["stageOrder", stageOrderScenario],
  ])("is asked for by an emailed link on its own draft in %s mode, never by the saved card", (_mode, scenario) => {
    const charged = withFeeStage(overdue(scenario()));
    const withCard = withMainOrder(charged.observation, { mandateIds: [MANDATE_ID] });
    // Stage 2 itself is left to its own links; the fee stage gets a draft of its own.
    const contract = withStage(charged.contract, 2, { parked: true });
    expect(nextCollectionStep(contract, withCard, clockOn("2027-03-07"))).toEqual({ kind: "createStageDraft", position: lateFeePosition(2) });
    const drafted = withStageDraft(withCard, lateFeePosition(2));
    const linked = withStage(contract, lateFeePosition(2), { stageDraftOrderId: stageDraftId(lateFeePosition(2)) });
    expect(nextCollectionStep(linked, drafted, clockOn("2027-03-07"))).toEqual({
      kind: "sendStageDraftInvoice",
      position: lateFeePosition(2),
      draftId: "gid://shopify/DraftOrder/1102",
    });
  });

  it("money paid on the fee's order is never mirrored onto the main order, nor does main-order money pay it", () => {
    const base = withFeeStage(overdue(nativeScenario()), {
      status: "paid",
      paid: 2_500n,
      stageDraftOrderId: stageDraftId(lateFeePosition(2)),
      stageOrderId: stageOrderId(lateFeePosition(2)),
    });
    const contract = withRecorded(withStage(base.contract, 2, { parked: true }), "fee-payment", lateFeePosition(2), 2_500n);
    const seen = withStageOrder(withStageDraft(base.observation, lateFeePosition(2), { completed: true }), lateFeePosition(2), {
      outstanding: 0n,
      transactions: [transaction("fee-payment", 2_500n)],
    });
    const step = nextCollectionStep(contract, seen, clockOn("2027-03-08"));
    expect(step?.kind).not.toBe("mirrorPayments");
    // A payment through the main order's own link pays stage 2 and 3, with what is beyond them on stage 3, never the fee.
    const paidOnMain = withMainOrder(seen, {
      transactions: [...(seen.mainOrder?.transactions ?? []), transaction("main-payment", 90_000n)],
    });
    const payments = nextCollectionStep(contract, paidOnMain, clockOn("2027-03-08"));
    expect(payments).toMatchObject({ kind: "recordPayments" });
    const positions = payments?.kind === "recordPayments" ? payments.payments.map((payment) => payment.position) : [];
    expect(positions).toEqual([2, 3]);
  });

  it("the main order's payment terms follow the plan's stages, not a fee", () => {
    const base = withFeeStage(overdue(nativeScenario()), { status: "invoiced", stageDraftOrderId: stageDraftId(lateFeePosition(2)) });
    const contract = withStage(base.contract, 2, { status: "paid", paid: 60_000n });
    const recorded = withRecorded(contract, "gid://shopify/OrderTransaction/2", 2, 60_000n);
    const seen = withMainOrder(base.observation, {
      outstanding: 24_000n,
      transactions: [...(base.observation.mainOrder?.transactions ?? []), transaction("gid://shopify/OrderTransaction/2", 60_000n)],
      mandateIds: [],
    });
    const step = nextCollectionStep(recorded, withStageDraft(seen, lateFeePosition(2), { invoiceSent: true }), clockOn("2027-03-07"));
    expect(step).toMatchObject({ kind: "setPaymentTerms", orderId: MAIN_ORDER_ID, dueDate: day("2027-04-01") });
  });

  it("the due sweep wakes the stage on the day its fixed fee applies", () => {
    const timed = { status: "overdue" as const, issueDate: DUE, dueDate: DUE, nextAttemptAt: null, fixedLateFeeFrom: day("2027-03-07") };
    expect(nextTimedAction(timed, "UTC", new Date("2027-03-03T10:00:00Z"))).toEqual(new Date("2027-03-07T00:00:00Z"));
  });
});
