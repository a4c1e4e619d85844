import { describe, expect, it } from "vitest";
import { allocatePayments, type AllocatedPayment } from "../../../app/domain/contract/allocate-payments";
import type { ContractState } from "../../../app/domain/contract/contract-state";
import type { Observation, ObservedTransaction } from "../../../app/domain/contract/observation";
import {
  CONTRACT_ID,
  contractState,
  ledger,
  MAIN_ORDER_ID,
  observation,
  observedOrder,
  stageOrderId,
  stageState,
  transaction,
  withStage,
} from "./contract-fixture";

/** 1200.00 as 300.00 / 500.00 / 400.00, nothing paid, nothing recorded. */
const contract = contractState({
  stages: [stageState(1, { amount: 30_000n }), stageState(2, { amount: 50_000n }), stageState(3, { amount: 40_000n })],
});

const at = (minute: number) => new Date(Date.UTC(2027, 0, 15, 10, minute));

function onMainOrder(...transactions: ObservedTransaction[]): Observation {
  return observation({ mainOrder: observedOrder(MAIN_ORDER_ID, { transactions }) });
}

const summary = (payments: readonly AllocatedPayment[]) => payments.map(({ position, ref, amount }) => ({ position, ref, amount }));

/** A saved-card charge for the stage was asked for (its key stored) and Shopify gave its payment reference. */
const charging = (state: ContractState, position: number, chargeRef = `mandate-payment-${position}`) =>
  withStage(state, position, { chargeKey: `${CONTRACT_ID}:${position}:1`, chargeRef, attempts: 1 });

/** The contract with these payments in its ledger (what an earlier run recorded). */
const recording = (state: ContractState, payments: readonly AllocatedPayment[]): ContractState => ({
  ...state,
  recordedPayments: new Map([...state.recordedPayments, ...payments.map((p) => [p.ref, { position: p.position, amount: p.amount }] as const)]),
});

/** What each stage receives, by position. */
const perStage = (state: ContractState, payments: readonly AllocatedPayment[]) =>
  state.stages.map((stage) => payments.filter((p) => p.position === stage.position).reduce((sum, p) => sum + p.amount, 0n));

describe("allocatePayments: directed money", () => {
  it("money on a stage's own order pays that stage, even while earlier stages are unpaid", () => {
    const seen = observation({
      stageOrders: new Map([[3, observedOrder(stageOrderId(3), { transactions: [transaction("s3", 40_000n, { processedAt: at(5) })] })]]),
    });
    expect(allocatePayments(contract, seen)).toEqual([{ position: 3, ref: "s3", amount: 40_000n, occurredAt: at(5) }]);
  });

  it("keeps the card that paid (brand and last digits) with each part, for the ledger", () => {
    const card = { brand: "Visa", lastDigits: "4242" };
    const seen = onMainOrder(transaction("t1", 40_000n, { processedAt: at(1), card }));
    expect(allocatePayments(contract, seen).map(({ ref, card: paidBy }) => ({ ref, paidBy }))).toEqual([
      { ref: "t1#1", paidBy: card },
      { ref: "t1#2", paidBy: card },
    ]);
  });

  it("a saved-card charge on the main order pays the stage whose charge reference it carries", () => {
    const seen = onMainOrder(transaction("c2", 50_000n, { paymentReferenceId: "mandate-payment-2", processedAt: at(1) }));
    expect(summary(allocatePayments(charging(contract, 2), seen))).toEqual([{ position: 2, ref: "c2", amount: 50_000n }]);
  });

  it("a saved-card charge pays its stage whole, even beyond the stage's amount", () => {
    const seen = onMainOrder(transaction("c2", 70_000n, { paymentReferenceId: "mandate-payment-2" }));
    expect(summary(allocatePayments(charging(contract, 2), seen))).toEqual([{ position: 2, ref: "c2", amount: 70_000n }]);
  });

  it("a payment reference no stage carries is undirected money", () => {
    const seen = onMainOrder(transaction("t1", 30_000n, { paymentReferenceId: "checkout-payment" }));
    expect(summary(allocatePayments(withStage(contract, 2, { chargeRef: "mandate-payment-2" }), seen))).toEqual([{ position: 1, ref: "t1", amount: 30_000n }]);
  });

  it("a transaction without a payment reference never matches a stage that was never charged", () => {
    const seen = onMainOrder(transaction("t1", 50_000n, { paymentReferenceId: null }));
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 1, ref: "t1#1", amount: 30_000n },
      { position: 2, ref: "t1#2", amount: 20_000n },
    ]);
  });
});

