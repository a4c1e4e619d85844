import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateRefund } from "../../../app/domain/contract/allocate-refunds";
import type { Cancellation, ContractState, StageState } from "../../../app/domain/contract/contract-state";
import { nextCollectionStep, PAYMENT_HOLD_HANDLE, type CollectionStep } from "../../../app/domain/contract/next-step";
import {
  isMirror,
  isMoneyBack,
  isMoneyIn,
  isStageOrderMoneyIn,
  MIRROR_REFUND_NOTE,
  type Observation,
  type ObservedOrder,
  type ObservedTransaction,
} from "../../../app/domain/contract/observation";
import { refundSources } from "../../../app/domain/contract/refund-sources";
import { refundsToRecord } from "../../../app/domain/contract/refunds-to-record";
import { canTransitionStage } from "../../../app/domain/contract/stage-status";
import {
  cardPaymentId,
  clockOn,
  CONTRACT_ID,
  contractState,
  day,
  DEPOSIT_TRANSACTION_ID,
  fixedTerms,
  FULFILLMENT_ORDER_ID,
  MAIN_ORDER_ID,
  nativeScenario,
  observation,
  observedDraft,
  observedOrder,
  openFulfillmentOrder,
  paidByCard,
  paidOnStageOrder,
  SOURCE_DRAFT_ID,
  STAGE_ORDER_DEPOSIT_TRANSACTION_ID,
  stageDraftId,
  stageOrderId,
  stageOrderScenario,
  stagePaymentId,
  stageState,
  transaction,
  withMainOrder,
  withMirror,
  withRecorded,
  withStage,
  withStageDraft,
  type Scenario,
} from "./contract-fixture";

const CLOCK = clockOn("2027-02-01");
const at = (minute: number) => new Date(Date.UTC(2027, 1, 10, 10, minute));
const sum = (amounts: readonly bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);
const next = ({ contract, observation: seen }: Scenario) => nextCollectionStep(contract, seen, CLOCK);
const change = (scenario: Scenario, contract: (c: ContractState) => ContractState): Scenario => ({ ...scenario, contract: contract(scenario.contract) });
const see = (scenario: Scenario, seen: (o: Observation) => Observation): Scenario => ({ ...scenario, observation: seen(scenario.observation) });

/** A successful refund of `parentId`, made by staff in Shopify unless the changes say otherwise. */
const refundOf = (id: string, amount: bigint, parentId: string | null, changes: Partial<ObservedTransaction> = {}) =>
  transaction(id, amount, { kind: "REFUND", parentId, processedAt: at(0), ...changes });

/** The main order shows these transactions too. */
const onMainOrder = (seen: Observation, ...transactions: ObservedTransaction[]) =>
  withMainOrder(seen, { transactions: [...(seen.mainOrder?.transactions ?? []), ...transactions] });

/** The stage order at this position shows these transactions too. */
function onStageOrder(seen: Observation, position: number, ...transactions: ObservedTransaction[]): Observation {
  const order = seen.stageOrders.get(position);
  if (!order) throw new Error(`the fixture has no stage order ${position}`);
  return { ...seen, stageOrders: new Map([...seen.stageOrders, [position, { ...order, transactions: [...order.transactions, ...transactions] }]]) };
}

/** The ledger holds these refunds, each as [ref, position, amount], and the stages show them. */
function withRecordedRefunds(contract: ContractState, ...entries: readonly (readonly [string, number | null, bigint])[]): ContractState {
  let changed: ContractState = {
    ...contract,
    recordedRefunds: new Map([...contract.recordedRefunds, ...entries.map(([ref, position, amount]) => [ref, { position, amount }] as const)]),
  };
  for (const [, position, amount] of entries) {
    if (position === null) continue;
    const stage = changed.stages.find((candidate) => candidate.position === position)!;
    changed = withStage(changed, position, { refunded: stage.refunded + amount });
  }
  return changed;
}

/** Staff recorded an offline payment on the stage (`offline:<id>` in the ledger, held outside Shopify). */
function paidOffline(contract: ContractState, position: number, amount: bigint): ContractState {
  const stage = contract.stages.find((candidate) => candidate.position === position)!;
  const paid = stage.paid + amount;
  return {
    ...withRecorded(withStage(contract, position, { paid, status: paid >= stage.amount ? "paid" : stage.status }), `offline:${position}`, position, amount),
    offlineHeld: contract.offlineHeld + amount,
  };
}

/** Every stage of the native scenario paid: the deposit at checkout, stages 2 and 3 by saved-card charges. */
const nativeAllPaid = () => paidByCard(paidByCard(nativeScenario(), 2), 3);

/** The stage-order scenario on Plus with stage 2 paid on its stage order too, both mirrored onto the main order. */
function stageOrdersMirrored(): Scenario {
  const scenario = paidOnStageOrder(stageOrderScenario(), 2);
  const plus = { ...scenario.observation, partialPaymentsAllowed: true };
  const mirrored = withMirror(withMirror(plus, "mirror-1", 36_000n), "mirror-2", 60_000n);
  return { ...scenario, observation: withMainOrder(mirrored, { paymentTerms: fixedTerms(day("2027-04-01")) }) };
}

const cancelled = (scenario: Scenario, cancellation: Cancellation | null): Scenario =>
  change(scenario, (c) => ({
    ...c,
    status: "cancelled",
    cancellation,
    stages: c.stages.map((stage) => (stage.status === "paid" || stage.status === "refunded" ? stage : { ...stage, status: "cancelled" as const })),
  }));
const REFUND_ALL: Cancellation = { settlement: "refund", amount: "all", refundedBefore: 0n };

describe("refundsToRecord", () => {
  it("a refund on a stage's own order comes off that stage, under the refund's id", () => {
    const { contract, observation: seen } = stageOrderScenario();
    const refunded = onStageOrder(seen, 1, refundOf("r1", 10_000n, STAGE_ORDER_DEPOSIT_TRANSACTION_ID));
    expect(refundsToRecord(contract, refunded)).toEqual([{ position: 1, ref: "r1", amount: 10_000n, occurredAt: at(0) }]);
  });

  it("a refund on a stage order comes off its stage even when later stages hold money", () => {
    const { contract, observation: seen } = paidOnStageOrder(stageOrderScenario(), 2);
    const refunded = onStageOrder(seen, 1, refundOf("r1", 36_000n, STAGE_ORDER_DEPOSIT_TRANSACTION_ID));
    expect(refundsToRecord(contract, refunded)).toEqual([{ position: 1, ref: "r1", amount: 36_000n, occurredAt: at(0) }]);
  });

  it("a refund of the deposit paid at checkout comes off the deposit, not the latest stage", () => {
    const { contract, observation: seen } = nativeAllPaid();
    expect(refundsToRecord(contract, onMainOrder(seen, refundOf("r", 5_000n, DEPOSIT_TRANSACTION_ID)))).toEqual([
      { position: 1, ref: "r", amount: 5_000n, occurredAt: at(0) },
    ]);
  });

  describe("a main-order refund of a payment split over stages", () => {
    // One payment of 700.00 through the order's link paid stage 2 (600.00) and 100.00 of stage 3.
    const split = (): Scenario => {
      const base = nativeScenario();
      const contract = withStage(withStage(base.contract, 2, { paid: 60_000n, status: "paid" }), 3, { paid: 10_000n });
      return {
        contract: withRecorded(withRecorded(contract, "link#2", 2, 60_000n), "link#3", 3, 10_000n),
        observation: onMainOrder(base.observation, transaction("link", 70_000n, { processedAt: new Date("2027-02-05T10:00:00Z") })),
      };
    };

    it("comes off the stages the payment paid, the later first, keyed <refund>#<position>", () => {
      const { contract, observation: seen } = split();
      expect(refundsToRecord(contract, onMainOrder(seen, refundOf("r", 30_000n, "link")))).toEqual([
        { position: 3, ref: "r#3", amount: 10_000n, occurredAt: at(0) },
        { position: 2, ref: "r#2", amount: 20_000n, occurredAt: at(0) },
      ]);
    });

    it("within one of its stages keeps the refund's own id", () => {
      const { contract, observation: seen } = split();
      expect(refundsToRecord(contract, onMainOrder(seen, refundOf("r", 4_000n, "link")))).toEqual([
        { position: 3, ref: "r", amount: 4_000n, occurredAt: at(0) },
      ]);
    });

    it("never touches the deposit while the payment's stages hold enough", () => {
      const { contract, observation: seen } = split();
      const refunds = refundsToRecord(contract, onMainOrder(seen, refundOf("r", 70_000n, "link")));
      expect(refunds.map((r) => r.position)).toEqual([3, 2]);
      expect(sum(refunds.map((r) => r.amount))).toBe(70_000n);
    });
  });

  it("ignores the app's own mirror refunds on the main order, and refunds that did not succeed", () => {
    const scenario = stageOrdersMirrored();
    const seen = onMainOrder(
      scenario.observation,
      refundOf("mirror-refund", 36_000n, "mirror-1", { mirrorRefund: true, manual: true }),
      refundOf("failed", 10_000n, "mirror-2", { status: "FAILURE" }),
      refundOf("pending", 10_000n, "mirror-2", { status: "PENDING" }),
    );
    expect(refundsToRecord(scenario.contract, seen)).toEqual([]);
  });

  it("a staff refund of a mirror names no payment of ours: it comes off the latest stages holding money", () => {
    const scenario = stageOrdersMirrored();
    const seen = onMainOrder(scenario.observation, refundOf("staff", 40_000n, "mirror-1", { manual: true }));
    expect(refundsToRecord(scenario.contract, seen)).toEqual([{ position: 2, ref: "staff", amount: 40_000n, occurredAt: at(0) }]);
  });

  it("skips refunds already recorded, whole or in parts, and counts them in what the stages still hold", () => {
    const { contract, observation: seen } = nativeAllPaid();
    const shown = onMainOrder(
      seen,
      refundOf("whole", 4_000n, cardPaymentId(3), { processedAt: at(0) }),
      refundOf("split", 30_000n, cardPaymentId(3), { processedAt: at(1) }),
      refundOf("new", 1_000n, cardPaymentId(3), { processedAt: at(2) }),
    );
    // "split" was recorded as 20_000 off stage 3 and 10_000 off stage 2 (say, from the latest stages).
    const recorded = withRecordedRefunds(contract, ["whole", 3, 4_000n], ["split#3", 3, 20_000n], ["split#2", 2, 10_000n]);
    // Stage 3 holds nothing more: the new refund of its payment spills over to stage 2.
    expect(refundsToRecord(recorded, shown)).toEqual([{ position: 2, ref: "new", amount: 1_000n, occurredAt: at(2) }]);
  });

  it("more than the stages hold: the rest is recorded as <refund>#none, once", () => {
    const { contract, observation: seen } = stageOrderScenario();
    // Staff refunded 400.00 of a 360.00 deposit order (say, shipping refunded on top): no stage holds the 40.00.
    const shown = onStageOrder(seen, 1, refundOf("over", 40_000n, STAGE_ORDER_DEPOSIT_TRANSACTION_ID));
    const refunds = refundsToRecord(contract, shown);
    expect(refunds).toEqual([
      { position: 1, ref: "over#1", amount: 36_000n, occurredAt: at(0) },
      { position: null, ref: "over#none", amount: 4_000n, occurredAt: at(0) },
    ]);
    const recorded = withRecordedRefunds(contract, ...refunds.map((r) => [r.ref, r.position, r.amount] as const));
    expect(refundsToRecord(recorded, shown)).toEqual([]);
  });

  it("a refund when no stage holds anything is recorded whole as <refund>#none", () => {
    const { contract, observation: seen } = stageOrderScenario();
    const emptied = withRecordedRefunds(contract, ["earlier", 1, 36_000n]);
    expect(refundsToRecord(emptied, onStageOrder(seen, 1, refundOf("again", 500n, STAGE_ORDER_DEPOSIT_TRANSACTION_ID)))).toEqual([
      { position: null, ref: "again#none", amount: 500n, occurredAt: at(0) },
    ]);
  });

  it("oldest first across orders, each refund seeing what the earlier ones took", () => {
    const scenario = stageOrdersMirrored();
    const seen = onStageOrder(
      onMainOrder(scenario.observation, refundOf("staff-mirror", 50_000n, "mirror-2", { manual: true, processedAt: at(1) })),
      2,
      refundOf("stage-2", 60_000n, stagePaymentId(2), { processedAt: at(2) }),
    );
    // The staff refund (earlier) takes 500.00 from stage 2, the latest holding money. The stage order's own refund of
    // 600.00 then finds 100.00 left on stage 2, spills 360.00 over to the deposit (the only other stage holding money),
    // and keeps the 140.00 no stage holds as #none.
    expect(refundsToRecord(scenario.contract, seen)).toEqual([
      { position: 2, ref: "staff-mirror", amount: 50_000n, occurredAt: at(1) },
      { position: 2, ref: "stage-2#2", amount: 10_000n, occurredAt: at(2) },
      { position: 1, ref: "stage-2#1", amount: 36_000n, occurredAt: at(2) },
      { position: null, ref: "stage-2#none", amount: 14_000n, occurredAt: at(2) },
    ]);
  });

  // A main-order payment carrying a payment reference waits while a card charge is on its way with no reference saved
  // (allocate-payments.ts): the ledger does not hold it yet. A refund of it must wait too, or it is taken off the
  // stages holding money (here the deposit, which nobody refunded) and never recorded against the payment's stage.
  it("a refund of a payment the ledger does not hold yet waits for the payment", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: null, attempts: 1 }));
    const seen = onMainOrder(
      scenario.observation,
      transaction("link-3", 24_000n, { paymentReferenceId: "checkout-3", processedAt: new Date("2027-02-05T10:00:00Z") }),
      refundOf("refund-3", 24_000n, "link-3"),
    );
    expect(refundsToRecord(scenario.contract, seen)).toEqual([]);
    expect(nextCollectionStep(scenario.contract, seen, CLOCK)?.kind).not.toBe("recordRefunds");
  });
});