describe("allocatePayments: undirected money on the main order", () => {
  it("a deposit at checkout that covers the first stage keeps the bare transaction id", () => {
    const seen = onMainOrder(transaction("deposit", 30_000n));
    expect(allocatePayments(contract, seen)).toEqual([{ position: 1, ref: "deposit", amount: 30_000n, occurredAt: new Date("2027-01-15T10:00:00Z") }]);
  });

  it("a whole-balance payment after the deposit is split over the later stages, keyed <tx>#<position>", () => {
    const seen = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("balance", 90_000n, { processedAt: at(30) }));
    expect(allocatePayments(contract, seen)).toEqual([
      { position: 1, ref: "deposit", amount: 30_000n, occurredAt: at(0) },
      { position: 2, ref: "balance#2", amount: 50_000n, occurredAt: at(30) },
      { position: 3, ref: "balance#3", amount: 40_000n, occurredAt: at(30) },
    ]);
  });

  it("fills stages in position order, oldest payment first, whatever order Shopify lists them in", () => {
    const seen = onMainOrder(transaction("later", 50_000n, { processedAt: at(20) }), transaction("earlier", 20_000n, { processedAt: at(10) }));
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 1, ref: "earlier", amount: 20_000n },
      { position: 1, ref: "later#1", amount: 10_000n },
      { position: 2, ref: "later#2", amount: 40_000n },
    ]);
  });

  it("payments at the same instant are taken in id order", () => {
    const seen = onMainOrder(transaction("b", 30_000n, { processedAt: at(0) }), transaction("a", 30_000n, { processedAt: at(0) }));
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 1, ref: "a", amount: 30_000n },
      { position: 2, ref: "b", amount: 30_000n },
    ]);
  });

  it("stage-order money and main-order money are taken together, oldest first: a later stage-order payment never moves earlier money", () => {
    const seen = observation({
      mainOrder: observedOrder(MAIN_ORDER_ID, { transactions: [transaction("link", 90_000n, { processedAt: at(10) })] }),
      stageOrders: new Map([[3, observedOrder(stageOrderId(3), { transactions: [transaction("s3", 40_000n, { processedAt: at(20) })] })]]),
    });
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 1, ref: "link#1", amount: 30_000n },
      { position: 2, ref: "link#2", amount: 50_000n },
      { position: 3, ref: "link#3", amount: 10_000n },
      { position: 3, ref: "s3", amount: 40_000n },
    ]);
  });

  it("an earlier stage-order payment is taken before later main-order money, which then skips its stage", () => {
    const seen = observation({
      mainOrder: observedOrder(MAIN_ORDER_ID, { transactions: [transaction("link", 70_000n, { processedAt: at(10) })] }),
      stageOrders: new Map([[2, observedOrder(stageOrderId(2), { transactions: [transaction("s2", 50_000n, { processedAt: at(5) })] })]]),
    });
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 2, ref: "s2", amount: 50_000n },
      { position: 1, ref: "link#1", amount: 30_000n },
      { position: 3, ref: "link#3", amount: 40_000n },
    ]);
  });

  it("passes over a stage whose saved-card charge is on its way", () => {
    const seen = onMainOrder(transaction("link", 50_000n));
    expect(summary(allocatePayments(charging(contract, 2), seen))).toEqual([
      { position: 1, ref: "link#1", amount: 30_000n },
      { position: 3, ref: "link#3", amount: 20_000n },
    ]);
  });

  it("a stage whose charge key is stored but whose reference is not yet (the call not answered) is passed over too", () => {
    const asked = withStage(contract, 2, { chargeKey: `${CONTRACT_ID}:2:1`, attempts: 1 });
    const seen = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("link", 40_000n, { processedAt: at(1) }));
    expect(summary(allocatePayments(asked, seen))).toEqual([
      { position: 1, ref: "deposit", amount: 30_000n },
      { position: 3, ref: "link", amount: 40_000n },
    ]);
  });

  it("pays a stage whose charge is on its way when no other stage is open", () => {
    const state = { ...charging(contract, 2), recordedPayments: ledger(["deposit", 1, 30_000n], ["s3", 3, 40_000n]) };
    const seen = observation({
      mainOrder: observedOrder(MAIN_ORDER_ID, {
        transactions: [transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("link", 50_000n, { processedAt: at(10) })],
      }),
      stageOrders: new Map([[3, observedOrder(stageOrderId(3), { transactions: [transaction("s3", 40_000n, { processedAt: at(5) })] })]]),
    });
    expect(summary(allocatePayments(state, seen))).toEqual([{ position: 2, ref: "link", amount: 50_000n }]);
  });

  it("a charge on its way and a link payment: the link pays the next stage, the charge its own", () => {
    const seen = observation({
      mainOrder: observedOrder(MAIN_ORDER_ID, {
        transactions: [
          transaction("c2", 50_000n, { paymentReferenceId: "mandate-payment-2", processedAt: at(20) }),
          transaction("link", 40_000n, { processedAt: at(10) }),
        ],
      }),
      stageOrders: new Map([[1, observedOrder(stageOrderId(1), { transactions: [transaction("s1", 30_000n, { processedAt: at(0) })] })]]),
    });
    expect(summary(allocatePayments(charging(contract, 2), seen))).toEqual([
      { position: 1, ref: "s1", amount: 30_000n },
      { position: 3, ref: "link", amount: 40_000n },
      { position: 2, ref: "c2", amount: 50_000n },
    ]);
  });

  it("an overpayment lands on the last stage", () => {
    const seen = onMainOrder(transaction("everything", 130_000n));
    expect(summary(allocatePayments(contract, seen))).toEqual([
      { position: 1, ref: "everything#1", amount: 30_000n },
      { position: 2, ref: "everything#2", amount: 50_000n },
      { position: 3, ref: "everything#3", amount: 50_000n },
    ]);
  });

  it("money arriving after every stage is full goes whole onto the last stage", () => {
    const seen = onMainOrder(transaction("all", 120_000n, { processedAt: at(0) }), transaction("extra", 5_000n, { processedAt: at(1) }));
    expect(summary(allocatePayments(contract, seen)).slice(3)).toEqual([{ position: 3, ref: "extra", amount: 5_000n }]);
  });

  it("an overpayment that lands on the last stage alone keeps the bare transaction id", () => {
    const seen = onMainOrder(transaction("first", 80_000n, { processedAt: at(0) }), transaction("rest", 50_000n, { processedAt: at(1) }));
    expect(summary(allocatePayments(contract, seen))[2]).toEqual({ position: 3, ref: "rest", amount: 50_000n });
  });

  // The customer pays the whole balance (900.00) through the order's invoice link while stage 2's 500.00
  // card charge is on its way. fillOpenStages (app/domain/contract/allocate-payments.ts:70-80) fills only the
  // stages not being charged (stage 3, 400.00) and puts the other 500.00 on the last stage as an
  // "overpayment", although stage 2 is still open: stage 3 ends with 900.00, stage 2 with nothing. Should the
  // charge then be declined, declinedCharge cannot ignore it (stage 2 is unpaid): the card is retried and, after
  // three declines, a link is emailed for 500.00 the customer already paid, and the contract never completes.
  it("a whole-balance payment while a charge is on its way covers the charging stage before overflowing", () => {
    const seen = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("balance", 90_000n, { processedAt: at(30) }));
    expect(perStage(contract, allocatePayments(charging(contract, 2), seen))).toEqual([30_000n, 50_000n, 40_000n]);
  });
});