describe("refundSources", () => {
  it("stage-order mode: each stage from its own order's payment, latest stage first", () => {
    const { contract, observation: seen } = stageOrdersMirrored();
    expect(refundSources(contract, seen, 96_000n)).toEqual({
      refunds: [
        { orderId: stageOrderId(2), transactions: [{ parentId: stagePaymentId(2), gateway: "shopify_payments", amount: 60_000n }] },
        { orderId: stageOrderId(1), transactions: [{ parentId: STAGE_ORDER_DEPOSIT_TRANSACTION_ID, gateway: "shopify_payments", amount: 36_000n }] },
      ],
      outsideShopify: 0n,
    });
  });

  it("stage-order mode: a stage whose card refund Shopify has not recorded yet is never refunded again from the main order's mirrors", () => {
    const { contract, observation: seen } = stageOrdersMirrored();
    // Stage 2's payment was refunded on its order (not in the ledger yet): its mirror stands for card money, not offline money.
    const refunded = onStageOrder(seen, 2, refundOf("pending-2", 60_000n, stagePaymentId(2), { status: "PENDING" }));
    const sources = refundSources(contract, refunded, 96_000n);
    expect(sources.refunds.flatMap((refund) => refund.transactions).some((transaction) => transaction.parentId.startsWith("mirror-"))).toBe(false);
    expect(sources.refunds.every((refund) => refund.orderId !== MAIN_ORDER_ID)).toBe(true);
    expect(sources.outsideShopify).toBe(0n);
  });

  it("native mode: from the main-order payments recorded on each stage, in one refund of the main order", () => {
    const { contract, observation: seen } = nativeAllPaid();
    expect(refundSources(contract, seen, 120_000n)).toEqual({
      refunds: [
        {
          orderId: MAIN_ORDER_ID,
          transactions: [
            { parentId: cardPaymentId(3), gateway: "shopify_payments", amount: 24_000n },
            { parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 60_000n },
            { parentId: DEPOSIT_TRANSACTION_ID, gateway: "shopify_payments", amount: 36_000n },
          ],
        },
      ],
      outsideShopify: 0n,
    });
  });

  it("part of the money: the latest stages first, the deposit untouched", () => {
    const { contract, observation: seen } = nativeAllPaid();
    expect(refundSources(contract, seen, 30_000n)).toEqual({
      refunds: [
        {
          orderId: MAIN_ORDER_ID,
          transactions: [
            { parentId: cardPaymentId(3), gateway: "shopify_payments", amount: 24_000n },
            { parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 6_000n },
          ],
        },
      ],
      outsideShopify: 0n,
    });
  });

  it("part of the money in stage-order mode: only the latest stage's order", () => {
    const { contract, observation: seen } = stageOrdersMirrored();
    expect(refundSources(contract, seen, 20_000n)).toEqual({
      refunds: [{ orderId: stageOrderId(2), transactions: [{ parentId: stagePaymentId(2), gateway: "shopify_payments", amount: 20_000n }] }],
      outsideShopify: 0n,
    });
  });

  it("skips what a stage gave back already", () => {
    const scenario = nativeAllPaid();
    const seen = onMainOrder(scenario.observation, refundOf("earlier", 24_000n, cardPaymentId(3)));
    const contract = withRecordedRefunds(scenario.contract, ["earlier", 3, 24_000n]);
    expect(refundSources(contract, seen, 10_000n).refunds).toEqual([
      { orderId: MAIN_ORDER_ID, transactions: [{ parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 10_000n }] },
    ]);
  });

  it("offline money the main order mirrors: refunded from the mirror", () => {
    const base = nativeScenario();
    const contract = paidOffline(base.contract, 2, 60_000n);
    const seen = onMainOrder(base.observation, transaction("mirror-offline", 60_000n, { manual: true, gateway: "manual" }));
    expect(refundSources(contract, seen, 60_000n)).toEqual({
      refunds: [{ orderId: MAIN_ORDER_ID, transactions: [{ parentId: "mirror-offline", gateway: "manual", amount: 60_000n }] }],
      outsideShopify: 0n,
    });
  });

  it("a late fee paid offline: given back outside Shopify, never out of the main order's mirror of the order's own offline money", () => {
    const base = nativeScenario();
    const mirrored = paidOffline(base.contract, 2, 60_000n);
    // The fee's offline money is no part of `offlineHeld` (contract-state.server.ts): the main order never mirrors it.
    const fee = stageState(1002, { kind: "lateFee", amount: 2_500n, paid: 2_500n, status: "paid" });
    const contract = withRecorded({ ...mirrored, stages: [...mirrored.stages, fee] }, "offline:fee", 1002, 2_500n);
    const seen = onMainOrder(base.observation, transaction("mirror-offline", 60_000n, { manual: true, gateway: "manual" }));
    expect(refundSources(contract, seen, 2_500n)).toEqual({ refunds: [], outsideShopify: 2_500n });
    // More than the fee: the rest comes from the latest plan stage as before.
    expect(refundSources(contract, seen, 12_500n)).toEqual({
      refunds: [{ orderId: MAIN_ORDER_ID, transactions: [{ parentId: "mirror-offline", gateway: "manual", amount: 10_000n }] }],
      outsideShopify: 2_500n,
    });
  });

  it("offline money no order shows (a Basic shop mirrors only the whole balance): refunded outside Shopify", () => {
    const base = stageOrderScenario();
    const contract = paidOffline(base.contract, 2, 60_000n);
    expect(refundSources(contract, base.observation, 96_000n)).toEqual({
      refunds: [{ orderId: stageOrderId(1), transactions: [{ parentId: STAGE_ORDER_DEPOSIT_TRANSACTION_ID, gateway: "shopify_payments", amount: 36_000n }] }],
      outsideShopify: 60_000n,
    });
  });

  // The rule (allocate-refunds.ts, and this function's own comment): stages latest first, the deposit last. Stage 2
  // holds 600.00 of offline money, enough for a refund of 500.00, which must all be given back outside Shopify; the
  // deposit's card payment on its stage order must not be refunded for money stage 2 holds.
  it("part of the money, offline on a later stage: given back outside Shopify from that stage, the deposit untouched", () => {
    const base = stageOrderScenario();
    const contract = paidOffline(base.contract, 2, 60_000n);
    expect(refundSources(contract, base.observation, 50_000n)).toEqual({ refunds: [], outsideShopify: 50_000n });
    expect(refundSources(contract, base.observation, 60_000n)).toEqual({ refunds: [], outsideShopify: 60_000n });
  });

  it("never asks a payment for more than it has not refunded yet (a refund the ledger does not know yet)", () => {
    const scenario = nativeAllPaid();
    const seen = onMainOrder(scenario.observation, refundOf("unrecorded", 45_000n, cardPaymentId(2)));
    const { refunds } = refundSources(scenario.contract, seen, 39_000n);
    expect(refunds).toEqual([
      {
        orderId: MAIN_ORDER_ID,
        transactions: [
          { parentId: cardPaymentId(3), gateway: "shopify_payments", amount: 24_000n },
          { parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 15_000n },
        ],
      },
    ]);
    for (const amount of [50_000n, 120_000n]) {
      const asked = refundSources(scenario.contract, seen, amount).refunds.flatMap((refund) => refund.transactions);
      expect(sum(asked.filter((t) => t.parentId === cardPaymentId(2)).map((t) => t.amount)) <= 15_000n).toBe(true);
      expect(sum(asked.map((t) => t.amount)) <= amount).toBe(true);
    }
  });

  it("a payment that paid two stages is asked once, for no more than it has left", () => {
    const base = nativeScenario();
    const contract = withRecorded(
      withRecorded(withStage(withStage(base.contract, 2, { paid: 60_000n, status: "paid" }), 3, { paid: 24_000n, status: "paid" }), "link#2", 2, 60_000n),
      "link#3",
      3,
      24_000n,
    );
    const seen = onMainOrder(base.observation, transaction("link", 84_000n), refundOf("earlier", 4_000n, "link"));
    const ledgerKnows = withRecordedRefunds(contract, ["earlier", 3, 4_000n]);
    expect(refundSources(ledgerKnows, seen, 80_000n).refunds).toEqual([
      { orderId: MAIN_ORDER_ID, transactions: [{ parentId: "link", gateway: "shopify_payments", amount: 80_000n }] },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// A tiny simulator: what the executor and Shopify do with each step, on the planner's inputs.
// ---------------------------------------------------------------------------------------------------------------------

interface World {
  readonly contract: ContractState;
  readonly observation: Observation;
}

const allOrders = (seen: Observation): ObservedOrder[] => [...(seen.mainOrder ? [seen.mainOrder] : []), ...seen.stageOrders.values()];
const refundsOn = (order: ObservedOrder, parentId: string) =>
  sum(order.transactions.filter((t) => t.parentId === parentId && t.kind === "REFUND" && t.status === "SUCCESS").map((t) => t.amount));

function replaceOrder(seen: Observation, order: ObservedOrder): Observation {
  if (seen.mainOrder?.id === order.id) return { ...seen, mainOrder: order };
  const position = [...seen.stageOrders].find(([, candidate]) => candidate.id === order.id)?.[0];
  if (position === undefined) throw new Error(`no order ${order.id}`);
  return { ...seen, stageOrders: new Map([...seen.stageOrders, [position, order]]) };
}

/** Shopify makes refunds of these payments on the order: each at most what the payment has not refunded yet. */
function shopifyRefunds(
  seen: Observation,
  orderId: string,
  transactions: readonly { parentId: string; gateway: string; amount: bigint }[],
  mirrorRefund: boolean,
): Observation {
  const order = allOrders(seen).find((candidate) => candidate.id === orderId);
  if (!order) throw new Error(`a refund on ${orderId}, which Shopify does not show`);
  let count = allOrders(seen)
    .flatMap((o) => o.transactions)
    .filter((t) => t.kind === "REFUND").length;
  let updated = order;
  for (const asked of transactions) {
    const parent = updated.transactions.find((t) => t.id === asked.parentId);
    if (!parent) throw new Error(`a refund of ${asked.parentId}, which ${orderId} does not show`);
    if (asked.amount <= 0n) throw new Error(`a refund of ${asked.amount}`);
    if (asked.amount > parent.amount - refundsOn(updated, parent.id)) throw new Error(`Shopify refuses: ${asked.amount} is more than ${parent.id} has left`);
    if (asked.gateway !== parent.gateway) throw new Error(`Shopify refuses: gateway ${asked.gateway} for a payment through ${parent.gateway}`);
    count += 1;
    const refund = transaction(`refund-${count}`, asked.amount, {
      kind: "REFUND",
      parentId: parent.id,
      gateway: parent.gateway,
      manual: parent.manual,
      mirrorRefund,
      processedAt: new Date(Date.UTC(2027, 2, 1, 10, 0, count)),
    });
    updated = {
      ...updated,
      transactions: [...updated.transactions, refund],
      outstanding: mirrorRefund ? updated.outstanding + asked.amount : updated.outstanding,
    };
  }
  return replaceOrder(seen, updated);
}

function changeStageStatus(contract: ContractState, position: number, to: StageState["status"]): ContractState {
  const stage = contract.stages.find((candidate) => candidate.position === position)!;
  if (!canTransitionStage(stage.status, to)) throw new Error(`stage ${position}: ${stage.status} cannot become ${to}`);
  return withStage(contract, position, { status: to });
}

/** The world once the executor did the step (and Shopify answered as asked). */
function applyStep({ contract, observation: seen }: World, step: CollectionStep): World {
  switch (step.kind) {
    case "recordPayments": {
      let changed = contract;
      for (const payment of step.payments) {
        if (changed.recordedPayments.has(payment.ref)) throw new Error(`payment ${payment.ref} recorded twice`);
        const stage = changed.stages.find((candidate) => candidate.position === payment.position)!;
        changed = withRecorded(withStage(changed, payment.position, { paid: stage.paid + payment.amount }), payment.ref, payment.position, payment.amount);
      }
      return { contract: changed, observation: seen };
    }
    case "recordRefunds": {
      for (const refund of step.refunds) if (contract.recordedRefunds.has(refund.ref)) throw new Error(`refund ${refund.ref} recorded twice`);
      for (const refund of step.refunds) {
        if (refund.position === null) continue;
        const stage = contract.stages.find((candidate) => candidate.position === refund.position)!;
        // The ledger refuses a refund of more than the stage holds (ledger.server.ts).
        if (refund.amount > stage.paid - stage.refunded) throw new Error(`the ledger refuses ${refund.ref}: more than stage ${refund.position} holds`);
      }
      return { contract: withRecordedRefunds(contract, ...step.refunds.map((r) => [r.ref, r.position, r.amount] as const)), observation: seen };
    }
    case "recordRefundOutsideShopify": {
      // As the executor does: off the latest stages holding money, keyed by its sequence; the offline money held goes down.
      const sequence = [...contract.recordedRefunds.keys()].filter((ref) => ref.startsWith("outside-refund:")).length + 1;
      const { parts } = allocateRefund(
        contract.stages.map((stage) => ({ position: stage.position, received: stage.paid, refunded: stage.refunded })),
        { amount: step.amount, paidStages: [] },
      );
      const ref = `outside-refund:${contract.id}:${sequence}`;
      const changed = withRecordedRefunds(contract, ...parts.map((p) => [parts.length === 1 ? ref : `${ref}#${p.position}`, p.position, p.amount] as const));
      return { contract: { ...changed, offlineHeld: changed.offlineHeld - sum(parts.map((p) => p.amount)) }, observation: seen };
    }
    case "markStagePaid":
      return { contract: changeStageStatus(contract, step.position, "paid"), observation: seen };
    case "markStageRefunded":
      return { contract: changeStageStatus(contract, step.position, "refunded"), observation: seen };
    case "mirrorRefund":
      return { contract, observation: shopifyRefunds(seen, step.orderId, step.transactions, true) };
    case "refundPayments":
      return { contract, observation: step.refunds.reduce((world, refund) => shopifyRefunds(world, refund.orderId, refund.transactions, false), seen) };
    case "cancelMainOrder":
      if (!seen.mainOrder || seen.mainOrder.fulfillmentCreatedDate !== null) throw new Error("Shopify refuses to cancel an order with fulfillments");
      return { contract, observation: withMainOrder(seen, { cancelled: true }) };
    case "closeMainOrder":
      return { contract, observation: withMainOrder(seen, { closed: true }) };
    case "deleteStageDraft":
      return { contract, observation: { ...seen, stageDrafts: new Map([...seen.stageDrafts].filter(([position]) => position !== step.position)) } };
    case "releaseHold":
      return {
        contract,
        observation: withMainOrder(seen, {
          fulfillmentOrders: seen.mainOrder!.fulfillmentOrders.map((fo) =>
            fo.id === step.fulfillmentOrderId ? { ...fo, holds: fo.holds.filter((hold) => hold.id !== step.holdId) } : fo,
          ),
        }),
      };
    default:
      throw new Error(`the simulator does not expect a ${step.kind} step here`);
  }
}

/** Drives the planner until it has nothing to do, or `limit` steps: the steps taken and where it ended. */
function drive(start: World, limit = 30): { steps: CollectionStep[]; end: World; settled: boolean } {
  let world = start;
  const steps: CollectionStep[] = [];
  for (let i = 0; i < limit; i++) {
    const step = nextCollectionStep(world.contract, world.observation, CLOCK);
    if (step === null) return { steps, end: world, settled: true };
    steps.push(step);
    world = applyStep(world, step);
  }
  return { steps, end: world, settled: false };
}

const kinds = (steps: readonly CollectionStep[]) => steps.map((step) => step.kind);

describe("nextCollectionStep: refunds while collecting", () => {
  it("records a refund once the payment it refunds is recorded: recordPayments, then recordRefunds", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }));
    const seen = onMainOrder(
      scenario.observation,
      transaction("charge-2", 60_000n, { paymentReferenceId: "card-payment-2", processedAt: new Date("2027-01-20T10:00:00Z") }),
      refundOf("refund-2", 15_000n, "charge-2"),
    );
    const first = next({ ...scenario, observation: seen });
    expect(first).toEqual({
      kind: "recordPayments",
      payments: [{ position: 2, ref: "charge-2", amount: 60_000n, occurredAt: new Date("2027-01-20T10:00:00Z") }],
    });
    const after = applyStep({ contract: scenario.contract, observation: seen }, first!);
    expect(next(after)).toEqual({ kind: "recordRefunds", refunds: [{ position: 2, ref: "refund-2", amount: 15_000n, occurredAt: at(0) }] });
  });

  it("marks a paid stage refunded once everything it received was given back, not before", () => {
    const scenario = nativeAllPaid();
    expect(next(change(scenario, (c) => withRecordedRefunds(c, ["r", 2, 59_999n])))?.kind).not.toBe("markStageRefunded");
    expect(next(change(scenario, (c) => withRecordedRefunds(c, ["r", 2, 60_000n])))).toEqual({ kind: "markStageRefunded", position: 2 });
  });

  it("a partly paid stage refunded in full is not marked refunded (it was never paid)", () => {
    const scenario = change(nativeScenario(), (c) =>
      withRecordedRefunds(withRecorded(withStage(c, 2, { paid: 10_000n, status: "invoiced" }), "part", 2, 10_000n), ["r", 2, 10_000n]),
    );
    expect(next(scenario)?.kind).not.toBe("markStageRefunded");
  });

  it("stage-order mode: a refund on a stage order is recorded, its stage marked refunded, then mirrored onto the main order", () => {
    const scenario = stageOrdersMirrored();
    const refunded = see(scenario, (seen) => onStageOrder(seen, 2, refundOf("staff-refund-2", 60_000n, stagePaymentId(2))));
    const { steps, end, settled } = drive(refunded);
    expect(settled).toBe(true);
    expect(steps).toEqual([
      { kind: "recordRefunds", refunds: [{ position: 2, ref: "staff-refund-2", amount: 60_000n, occurredAt: at(0) }] },
      { kind: "markStageRefunded", position: 2 },
      {
        kind: "mirrorRefund",
        orderId: MAIN_ORDER_ID,
        transactions: [
          { parentId: "mirror-1", gateway: "shopify_payments", amount: 36_000n },
          { parentId: "mirror-2", gateway: "shopify_payments", amount: 24_000n },
        ],
      },
    ]);
    // The mirror refund is the app's (MIRROR_REFUND_NOTE): not money back, so nothing more is recorded.
    expect(MIRROR_REFUND_NOTE).toMatch(/mirrors a refund/);
    expect(end.contract.recordedRefunds.size).toBe(1);
  });

  it("stage-order mode: a partial refund on a stage order mirrors just that much", () => {
    const scenario = stageOrdersMirrored();
    const refunded = see(scenario, (seen) => onStageOrder(seen, 1, refundOf("r", 1_000n, STAGE_ORDER_DEPOSIT_TRANSACTION_ID)));
    expect(kinds(drive(refunded).steps)).toEqual(["recordRefunds", "mirrorRefund"]);
    expect(drive(refunded).steps[1]).toEqual({
      kind: "mirrorRefund",
      orderId: MAIN_ORDER_ID,
      transactions: [{ parentId: "mirror-1", gateway: "shopify_payments", amount: 1_000n }],
    });
  });
});

describe("nextCollectionStep: a cancelled contract settles its money", () => {
  /** Native, deposit and stage 2 paid on the main order, stage 3 unpaid (cancelled). */
  const nativeTwoPaid = () => paidByCard(nativeScenario(), 2);

  it("refund all: refundPayments, recordRefunds, both stages marked refunded, then cancelMainOrder; then nothing", () => {
    const { steps, end, settled } = drive(cancelled(nativeTwoPaid(), REFUND_ALL));
    expect(settled).toBe(true);
    expect(kinds(steps)).toEqual(["refundPayments", "recordRefunds", "markStageRefunded", "markStageRefunded", "cancelMainOrder"]);
    expect(steps[0]).toEqual({
      kind: "refundPayments",
      refunds: [
        {
          orderId: MAIN_ORDER_ID,
          transactions: [
            { parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 60_000n },
            { parentId: DEPOSIT_TRANSACTION_ID, gateway: "shopify_payments", amount: 36_000n },
          ],
        },
      ],
    });
    expect(steps[4]).toEqual({ kind: "cancelMainOrder", orderId: MAIN_ORDER_ID });
    expect(end.contract.stages.map((s) => [s.status, s.refunded])).toEqual([
      ["refunded", 36_000n],
      ["refunded", 60_000n],
      ["cancelled", 0n],
    ]);
    // Idempotence: the settlement reflected in Shopify and the ledger, the planner has nothing left to do.
    expect(nextCollectionStep(end.contract, end.observation, CLOCK)).toBeNull();
  });

  it("refund all: the cancellation waits until the refunds are recorded", () => {
    const start = cancelled(nativeTwoPaid(), REFUND_ALL);
    const refunded = applyStep(start, next(start)!);
    expect(next(refunded)?.kind).toBe("recordRefunds");
  });

  it("refund all: a refund Shopify is still processing (PENDING) is never asked for again", () => {
    const start = cancelled(nativeTwoPaid(), REFUND_ALL);
    const pendingRefunds = [
      transaction("refund-pending-2", 60_000n, { kind: "REFUND", status: "PENDING", parentId: cardPaymentId(2) }),
      transaction("refund-pending-1", 36_000n, { kind: "REFUND", status: "PENDING", parentId: DEPOSIT_TRANSACTION_ID }),
    ];
    const main = start.observation.mainOrder!;
    const seen = { ...start, observation: { ...start.observation, mainOrder: { ...main, transactions: [...main.transactions, ...pendingRefunds] } } };
    expect(next(seen)?.kind).not.toBe("refundPayments");
    expect(next(seen)).toEqual({ kind: "cancelMainOrder", orderId: MAIN_ORDER_ID });
  });

  it("refund all: a refund Shopify refused is not asked for again: staff are told what is missing", () => {
    const start = cancelled(nativeTwoPaid(), REFUND_ALL);
    const main = start.observation.mainOrder!;
    const refused = transaction("refund-refused", 60_000n, { kind: "REFUND", status: "FAILURE", parentId: cardPaymentId(2), errorCode: "GENERIC_ERROR" });
    const seen = { ...start, observation: { ...start.observation, mainOrder: { ...main, transactions: [...main.transactions, refused] } } };
    expect(next(seen)).toEqual({ kind: "refundRefused", transactionId: "refund-refused", errorCode: "GENERIC_ERROR", missing: 96_000n });
  });

  it("refund part: only that much, from the latest stage, then cancelMainOrder; the stage stays paid", () => {
    const { steps, end, settled } = drive(cancelled(nativeTwoPaid(), { settlement: "refund", amount: 20_000n, refundedBefore: 0n }));
    expect(settled).toBe(true);
    expect(steps[0]).toEqual({
      kind: "refundPayments",
      refunds: [{ orderId: MAIN_ORDER_ID, transactions: [{ parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 20_000n }] }],
    });
    expect(kinds(steps)).toEqual(["refundPayments", "recordRefunds", "cancelMainOrder"]);
    expect(end.contract.stages.map((s) => [s.status, s.refunded])).toEqual([
      ["paid", 0n],
      ["paid", 20_000n],
      ["cancelled", 0n],
    ]);
  });

  it("refund part counts from what was refunded before the cancellation", () => {
    const before = see(
      change(nativeTwoPaid(), (c) => withRecordedRefunds(c, ["earlier", 2, 5_000n])),
      (seen) => onMainOrder(seen, refundOf("earlier", 5_000n, cardPaymentId(2))),
    );
    const { steps } = drive(cancelled(before, { settlement: "refund", amount: 20_000n, refundedBefore: 5_000n }));
    expect(steps[0]).toEqual({
      kind: "refundPayments",
      refunds: [{ orderId: MAIN_ORDER_ID, transactions: [{ parentId: cardPaymentId(2), gateway: "shopify_payments", amount: 20_000n }] }],
    });
  });

  it("keepAsCredit: cancelMainOrder with no refund", () => {
    const { steps, settled } = drive(cancelled(nativeTwoPaid(), { settlement: "keepAsCredit" }));
    expect(settled).toBe(true);
    expect(steps).toEqual([{ kind: "cancelMainOrder", orderId: MAIN_ORDER_ID }]);
  });

  it("close: closeMainOrder with no refund", () => {
    const { steps, settled } = drive(cancelled(nativeTwoPaid(), { settlement: "close" }));
    expect(settled).toBe(true);
    expect(steps).toEqual([{ kind: "closeMainOrder", orderId: MAIN_ORDER_ID }]);
  });

  it.each<[string, Cancellation]>([
    ["refund all", REFUND_ALL],
    ["keepAsCredit", { settlement: "keepAsCredit" }],
  ])("%s: a main order with fulfillments is closed, not cancelled", (_, cancellation) => {
    const fulfilled = see(nativeTwoPaid(), (seen) => withMainOrder(seen, { fulfillmentCreatedDate: day("2027-01-25") }));
    const { steps, settled } = drive(cancelled(fulfilled, cancellation));
    expect(settled).toBe(true);
    expect(steps.at(-1)).toEqual({ kind: "closeMainOrder", orderId: MAIN_ORDER_ID });
    expect(kinds(steps)).not.toContain("cancelMainOrder");
  });

  it("a late full payment on a cancelled stage is recorded and the stage marked paid, then refunded with the rest", () => {
    const charging = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }));
    const start = cancelled(charging, REFUND_ALL);
    const late = see(start, (seen) =>
      onMainOrder(seen, transaction("late-charge", 60_000n, { paymentReferenceId: "card-payment-2", processedAt: new Date("2027-02-01T12:05:00Z") })),
    );
    expect(late.contract.stages[1]!.status).toBe("cancelled");
    const { steps, end, settled } = drive(late);
    expect(settled).toBe(true);
    expect(kinds(steps).slice(0, 2)).toEqual(["recordPayments", "markStagePaid"]);
    expect(steps[1]).toEqual({ kind: "markStagePaid", position: 2 });
    expect(end.contract.stages.map((s) => s.status)).toEqual(["refunded", "refunded", "cancelled"]);
    expect(sum(end.contract.stages.map((s) => s.refunded))).toBe(96_000n);
  });

  it("a late full payment on a cancelled stage kept as credit: the stage ends paid, never cancelled", () => {
    const charging = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }));
    const late = see(cancelled(charging, { settlement: "keepAsCredit" }), (seen) =>
      onMainOrder(seen, transaction("late-charge", 60_000n, { paymentReferenceId: "card-payment-2", processedAt: new Date("2027-02-01T12:05:00Z") })),
    );
    const { steps, end } = drive(late);
    expect(kinds(steps)).toEqual(["recordPayments", "markStagePaid", "cancelMainOrder"]);
    expect(end.contract.stages.map((s) => s.status)).toEqual(["paid", "paid", "cancelled"]);
  });

  // The worker died between asking for stage 2's charge (its key stored) and saving Shopify's answer, and staff then
  // cancelled. allocatePayments defers main-order money carrying a payment reference until the repeated charge call saves
  // the reference, but a cancelled contract never repeats the call: the charge that did land is never recorded, so
  // "refund all" never gives it back, and the main order is cancelled (refund: false) with the buyer's 600.00 kept.
  it("refund all gives back a charge that landed while its reference was never saved", () => {
    const inFlight = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: null, attempts: 1 }));
    const landed = see(cancelled(inFlight, REFUND_ALL), (seen) =>
      onMainOrder(seen, transaction("charge-2", 60_000n, { paymentReferenceId: "mandate-payment-2", processedAt: new Date("2027-02-01T12:05:00Z") })),
    );
    const { end, settled } = drive(landed);
    expect(settled).toBe(true);
    expect(moneyBack(end)).toBe(96_000n);
    expect(refundsOn(end.observation.mainOrder!, "charge-2")).toBe(60_000n);
  });

  it("stage-order mode, refund all: the stage orders' payments, then the app's mirrors refunded, then cancelMainOrder", () => {
    const { steps, end, settled } = drive(cancelled(stageOrdersMirrored(), REFUND_ALL));
    expect(settled).toBe(true);
    expect(kinds(steps)).toEqual(["refundPayments", "recordRefunds", "markStageRefunded", "markStageRefunded", "mirrorRefund", "cancelMainOrder"]);
    expect(steps[4]).toEqual({
      kind: "mirrorRefund",
      orderId: MAIN_ORDER_ID,
      transactions: [
        { parentId: "mirror-1", gateway: "shopify_payments", amount: 36_000n },
        { parentId: "mirror-2", gateway: "shopify_payments", amount: 60_000n },
      ],
    });
    expect(nextCollectionStep(end.contract, end.observation, CLOCK)).toBeNull();
  });

  it("offline money no order shows: recorded as refunded outside Shopify, then cancelMainOrder", () => {
    const base = stageOrderScenario();
    const scenario = cancelled({ ...base, contract: paidOffline(base.contract, 2, 60_000n) }, REFUND_ALL);
    const { steps, end, settled } = drive(scenario);
    expect(settled).toBe(true);
    expect(steps[0]).toMatchObject({ kind: "refundPayments" });
    expect(steps).toContainEqual({ kind: "recordRefundOutsideShopify", amount: 60_000n });
    expect(steps.at(-1)).toEqual({ kind: "cancelMainOrder", orderId: MAIN_ORDER_ID });
    expect(end.contract.offlineHeld).toBe(0n);
    expect(end.contract.stages.map((s) => s.status)).toEqual(["refunded", "refunded", "cancelled"]);
  });

  it("deletes an open stage draft and releases the app's hold before settling", () => {
    const ourHold = { id: "gid://shopify/FulfillmentHold/1", reason: "AWAITING_PAYMENT", handle: PAYMENT_HOLD_HANDLE };
    const base = stageOrdersMirrored();
    const scenario = see(base, (seen) =>
      withMainOrder(withStageDraft(seen, 3, { invoiceSent: true }), { fulfillmentOrders: [openFulfillmentOrder({ status: "ON_HOLD", holds: [ourHold] })] }),
    );
    const { steps, settled } = drive(cancelled(scenario, { settlement: "keepAsCredit" }));
    expect(settled).toBe(true);
    expect(steps).toEqual([
      { kind: "deleteStageDraft", position: 3, draftId: stageDraftId(3) },
      { kind: "releaseHold", fulfillmentOrderId: FULFILLMENT_ORDER_ID, holdId: ourHold.id },
      { kind: "cancelMainOrder", orderId: MAIN_ORDER_ID },
    ]);
  });

  it("no step once settled, whatever the settlement (the main order cancelled or closed, every refund recorded)", () => {
    for (const cancellation of [REFUND_ALL, { settlement: "keepAsCredit" } as const, { settlement: "close" } as const]) {
      const { end } = drive(cancelled(nativeTwoPaid(), cancellation));
      expect(nextCollectionStep(end.contract, end.observation, CLOCK)).toBeNull();
      // A rerun from a fresh read of the same state: still nothing (no refund is asked twice).
      expect(nextCollectionStep({ ...end.contract }, { ...end.observation }, CLOCK)).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The property: any cancelled contract, driven step by step, settles exactly as staff chose.
// ---------------------------------------------------------------------------------------------------------------------

type Paid = "none" | "partial" | "full" | "lateFull";
type Source = "shopify" | "offline";

interface StageSpec {
  readonly amount: bigint;
  readonly paid: Paid;
  readonly partialPercent: number;
  readonly source: Source;
  readonly priorRefundPercent: number;
  readonly openDraft: boolean;
}

interface Generated {
  readonly world: World;
  /** All the money the contract received (in the ledger or still on its way). */
  readonly received: bigint;
  readonly refundedBefore: bigint;
  readonly cancellation: Cancellation;
  readonly fulfilled: boolean;
}

const stageSpecArb: fc.Arbitrary<StageSpec> = fc.record({
  amount: fc.bigInt({ min: 1n, max: 100_000n }),
  paid: fc.constantFrom<Paid>("none", "partial", "full", "full", "lateFull"),
  partialPercent: fc.integer({ min: 1, max: 99 }),
  source: fc.constantFrom<Source>("shopify", "shopify", "offline"),
  priorRefundPercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 99 })),
  openDraft: fc.boolean(),
});

const cancelledContractArb: fc.Arbitrary<Generated> = fc
  .record({
    stages: fc.array(stageSpecArb, { minLength: 1, maxLength: 4 }),
    mode: fc.constantFrom<"native" | "stageOrder">("native", "stageOrder"),
    plus: fc.boolean(),
    fulfilled: fc.boolean(),
    hold: fc.boolean(),
    settlement: fc.constantFrom("all", "amount", "keepAsCredit", "close"),
    refundPercent: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ stages: specs, mode, plus, fulfilled, hold, settlement, refundPercent }) =>
    build(specs, mode, mode === "native" || plus, fulfilled, hold, settlement, refundPercent),
  );

function build(
  specs: readonly StageSpec[],
  mode: "native" | "stageOrder",
  plus: boolean,
  fulfilled: boolean,
  hold: boolean,
  settlement: string,
  refundPercent: number,
): Generated {
  const recordedPayments = new Map<string, { position: number; amount: bigint }>();
  const recordedRefunds = new Map<string, { position: number | null; amount: bigint }>();
  const mainTransactions: ObservedTransaction[] = [];
  const stageOrders = new Map<number, ObservedOrder>();
  const stageDrafts = new Map<number, ReturnType<typeof observedDraft>>();
  let offlineHeld = 0n;
  let received = 0n;
  let refundedBefore = 0n;
  let mirrors = 0;
  const early = (position: number, minute = 0) => new Date(Date.UTC(2027, 0, 20, position, minute));

  const stages: StageState[] = specs.map((spec, index) => {
    const position = index + 1;
    const paid = spec.paid === "none" ? 0n : spec.paid === "partial" ? (spec.amount * BigInt(spec.partialPercent)) / 100n : spec.amount;
    const late = spec.paid === "lateFull";
    let stage = stageState(position, { amount: spec.amount, status: spec.paid === "full" && paid > 0n ? "paid" : "cancelled" });
    received += paid;
    if (paid > 0n && spec.source === "offline") {
      // Staff record offline money in the ledger at once: a "late" one is simply not marked paid yet.
      recordedPayments.set(`offline:${position}`, { position, amount: paid });
      stage = { ...stage, paid };
      offlineHeld += paid;
      if (plus && !late) {
        mirrors += 1;
        mainTransactions.push(transaction(`mirror-${mirrors}`, paid, { manual: true, gateway: "manual", processedAt: early(position, 30) }));
      }
    } else if (paid > 0n && mode === "native") {
      const ref = `card-${position}`;
      stage = { ...stage, chargeKey: `${CONTRACT_ID}:${position}:1`, chargeRef: ref, attempts: 1 };
      mainTransactions.push(transaction(ref, paid, { paymentReferenceId: ref, processedAt: early(position) }));
      if (!late) {
        recordedPayments.set(ref, { position, amount: paid });
        stage = { ...stage, paid };
      }
    } else if (paid > 0n) {
      const ref = `stage-${position}`;
      stageOrders.set(
        position,
        observedOrder(stageOrderId(position), { financialStatus: "PAID", transactions: [transaction(ref, paid, { processedAt: early(position) })] }),
      );
      stageDrafts.set(position, observedDraft(stageDraftId(position), { completed: true, invoiceSent: true, orderId: stageOrderId(position) }));
      stage = { ...stage, stageDraftOrderId: stageDraftId(position), stageOrderId: stageOrderId(position) };
      if (!late) {
        recordedPayments.set(ref, { position, amount: paid });
        stage = { ...stage, paid };
      }
      if (plus && !late) {
        mirrors += 1;
        mainTransactions.push(transaction(`mirror-${mirrors}`, paid, { manual: true, processedAt: early(position, 30) }));
      }
    } else if (mode === "stageOrder" && spec.openDraft) {
      stageDrafts.set(position, observedDraft(stageDraftId(position), { invoiceSent: true }));
    }
    // Staff refunded part of a stage paid through Shopify before cancelling; recorded, and (Plus) its mirror refunded.
    const prior = spec.paid === "full" && spec.source === "shopify" ? (paid * BigInt(spec.priorRefundPercent)) / 100n : 0n;
    if (prior > 0n) {
      const parentId = mode === "native" ? `card-${position}` : `stage-${position}`;
      const refund = transaction(`prior-${position}`, prior, { kind: "REFUND", parentId, processedAt: early(position, 45) });
      if (mode === "native") mainTransactions.push(refund);
      else {
        const order = stageOrders.get(position)!;
        stageOrders.set(position, { ...order, transactions: [...order.transactions, refund] });
        if (plus) {
          mainTransactions.push(
            transaction(`prior-mirror-refund-${position}`, prior, {
              kind: "REFUND",
              parentId: `mirror-${mirrors}`,
              mirrorRefund: true,
              manual: true,
              processedAt: early(position, 50),
            }),
          );
        }
      }
      recordedRefunds.set(`prior-${position}`, { position, amount: prior });
      stage = { ...stage, refunded: prior };
      refundedBefore += prior;
    }
    return stage;
  });

  // What staff could choose at cancellation: at most what was held then (contract-events.server.ts).
  const heldAtCancellation = sum(stages.map((s) => s.paid)) - refundedBefore;
  const cancellation: Cancellation =
    settlement === "all"
      ? { settlement: "refund", amount: "all", refundedBefore }
      : settlement === "amount" && heldAtCancellation > 0n
        ? { settlement: "refund", amount: (heldAtCancellation * BigInt(refundPercent)) / 100n || 1n, refundedBefore }
        : settlement === "close"
          ? { settlement: "close" }
          : { settlement: "keepAsCredit" };
  const total = sum(stages.map((s) => s.amount));
  const contract = contractState({
    mode,
    status: "cancelled",
    mainOrderId: MAIN_ORDER_ID,
    stages,
    recordedPayments,
    recordedRefunds,
    offlineHeld,
    cancellation,
  });
  const moneyOnMain = sum(mainTransactions.filter((t) => isMoneyIn(t) || isMirror(t)).map((t) => t.amount));
  const mainOrder = observedOrder(MAIN_ORDER_ID, {
    financialStatus: "PARTIALLY_PAID",
    outstanding: total - moneyOnMain,
    transactions: mainTransactions,
    fulfillmentOrders: [
      openFulfillmentOrder({ holds: hold ? [{ id: "gid://shopify/FulfillmentHold/1", reason: "AWAITING_PAYMENT", handle: PAYMENT_HOLD_HANDLE }] : [] }),
    ],
    fulfillmentCreatedDate: fulfilled ? day("2027-01-25") : null,
  });
  const seen = observation({
    sourceDraft: observedDraft(SOURCE_DRAFT_ID, { completed: true, invoiceSent: true, orderId: MAIN_ORDER_ID }),
    mainOrder,
    stageOrders,
    stageDrafts,
    partialPaymentsAllowed: plus,
  });
  return { world: { contract, observation: seen }, received, refundedBefore, cancellation, fulfilled };
}