describe("allocatePayments: what is not money", () => {
  it.each<[string, Partial<ObservedTransaction>]>([
    ["a declined sale", { status: "FAILURE", errorCode: "CARD_DECLINED" }],
    ["a pending sale", { status: "PENDING" }],
    ["an authorization", { kind: "AUTHORIZATION" }],
    ["a refund", { kind: "REFUND" }],
  ])("%s", (_, changes) => {
    const seen = observation({
      mainOrder: observedOrder(MAIN_ORDER_ID, {
        transactions: [transaction("main", 30_000n, changes), transaction("card", 50_000n, { ...changes, paymentReferenceId: "mandate-payment-2" })],
      }),
      stageOrders: new Map([[3, observedOrder(stageOrderId(3), { transactions: [transaction("stage", 40_000n, changes)] })]]),
    });
    expect(allocatePayments(charging(contract, 2), seen)).toEqual([]);
  });

  it("a manual payment on the main order (a mirror of money collected elsewhere)", () => {
    const seen = onMainOrder(transaction("mirror", 30_000n, { manual: true }));
    expect(allocatePayments(contract, seen)).toEqual([]);
  });

  it("but a manual payment on a stage order is the buyer's offline payment, and pays the stage", () => {
    const seen = observation({
      stageOrders: new Map([[1, observedOrder(stageOrderId(1), { transactions: [transaction("wire", 30_000n, { manual: true })] })]]),
    });
    expect(summary(allocatePayments(contract, seen))).toEqual([{ position: 1, ref: "wire", amount: 30_000n }]);
  });

  it("a capture is money", () => {
    const seen = onMainOrder(
      transaction("auth", 30_000n, { kind: "AUTHORIZATION", processedAt: at(0) }),
      transaction("capture", 30_000n, { kind: "CAPTURE", processedAt: at(1) }),
    );
    expect(summary(allocatePayments(contract, seen))).toEqual([{ position: 1, ref: "capture", amount: 30_000n }]);
  });

  it("nothing shown, nothing to record", () => {
    expect(allocatePayments(contract, observation())).toEqual([]);
  });
});