/** Money given back, in Shopify (refunds that are not the app's mirror refunds) and outside it. */
const moneyBack = ({ contract, observation: seen }: World) =>
  sum(allOrders(seen).flatMap((order) => order.transactions.filter(isMoneyBack).map((t) => t.amount))) +
  sum([...contract.recordedRefunds].filter(([ref]) => ref.startsWith("outside-refund:")).map(([, entry]) => entry.amount));

/** Mirrors the main order shows (net of the app's mirror refunds) beyond the money held elsewhere: never above zero. */
function overMirrored({ contract, observation: seen }: World): bigint {
  const onStageOrders = [...seen.stageOrders.values()].flatMap((order) => order.transactions);
  const held =
    sum(onStageOrders.filter(isStageOrderMoneyIn).map((t) => t.amount)) - sum(onStageOrders.filter(isMoneyBack).map((t) => t.amount)) + contract.offlineHeld;
  const main = seen.mainOrder!.transactions;
  const mirrored = sum(main.filter(isMirror).map((t) => t.amount)) - sum(main.filter((t) => t.mirrorRefund && t.status === "SUCCESS").map((t) => t.amount));
  return mirrored - held;
}

const targetOf = (g: Generated): bigint | null =>
  g.cancellation.settlement !== "refund" ? null : g.cancellation.amount === "all" ? g.received : g.cancellation.refundedBefore + g.cancellation.amount;

describe("nextCollectionStep property: a cancelled contract driven to the end", () => {
  it("terminates, never refunds more than was received, leaves no fully paid stage cancelled, and ends with the target refunded", () => {
    const seenKinds = new Map<CollectionStep["kind"], number>();
    fc.assert(
      fc.property(cancelledContractArb, (g) => {
        const limit = 6 * g.world.contract.stages.length + 10;
        let world = g.world;
        let settled = false;
        for (let i = 0; i < limit; i++) {
          const step = nextCollectionStep(world.contract, world.observation, CLOCK);
          if (step === null) {
            settled = true;
            break;
          }
          seenKinds.set(step.kind, (seenKinds.get(step.kind) ?? 0) + 1);
          world = applyStep(world, step);
          expect(moneyBack(world) <= g.received).toBe(true);
          expect(sum(world.contract.stages.map((s) => s.refunded)) <= sum(world.contract.stages.map((s) => s.paid))).toBe(true);
        }
        expect(settled, `no end after ${limit} steps`).toBe(true);
        const { contract, observation: seen } = world;

        // Every payment and refund Shopify shows is in the ledger; nothing went unallocated.
        expect(sum(contract.stages.map((s) => s.paid))).toBe(g.received);
        expect(sum([...contract.recordedRefunds.values()].map((r) => r.amount))).toBe(moneyBack(world));
        expect([...contract.recordedRefunds.values()].every((r) => r.position !== null)).toBe(true);

        // Stages tell the truth about their money.
        for (const stage of contract.stages) {
          if (stage.paid >= stage.amount) expect(["paid", "refunded"]).toContain(stage.status);
          if (stage.status === "paid") expect(stage.refunded < stage.paid).toBe(true);
        }

        const refunded = sum(contract.stages.map((s) => s.refunded));
        const target = targetOf(g);
        if (target === null) expect(refunded).toBe(g.refundedBefore);
        else expect(refunded).toBe(target < g.received ? target : g.received);

        // The main order ends cancelled (or closed: close chosen, or goods shipped), nothing left open of ours.
        const closeIt = g.cancellation.settlement === "close" || g.fulfilled;
        expect(seen.mainOrder!.closed).toBe(closeIt);
        expect(seen.mainOrder!.cancelled).toBe(!closeIt);
        expect([...seen.stageDrafts.values()].every((draft) => draft.completed)).toBe(true);
        expect(seen.mainOrder!.fulfillmentOrders.every((fo) => fo.holds.every((h) => h.handle !== PAYMENT_HOLD_HANDLE))).toBe(true);
        expect(overMirrored(world) <= 0n).toBe(true);
      }),
      { numRuns: 500 },
    );
    // The runs went through every kind of step a settlement takes.
    const kindsTaken: readonly CollectionStep["kind"][] = [
      "recordPayments",
      "markStagePaid",
      "refundPayments",
      "recordRefunds",
      "markStageRefunded",
      "mirrorRefund",
      "recordRefundOutsideShopify",
      "deleteStageDraft",
      "releaseHold",
      "cancelMainOrder",
      "closeMainOrder",
    ];
    for (const kind of kindsTaken) {
      expect(seenKinds.get(kind) ?? 0, kind).toBeGreaterThan(5);
    }
  });

  it("a settlement refund follows the rule: the latest stages first, the deposit last", () => {
    fc.assert(
      fc.property(
        cancelledContractArb.filter((g) => g.cancellation.settlement === "refund"),
        (g) => {
          const { end, settled } = drive(g.world, 6 * g.world.contract.stages.length + 10);
          fc.pre(settled);
          // What each stage held once every payment was in the ledger, before the settlement refunded anything.
          const before = g.world.contract.stages.map((stage) => ({
            position: stage.position,
            received: end.contract.stages.find((s) => s.position === stage.position)!.paid,
            refunded: stage.refunded,
          }));
          const refundedNow = sum(end.contract.stages.map((s) => s.refunded)) - g.refundedBefore;
          const expected = new Map(before.map((s) => [s.position, s.refunded]));
          if (refundedNow > 0n) {
            for (const part of allocateRefund(before, { amount: refundedNow, paidStages: [] }).parts)
              expected.set(part.position, expected.get(part.position)! + part.amount);
          }
          expect(end.contract.stages.map((s) => [s.position, s.refunded])).toEqual([...expected]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