describe("allocatePayments: the ledger is the memory", () => {
  it("returns nothing once every payment Shopify shows is recorded", () => {
    const seen = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("balance", 90_000n, { processedAt: at(30) }));
    expect(allocatePayments(recording(contract, allocatePayments(contract, seen)), seen)).toEqual([]);
  });

  it("returns only the payment not recorded yet", () => {
    const state = { ...contract, recordedPayments: ledger(["deposit", 1, 30_000n]) };
    const seen = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }), transaction("link", 20_000n, { processedAt: at(30) }));
    expect(allocatePayments(state, seen)).toEqual([{ position: 2, ref: "link", amount: 20_000n, occurredAt: at(30) }]);
  });

  it("a recorded payment keeps its stage, even where a fresh allocation would put it elsewhere, and counts against that stage", () => {
    // "t1" was recorded on stage 3 while stage 2's charge was on its way; the charge was declined since.
    const state = { ...contract, recordedPayments: ledger(["deposit", 1, 30_000n], ["t1", 3, 40_000n]) };
    const seen = onMainOrder(
      transaction("deposit", 30_000n, { processedAt: at(0) }),
      transaction("t1", 40_000n, { processedAt: at(10) }),
      transaction("link", 50_000n, { processedAt: at(20) }),
    );
    expect(summary(allocatePayments(state, seen))).toEqual([{ position: 2, ref: "link", amount: 50_000n }]);
  });

  it("a recorded split counts each part against its own stage only", () => {
    const state = { ...contract, recordedPayments: ledger(["t#1", 1, 30_000n], ["t#2", 2, 20_000n]) };
    const seen = onMainOrder(transaction("t", 50_000n, { processedAt: at(0) }), transaction("u", 30_000n, { processedAt: at(10) }));
    expect(summary(allocatePayments(state, seen))).toEqual([{ position: 2, ref: "u", amount: 30_000n }]);
  });

  it("a recorded reference that shares a prefix with a new transaction's id does not hide it", () => {
    const state = { ...contract, recordedPayments: ledger(["t1", 1, 30_000n], ["t2#2", 2, 10_000n]) };
    const seen = onMainOrder(
      transaction("t1", 30_000n, { processedAt: at(0) }),
      transaction("t10", 10_000n, { processedAt: at(1) }),
      transaction("t2", 10_000n, { processedAt: at(2) }),
    );
    expect(summary(allocatePayments(state, seen))).toEqual([{ position: 2, ref: "t10", amount: 10_000n }]);
  });

  it("a later saved-card charge adds only its own amount when earlier money filled the stages in order", () => {
    const charged = charging(contract, 3, "mandate-payment-3");
    const before = onMainOrder(transaction("deposit", 30_000n, { processedAt: at(0) }));
    const after = onMainOrder(
      transaction("deposit", 30_000n, { processedAt: at(0) }),
      transaction("c3", 40_000n, { paymentReferenceId: "mandate-payment-3", processedAt: at(5) }),
    );
    expect(summary(allocatePayments(recording(charged, allocatePayments(charged, before)), after))).toEqual([{ position: 3, ref: "c3", amount: 40_000n }]);
  });

  it("a charge that lands after undirected money filled its stage does not re-record that money", () => {
    const fourStages = contractState({
      stages: [
        stageState(1, { amount: 30_000n }),
        stageState(2, { amount: 50_000n, chargeRef: "mandate-payment-2" }),
        stageState(3, { amount: 40_000n }),
        stageState(4, { amount: 20_000n }),
      ],
    });
    const deposit = transaction("deposit", 30_000n, { processedAt: at(0) });
    const t1 = transaction("t1", 50_000n, { processedAt: at(10) });
    const first = allocatePayments(fourStages, onMainOrder(deposit, t1));
    expect(summary(first)).toEqual([
      { position: 1, ref: "deposit", amount: 30_000n },
      { position: 2, ref: "t1", amount: 50_000n },
    ]);
    const late = transaction("c2", 50_000n, { paymentReferenceId: "mandate-payment-2", processedAt: at(20) });
    expect(summary(allocatePayments(recording(fourStages, first), onMainOrder(deposit, t1, late)))).toEqual([{ position: 2, ref: "c2", amount: 50_000n }]);
  });

  // "late" reached the planner after "link" was recorded on stage 1, though Shopify dates it earlier (a payment
  // that was PENDING and succeeded later keeps its first date). allocatePayments (allocate-payments.ts:37-43)
  // walks all transactions oldest first and subtracts a recorded payment from its stage only when the walk
  // reaches it, so "late" is allocated while stage 1 still looks open: stage 1 ends with 600.00 of 300.00, stage 2
  // with nothing, and the planner goes on to collect stage 2 a second time.
  it("a new payment dated before recorded ones is allocated around them (they count from the start)", () => {
    const state = { ...contract, recordedPayments: ledger(["link", 1, 30_000n]) };
    const seen = onMainOrder(transaction("link", 30_000n, { processedAt: at(10) }), transaction("late", 30_000n, { processedAt: at(5) }));
    expect(summary(allocatePayments(state, seen))).toEqual([{ position: 2, ref: "late", amount: 30_000n }]);
  });
});

describe("a charge whose payment reference was never saved", () => {
  // The worker died between asking Shopify to charge and saving the answer: the key is stored, the reference not.
  const unsaved = withStage(contract, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: null, attempts: 1 });

  it("waits for the repeated call to save its reference instead of paying the next open stage", () => {
    const seen = onMainOrder(
      transaction("deposit", 30_000n, { processedAt: at(0) }),
      transaction("c2", 50_000n, { paymentReferenceId: "mandate-payment-2", processedAt: at(20) }),
    );
    expect(summary(allocatePayments(unsaved, seen))).toEqual([{ position: 1, ref: "deposit", amount: 30_000n }]);
  });

  it("pays its own stage once the reference is saved", () => {
    const seen = onMainOrder(transaction("c2", 50_000n, { paymentReferenceId: "mandate-payment-2", processedAt: at(20) }));
    expect(summary(allocatePayments(charging(contract, 2), seen))).toEqual([{ position: 2, ref: "c2", amount: 50_000n }]);
  });
});
