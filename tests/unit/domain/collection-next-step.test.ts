import { describe, expect, it } from "vitest";
import { allocatePayments } from "../../../app/domain/contract/allocate-payments";
import type { ContractState } from "../../../app/domain/contract/contract-state";
import { MAX_CHARGE_ATTEMPTS, nextCollectionStep, PAYMENT_HOLD_HANDLE, type CollectionClock } from "../../../app/domain/contract/next-step";
import type { ObservedHold } from "../../../app/domain/contract/observation";
import {
  clockOn,
  contractState,
  CONTRACT_ID,
  day,
  DEPOSIT_TRANSACTION_ID,
  fixedTerms,
  FULFILLMENT_ORDER_ID,
  MAIN_ORDER_ID,
  MANDATE_ID,
  nativeScenario,
  observation,
  observedDraft,
  observedOrder,
  openFulfillmentOrder,
  paidByCard,
  paidOnStageOrder,
  SOURCE_DRAFT_ID,
  stageDraftId,
  stageOrderId,
  stageOrderScenario,
  stagePaymentId,
  stageState,
  TERMS_ID,
  transaction,
  withMainOrder,
  withMirror,
  withRecorded,
  withStage,
  withStageDraft,
  withStageOrder,
  type Scenario,
} from "./contract-fixture";

const DAY_MS = 86_400_000;
const BEFORE_ANYTHING_IS_DUE = clockOn("2027-02-01");
const STAGE_2_DUE = clockOn("2027-03-01");

const next = ({ contract, observation }: Scenario, clock: CollectionClock = BEFORE_ANYTHING_IS_DUE) => nextCollectionStep(contract, observation, clock);
const change = (scenario: Scenario, contract: (c: ContractState) => ContractState): Scenario => ({ ...scenario, contract: contract(scenario.contract) });
const withSavedCard = (scenario: Scenario): Scenario => ({ ...scenario, observation: withMainOrder(scenario.observation, { mandateIds: [MANDATE_ID] }) });
const ourHold: ObservedHold = { id: "gid://shopify/FulfillmentHold/1", reason: "AWAITING_PAYMENT", handle: PAYMENT_HOLD_HANDLE };
const staffHold: ObservedHold = { id: "gid://shopify/FulfillmentHold/2", reason: "OTHER", handle: null };
/** Another app's payment hold: same reason as ours, not ours to release. */
const otherAppHold: ObservedHold = { id: "gid://shopify/FulfillmentHold/3", reason: "AWAITING_PAYMENT", handle: "other-app" };

describe("the scenarios start up to date", () => {
  it("native: nothing to do before a stage is due", () => {
    expect(next(nativeScenario())).toBeNull();
  });

  it("stage orders without Plus: nothing to do before a stage is due (no partial mirror possible)", () => {
    expect(next(stageOrderScenario())).toBeNull();
  });
});

describe("contracts that are not running", () => {
  it("a completed contract takes no action, even with its order cancelled, but still learns money (a refund after a return)", () => {
    const scenario = change(nativeScenario(), (c) => ({ ...c, status: "completed" }));
    const cancelled = { ...scenario, observation: withMainOrder(scenario.observation, { cancelled: true }) };
    expect(next(cancelled)).toBeNull();
    const unrecorded = change(cancelled, (c) => ({ ...c, recordedPayments: new Map() }));
    expect(next(unrecorded)?.kind).toBe("recordPayments");
  });

  // Attach stopped after emailing the first invoice but before recording it: a deposit paid meanwhile still counts.
  it("a pending contract learns what happened (payments) but takes no action", () => {
    const scenario = change(nativeScenario(), (c) => ({ ...c, status: "pending", recordedPayments: new Map() }));
    expect(next(scenario)?.kind).toBe("recordPayments");
    const recorded = change(nativeScenario(), (c) => ({ ...c, status: "pending" }));
    expect(next(recorded)?.kind).toBe("activateContract");
  });

  describe("a cancelled contract", () => {
    const cancelled = (scenario: Scenario) => change(scenario, (c) => ({ ...c, status: "cancelled" }));

    it("records money that still arrived (a charge already on its way)", () => {
      const charging = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }));
      const seen = withMainOrder(charging.observation, {
        transactions: [
          ...charging.observation.mainOrder!.transactions,
          transaction("late-charge", 60_000n, { paymentReferenceId: "card-payment-2", processedAt: new Date("2027-03-01T12:05:00Z") }),
        ],
      });
      expect(next(cancelled({ ...charging, observation: seen }))).toEqual({
        kind: "recordPayments",
        payments: [{ position: 2, ref: "late-charge", amount: 60_000n, occurredAt: new Date("2027-03-01T12:05:00Z") }],
      });
    });

    it("deletes a stage draft still open, not one already completed", () => {
      const scenario = stageOrderScenario();
      const seen = withStageDraft(scenario.observation, 2, { invoiceSent: true });
      expect(next(cancelled({ ...scenario, observation: seen }))).toEqual({ kind: "deleteStageDraft", position: 2, draftId: stageDraftId(2) });
    });

    it("releases the app's own hold", () => {
      const scenario = nativeScenario();
      const seen = withMainOrder(scenario.observation, { fulfillmentOrders: [openFulfillmentOrder({ status: "ON_HOLD", holds: [staffHold, ourHold] })] });
      expect(next(cancelled({ ...scenario, observation: seen }))).toEqual({
        kind: "releaseHold",
        fulfillmentOrderId: FULFILLMENT_ORDER_ID,
        holdId: ourHold.id,
      });
    });

    it("leaves holds staff placed, and then has nothing to do", () => {
      const scenario = nativeScenario();
      const seen = withMainOrder(scenario.observation, { fulfillmentOrders: [openFulfillmentOrder({ status: "ON_HOLD", holds: [staffHold] })] });
      expect(next(cancelled({ ...scenario, observation: seen }))).toBeNull();
    });

    it("never collects, even when a stage is due and a card is saved", () => {
      expect(next(cancelled(withSavedCard(nativeScenario())), STAGE_2_DUE)).toBeNull();
    });
  });

  it("a main order cancelled in Shopify cancels the contract before anything else", () => {
    const scenario = change(nativeScenario(), (c) => ({ ...c, recordedPayments: new Map() }));
    const step = next({ ...scenario, observation: withMainOrder(scenario.observation, { cancelled: true }) }, STAGE_2_DUE);
    expect(step).toEqual({ kind: "cancelContract", reason: `the main order ${MAIN_ORDER_ID} was cancelled in Shopify` });
  });
});

describe("learning what happened in Shopify", () => {
  it("links the main order once the source draft was completed into it, before recording its money", () => {
    const scenario = change(nativeScenario(), (c) => ({
      ...c,
      status: "awaitingDeposit",
      mainOrderId: null,
      recordedPayments: new Map(),
      stages: c.stages.map((stage) => (stage.position === 1 ? { ...stage, paid: 0n, status: "scheduled" as const } : stage)),
    }));
    expect(next(scenario)).toEqual({ kind: "linkMainOrder", orderId: MAIN_ORDER_ID, orderName: "#1001" });
  });

  it("links a stage draft found by its tag (one a crashed run made, too)", () => {
    const scenario = stageOrderScenario();
    const seen = withStageDraft(scenario.observation, 2);
    expect(next({ ...scenario, observation: seen })).toEqual({ kind: "linkStageDraft", position: 2, draftId: stageDraftId(2) });
  });

  it("links the stage order a completed stage draft became", () => {
    const scenario = change(stageOrderScenario(), (c) => withStage(c, 2, { stageDraftOrderId: stageDraftId(2) }));
    const seen = withStageOrder(withStageDraft(scenario.observation, 2, { completed: true, orderId: stageOrderId(2) }), 2, { outstanding: 60_000n });
    expect(next({ ...scenario, observation: seen })).toEqual({ kind: "linkStageOrder", position: 2, orderId: stageOrderId(2) });
  });

  it("records unrecorded payments, only those, before acting on anything", () => {
    const scenario = change(withSavedCard(nativeScenario()), (c) => withStage(c, 2, { kind: "preShipping" }));
    const seen = withMainOrder(scenario.observation, {
      outstanding: 0n,
      transactions: [...scenario.observation.mainOrder!.transactions, transaction("whole-balance", 84_000n, { processedAt: new Date("2027-02-10T09:00:00Z") })],
    });
    // Stage 2 is due and needs a hold, the terms are stale: none of it happens before the money is recorded.
    expect(next({ ...scenario, observation: seen }, STAGE_2_DUE)).toEqual({
      kind: "recordPayments",
      payments: [
        { position: 2, ref: "whole-balance#2", amount: 60_000n, occurredAt: new Date("2027-02-10T09:00:00Z") },
        { position: 3, ref: "whole-balance#3", amount: 24_000n, occurredAt: new Date("2027-02-10T09:00:00Z") },
      ],
    });
  });

  it("records only what the ledger does not hold, against the stages the ledger's payments leave open", () => {
    const scenario = nativeScenario();
    const seen = withMainOrder(scenario.observation, {
      transactions: [...scenario.observation.mainOrder!.transactions, transaction("link", 10_000n, { processedAt: new Date("2027-02-10T09:00:00Z") })],
    });
    expect(next({ ...scenario, observation: seen })).toEqual({
      kind: "recordPayments",
      payments: [{ position: 2, ref: "link", amount: 10_000n, occurredAt: new Date("2027-02-10T09:00:00Z") }],
    });
  });

  it("a payment the ledger holds on another stage stays there: nothing is recorded again or moved", () => {
    // The deposit transaction was recorded on stage 2 (say, by staff): a fresh allocation would put it on stage 1.
    const scenario = change(nativeScenario(), (c) => ({ ...c, recordedPayments: new Map([[DEPOSIT_TRANSACTION_ID, { position: 2, amount: 36_000n }]]) }));
    expect(next(scenario)?.kind).not.toBe("recordPayments");
  });

  it("the step carries allocatePayments' answer as it is", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }));
    const seen = withMainOrder(scenario.observation, {
      transactions: [
        ...scenario.observation.mainOrder!.transactions,
        transaction("link", 24_000n, { processedAt: new Date("2027-03-01T12:00:00Z") }),
        transaction("charge", 60_000n, { paymentReferenceId: "card-payment-2", processedAt: new Date("2027-03-01T12:01:00Z") }),
      ],
    });
    const step = next({ ...scenario, observation: seen }, STAGE_2_DUE);
    expect(step).toEqual({ kind: "recordPayments", payments: allocatePayments(scenario.contract, seen) });
    expect(step).toMatchObject({
      payments: [
        { position: 3, ref: "link" },
        { position: 2, ref: "charge" },
      ],
    });
  });

  it("records money on a stage order against its stage", () => {
    const scenario = change(stageOrderScenario(), (c) => withStage(c, 2, { stageDraftOrderId: stageDraftId(2), stageOrderId: stageOrderId(2) }));
    const withDraft = withStageDraft(scenario.observation, 2, { completed: true, invoiceSent: true, orderId: stageOrderId(2) });
    const seen = withStageOrder(withDraft, 2, { transactions: [transaction(stagePaymentId(2), 60_000n)] });
    expect(next({ ...scenario, observation: seen })).toMatchObject({
      kind: "recordPayments",
      payments: [{ position: 2, ref: stagePaymentId(2), amount: 60_000n }],
    });
  });
});

describe("a declined saved-card charge", () => {
  /** Stage 2 was charged (attempt `attempts`) and Shopify shows the charge failed. */
  function declined(attempts: number, errorCode: string | null = "CARD_DECLINED"): Scenario {
    const scenario = change(withSavedCard(nativeScenario()), (c) =>
      withStage(c, 2, {
        chargeKey: `${CONTRACT_ID}:2:${attempts}`,
        chargeRef: `card-payment-2-${attempts}`,
        attempts,
        status: attempts > 1 ? "failed" : "scheduled",
      }),
    );
    const failure = transaction(`failed-${attempts}`, 60_000n, { status: "FAILURE", paymentReferenceId: `card-payment-2-${attempts}`, errorCode });
    return { ...scenario, observation: withMainOrder(scenario.observation, { transactions: [...scenario.observation.mainOrder!.transactions, failure] }) };
  }

  it.each<[number, string, number | null]>([
    [1, "a day later", DAY_MS],
    [2, "three days later", 3 * DAY_MS],
    [3, "never (the link follows)", null],
  ])("after attempt %i it is retried %s", (attempts, _, delay) => {
    expect(next(declined(attempts), STAGE_2_DUE)).toEqual({
      kind: "chargeDeclined",
      position: 2,
      errorCode: "CARD_DECLINED",
      retryAt: delay === null ? null : new Date(STAGE_2_DUE.now.getTime() + delay),
    });
  });

  it("gives up after exactly MAX_CHARGE_ATTEMPTS (3) tries", () => {
    expect(MAX_CHARGE_ATTEMPTS).toBe(3);
  });

  it("says FAILURE when Shopify gave no error code", () => {
    expect(next(declined(1, null), STAGE_2_DUE)).toMatchObject({ kind: "chargeDeclined", errorCode: "FAILURE" });
  });

  it("is seen on a stage order too", () => {
    const base = stageOrderScenario();
    const scenario = change(base, (c) =>
      withStage(c, 2, {
        chargeKey: `${CONTRACT_ID}:2:1`,
        chargeRef: "card-payment-2",
        attempts: 1,
        stageDraftOrderId: stageDraftId(2),
        stageOrderId: stageOrderId(2),
      }),
    );
    const withDraft = withStageDraft(scenario.observation, 2, { completed: true, orderId: stageOrderId(2) });
    const seen = withStageOrder(withDraft, 2, {
      outstanding: 60_000n,
      transactions: [transaction("failed", 60_000n, { status: "FAILURE", paymentReferenceId: "card-payment-2", errorCode: "EXPIRED_CARD" })],
    });
    expect(next({ ...scenario, observation: seen }, STAGE_2_DUE)).toMatchObject({ kind: "chargeDeclined", position: 2, errorCode: "EXPIRED_CARD" });
  });

  it("is ignored once the stage is paid (the customer paid by link while the charge was on its way)", () => {
    const scenario = declined(1);
    const seen = withMainOrder(scenario.observation, {
      transactions: [...scenario.observation.mainOrder!.transactions, transaction("link", 60_000n, { processedAt: new Date("2027-03-01T11:00:00Z") })],
    });
    const paidByLink = change({ ...scenario, observation: seen }, (c) => withRecorded(withStage(c, 2, { paid: 60_000n }), "link", 2, 60_000n));
    expect(next(paidByLink, STAGE_2_DUE)).toEqual({ kind: "markStagePaid", position: 2 });
    const marked = change(paidByLink, (c) => withStage(c, 2, { status: "paid" }));
    expect(next(marked, STAGE_2_DUE)?.kind).not.toBe("chargeDeclined");
    const overpaid = change(paidByLink, (c) => withStage(c, 2, { paid: 70_000n, status: "paid" }));
    expect(next(overpaid, STAGE_2_DUE)?.kind).not.toBe("chargeDeclined");
  });

  it("is still seen when the stage is paid short of its amount", () => {
    const partly = change(declined(1), (c) => withRecorded(withStage(c, 2, { paid: 59_999n }), "part", 2, 59_999n));
    const seen = withMainOrder(partly.observation, {
      transactions: [...partly.observation.mainOrder!.transactions, transaction("part", 59_999n, { processedAt: new Date("2027-03-01T11:00:00Z") })],
    });
    expect(next({ ...partly, observation: seen }, STAGE_2_DUE)).toMatchObject({ kind: "chargeDeclined", position: 2, errorCode: "CARD_DECLINED" });
  });

  it("a failure of an earlier attempt (another reference) is not this charge's answer", () => {
    const scenario = declined(1);
    const retried = change(scenario, (c) => withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:2`, chargeRef: "card-payment-2-2", attempts: 2, status: "failed" }));
    expect(next(retried, clockOn("2027-03-02", "2027-03-02T13:00:00Z"))).toBeNull();
  });
});

describe("marking stages paid and the contract active", () => {
  it("marks a stage paid once its recorded money covers it", () => {
    const scenario = paidByCard(withSavedCard(nativeScenario()), 2);
    const unmarked = change(scenario, (c) => withStage(c, 2, { status: "invoiced" }));
    expect(next(unmarked, STAGE_2_DUE)).toEqual({ kind: "markStagePaid", position: 2 });
  });

  it("does not mark a stage that is short by one minor unit", () => {
    const scenario = paidByCard(withSavedCard(nativeScenario()), 2);
    const short = change(scenario, (c) => withStage(c, 2, { status: "invoiced", paid: 59_999n }));
    expect(next(short, STAGE_2_DUE)?.kind).not.toBe("markStagePaid");
  });

  it("never marks a refunded stage paid", () => {
    const scenario = paidByCard(nativeScenario(), 2);
    expect(next(change(scenario, (c) => withStage(c, 2, { status: "refunded", refunded: 60_000n })))?.kind).not.toBe("markStagePaid");
  });

  it("marks a cancelled stage paid once its whole amount arrived: money received is never relabelled", () => {
    const scenario = paidByCard(nativeScenario(), 2);
    expect(next(change(scenario, (c) => withStage(c, 2, { status: "cancelled" })))).toEqual({ kind: "markStagePaid", position: 2 });
  });

  it("activates a contract waiting for its deposit once the deposit stage is paid", () => {
    const scenario = change(nativeScenario(), (c) => ({ ...c, status: "awaitingDeposit" }));
    expect(next(scenario)).toEqual({ kind: "activateContract" });
  });

  it("marks the deposit paid before activating", () => {
    const scenario = change(nativeScenario(), (c) => withStage({ ...c, status: "awaitingDeposit" }, 1, { status: "scheduled" }));
    expect(next(scenario)).toEqual({ kind: "markStagePaid", position: 1 });
  });

  it("does not collect while waiting for the deposit", () => {
    const scenario = change(withSavedCard(nativeScenario()), (c) => ({ ...c, status: "awaitingDeposit" }));
    const unpaidDeposit = change(scenario, (c) => withStage(c, 1, { status: "scheduled", paid: 0n }));
    const seen = withMainOrder(unpaidDeposit.observation, { transactions: [], paymentTerms: fixedTerms(day("2027-01-15")) });
    expect(next({ ...unpaidDeposit, observation: seen }, STAGE_2_DUE)).toBeNull();
  });
});

describe("dating a stage that waited for an event", () => {
  /** Stage 3 waits for `trigger`; the terms already point at stage 2, the earliest dated stage. */
  function waiting(trigger: NonNullable<ContractState["stages"][number]["trigger"]>, netDays = 0): Scenario {
    return change(nativeScenario(), (c) => withStage(c, 3, { trigger, netDays, issueDate: null, dueDate: null }));
  }

  it("from a milestone staff marked", () => {
    const scenario = change(waiting({ trigger: { event: "milestone", milestone: "Ready to ship" }, steps: [] }), (c) => ({
      ...c,
      milestones: { "Ready to ship": day("2027-02-10") },
    }));
    expect(next(scenario)).toEqual({ kind: "dateStage", position: 3, issueDate: "2027-02-10", dueDate: "2027-02-10", event: 'milestone "Ready to ship"' });
  });

  it("not from another milestone", () => {
    const scenario = change(waiting({ trigger: { event: "milestone", milestone: "Ready to ship" }, steps: [] }), (c) => ({
      ...c,
      milestones: { "Design approved": day("2027-02-10") },
    }));
    expect(next(scenario)).toBeNull();
  });

  it("from the first fulfillment, a week after it", () => {
    const scenario = waiting({ trigger: { event: "fulfillmentCreated" }, steps: [{ count: 7, unit: "day" }] });
    const seen = withMainOrder(scenario.observation, { fulfillmentCreatedDate: day("2027-02-20") });
    expect(next({ ...scenario, observation: seen })).toEqual({
      kind: "dateStage",
      position: 3,
      issueDate: "2027-02-27",
      dueDate: "2027-02-27",
      event: "fulfillment created",
    });
  });

  it("from the order being fulfilled, on net 30: issued on the event, due 30 days later", () => {
    const scenario = waiting({ trigger: { event: "orderFulfilled" }, steps: [{ count: 30, unit: "day" }] }, 30);
    const seen = withMainOrder(scenario.observation, { fulfilledDate: day("2027-03-10"), fulfillmentCreatedDate: day("2027-03-05") });
    expect(next({ ...scenario, observation: seen })).toEqual({
      kind: "dateStage",
      position: 3,
      issueDate: "2027-03-10",
      dueDate: "2027-04-09",
      event: "order fulfilled",
    });
  });

  it("on the shop's working calendar frozen at attach: a due date on a holiday Friday moves to Monday", () => {
    const scenario = change(waiting({ trigger: { event: "orderFulfilled" }, steps: [{ count: 30, unit: "day" }] }, 30), (c) => ({
      ...c,
      calendar: { closedWeekdays: [6, 7], holidays: [day("2027-04-09")], move: "nextWorkingDay" },
    }));
    const seen = withMainOrder(scenario.observation, { fulfilledDate: day("2027-03-10"), fulfillmentCreatedDate: day("2027-03-05") });
    expect(next({ ...scenario, observation: seen })).toEqual({
      kind: "dateStage",
      position: 3,
      issueDate: "2027-03-10",
      dueDate: "2027-04-12",
      event: "order fulfilled",
    });
  });

  it("not from a fulfillment when it waits for the order to be fulfilled", () => {
    const scenario = waiting({ trigger: { event: "orderFulfilled" }, steps: [{ count: 30, unit: "day" }] }, 30);
    const seen = withMainOrder(scenario.observation, { fulfillmentCreatedDate: day("2027-03-05") });
    expect(next({ ...scenario, observation: seen })).toBeNull();
  });

  it("a stage already dated is not dated again", () => {
    const scenario = change(nativeScenario(), (c) => ({
      ...withStage(c, 3, { trigger: { trigger: { event: "milestone", milestone: "Ready to ship" }, steps: [] } }),
      milestones: { "Ready to ship": day("2027-02-10") },
    }));
    expect(next(scenario)).toBeNull();
  });
});

describe("the main order in stage-order mode", () => {
  /** The deposit's stage order is paid; the source draft is not yet completed into the main order. */
  function depositPaidNoMainOrder(): Scenario {
    const scenario = change(stageOrderScenario(), (c) => ({ ...c, mainOrderId: null }));
    return { ...scenario, observation: { ...scenario.observation, mainOrder: null, sourceDraft: observedDraft(SOURCE_DRAFT_ID, { invoiceSent: false }) } };
  }

  it("completes the source draft once the deposit is paid", () => {
    expect(next(depositPaidNoMainOrder())).toEqual({ kind: "completeSourceDraft" });
  });

  it("activates the contract first when it was waiting for the deposit", () => {
    expect(next(change(depositPaidNoMainOrder(), (c) => ({ ...c, status: "awaitingDeposit" })))).toEqual({ kind: "activateContract" });
  });

  it("waits while the deposit is unpaid", () => {
    const scenario = change(depositPaidNoMainOrder(), (c) =>
      withStage({ ...c, status: "awaitingDeposit", recordedPayments: new Map() }, 1, { status: "invoiced", paid: 0n }),
    );
    const seen = withStageOrder(scenario.observation, 1, { outstanding: 36_000n, transactions: [] });
    expect(next({ ...scenario, observation: seen })).toBeNull();
  });

  it("native mode leaves the source draft to Shopify's checkout", () => {
    const scenario = change(depositPaidNoMainOrder(), (c) => ({ ...c, mode: "native" }));
    expect(next(scenario)).toBeNull();
  });
});

describe("holding shipment until the pre-shipping stage is paid", () => {
  const preShipping = (scenario: Scenario) => change(scenario, (c) => withStage(c, 2, { kind: "preShipping" }));
  const withFulfillment = (scenario: Scenario, status: string, holds: ObservedHold[] = []): Scenario => ({
    ...scenario,
    observation: withMainOrder(scenario.observation, { fulfillmentOrders: [openFulfillmentOrder({ status, holds })] }),
  });

  it.each(["OPEN", "SCHEDULED", "IN_PROGRESS"])("holds a %s fulfillment order while the stage is unpaid", (status) => {
    expect(next(withFulfillment(preShipping(nativeScenario()), status))).toEqual({ kind: "holdFulfillment", fulfillmentOrderId: FULFILLMENT_ORDER_ID });
  });

  it.each([
    ["already held by the app", "ON_HOLD", [ourHold]],
    ["held by staff", "ON_HOLD", [staffHold]],
    ["closed", "CLOSED", []],
  ])("does not hold a fulfillment order %s", (_, status, holds) => {
    expect(next(withFulfillment(preShipping(nativeScenario()), status, holds))).toBeNull();
  });

  it("holds every open fulfillment order, one step each", () => {
    const scenario = preShipping(nativeScenario());
    const seen = withMainOrder(scenario.observation, {
      fulfillmentOrders: [openFulfillmentOrder({ status: "ON_HOLD", holds: [ourHold] }), openFulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/501" })],
    });
    expect(next({ ...scenario, observation: seen })).toEqual({ kind: "holdFulfillment", fulfillmentOrderId: "gid://shopify/FulfillmentOrder/501" });
  });

  it("does not hold when no stage is a pre-shipping stage", () => {
    expect(next(nativeScenario())).toBeNull();
  });

  it("releases the app's hold once the stage is paid, whatever the fulfillment order's status", () => {
    const paid = paidByCard(preShipping(nativeScenario()), 2);
    const held = withFulfillment(paid, "ON_HOLD", [staffHold, ourHold]);
    expect(next(held)).toEqual({ kind: "releaseHold", fulfillmentOrderId: FULFILLMENT_ORDER_ID, holdId: ourHold.id });
  });

  it.each([
    ["staff placed", staffHold],
    ["another app placed for payment", otherAppHold],
  ])("never releases a hold %s", (_, hold) => {
    const paid = paidByCard(preShipping(nativeScenario()), 2);
    const held = withFulfillment(paid, "ON_HOLD", [hold]);
    // The terms then move to stage 3; the staff hold stays.
    expect(next(held)).toEqual({ kind: "setPaymentTerms", orderId: MAIN_ORDER_ID, termsId: TERMS_ID, dueDate: "2027-04-01" });
  });
});

describe("mirroring stage-order money onto the main order", () => {
  const plus = (scenario: Scenario): Scenario => ({ ...scenario, observation: { ...scenario.observation, partialPaymentsAllowed: true } });

  it("Plus: mirrors what the stage orders collected", () => {
    expect(next(plus(stageOrderScenario()))).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: 36_000n });
  });

  it("Plus: mirrors only what is not mirrored yet", () => {
    const scenario = plus(paidOnStageOrder(stageOrderScenario(), 2));
    const seen = withMirror(scenario.observation, "mirror-1", 36_000n);
    expect(next({ ...scenario, observation: seen })).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: 60_000n });
  });

  it("Plus: never more than the main order's outstanding balance", () => {
    const scenario = plus(paidOnStageOrder(stageOrderScenario(), 2));
    const seen = withMainOrder(scenario.observation, { outstanding: 50_000n });
    expect(next({ ...scenario, observation: seen })).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: 50_000n });
  });

  it("Plus: nothing once everything collected is mirrored", () => {
    const scenario = plus(stageOrderScenario());
    expect(next({ ...scenario, observation: withMirror(scenario.observation, "mirror-1", 36_000n) })).toBeNull();
  });

  it("a declined or pending stage-order transaction is not mirrored", () => {
    const scenario = plus(stageOrderScenario());
    const mirroredDeposit = withMirror(scenario.observation, "mirror-1", 36_000n);
    const seen = withStageOrder(mirroredDeposit, 2, {
      outstanding: 60_000n,
      transactions: [transaction("declined", 60_000n, { status: "FAILURE" }), transaction("pending", 60_000n, { status: "PENDING" })],
    });
    const linked = change({ ...scenario, observation: withStageDraft(seen, 2, { completed: true, orderId: stageOrderId(2) }) }, (c) =>
      withStage(c, 2, { stageDraftOrderId: stageDraftId(2), stageOrderId: stageOrderId(2) }),
    );
    expect(next(linked)).toBeNull();
  });

  it("without Plus: nothing while the stage orders collected less than the balance", () => {
    const scenario = paidOnStageOrder(stageOrderScenario(), 2);
    const termsOnStage3 = withMainOrder(scenario.observation, { paymentTerms: fixedTerms(day("2027-04-01")) });
    expect(next({ ...scenario, observation: termsOnStage3 })).toBeNull();
  });

  it("without Plus: the whole balance once everything is collected", () => {
    const everything = paidOnStageOrder(paidOnStageOrder(stageOrderScenario(), 2), 3);
    expect(next(everything)).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: "wholeBalance" });
  });

  it("nothing when the main order has no balance left", () => {
    const everything = paidOnStageOrder(paidOnStageOrder(stageOrderScenario(), 2), 3);
    const settled = withMainOrder(everything.observation, { outstanding: 0n, financialStatus: "PAID" });
    expect(next({ ...everything, observation: settled })?.kind).not.toBe("mirrorPayments");
  });
});

describe("moving the main order's payment terms", () => {
  it("to the earliest unpaid stage's due date", () => {
    expect(next(paidByCard(nativeScenario(), 2))).toEqual({ kind: "setPaymentTerms", orderId: MAIN_ORDER_ID, termsId: TERMS_ID, dueDate: "2027-04-01" });
  });

  it("creates terms when the order has none", () => {
    const scenario = nativeScenario();
    expect(next({ ...scenario, observation: withMainOrder(scenario.observation, { paymentTerms: null }) })).toEqual({
      kind: "setPaymentTerms",
      orderId: MAIN_ORDER_ID,
      termsId: null,
      dueDate: "2027-03-01",
    });
  });

  it("replaces terms whose schedule is completed", () => {
    const scenario = nativeScenario();
    expect(next({ ...scenario, observation: withMainOrder(scenario.observation, { paymentTerms: fixedTerms(null) }) })).toMatchObject({
      kind: "setPaymentTerms",
      dueDate: "2027-03-01",
    });
  });

  it("an overdue stage keeps the terms on its date", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { status: "overdue", stageDraftOrderId: stageDraftId(2) }));
    const seen = withStageDraft(scenario.observation, 2, { invoiceSent: true });
    expect(next({ ...scenario, observation: seen }, clockOn("2027-03-10"))).toBeNull();
  });

  it("undated stages are skipped: the terms go to the first dated one", () => {
    const scenario = change(nativeScenario(), (c) =>
      withStage(c, 2, { issueDate: null, dueDate: null, trigger: { trigger: { event: "milestone", milestone: "Ready to ship" }, steps: [] } }),
    );
    expect(next(scenario)).toMatchObject({ kind: "setPaymentTerms", dueDate: "2027-04-01" });
  });
});

describe("collecting a stage in native mode", () => {
  it("charges the saved card on the main order for exactly the stage amount on its due date", () => {
    expect(next(withSavedCard(nativeScenario()), STAGE_2_DUE)).toEqual({
      kind: "chargeMandate",
      position: 2,
      orderId: MAIN_ORDER_ID,
      mandateId: MANDATE_ID,
      amount: 60_000n,
      attempt: 1,
      idempotencyKey: `${CONTRACT_ID}:2:1`,
    });
  });

  it("not the day before, when the buyer was already told of the charge", () => {
    const told = change(withSavedCard(nativeScenario()), (c) => withStage(c, 2, { chargeNoticeFor: day("2027-03-01") }));
    expect(next(told, clockOn("2027-02-28", "2027-02-28T23:59:59Z"))).toBeNull();
  });

  it.each([
    ["three days before", "2027-02-26"],
    ["the day before (the worker was down on the notice day)", "2027-02-28"],
  ])("tells the buyer of the charge %s, once per due date", (_when, today) => {
    const scenario = withSavedCard(nativeScenario());
    const clock = clockOn(today, `${today}T12:00:00Z`);
    expect(next(scenario, clock)).toEqual({ kind: "noticeUpcomingCharge", position: 2, chargeOn: "2027-03-01" });
    // A due date moved by a schedule change is a new charge to tell of.
    const toldOfAnother = change(scenario, (c) => withStage(c, 2, { chargeNoticeFor: day("2027-02-20") }));
    expect(next(toldOfAnother, clock)).toEqual({ kind: "noticeUpcomingCharge", position: 2, chargeOn: "2027-03-01" });
  });

  it.each([
    ["four days before", "2027-02-25"],
    ["without a saved card", "2027-02-27"],
  ])("tells of no charge %s", (when, today) => {
    const scenario = when === "without a saved card" ? nativeScenario() : withSavedCard(nativeScenario());
    expect(next(scenario, clockOn(today, `${today}T12:00:00Z`))).toBeNull();
  });

  it("a stage whose link was emailed is not charged as well, even once a saved card appears", () => {
    const scenario = withSavedCard(nativeScenario());
    const linked = { ...scenario, observation: withStageDraft(scenario.observation, 2, { invoiceSent: true }) };
    expect(next(linked, STAGE_2_DUE)?.kind).not.toBe("chargeMandate");
  });

  it("a charge in flight (key and reference stored, no answer yet) is left alone", () => {
    const scenario = change(withSavedCard(nativeScenario()), (c) =>
      withStage(c, 2, { chargeKey: `${CONTRACT_ID}:2:1`, chargeRef: "card-payment-2", attempts: 1 }),
    );
    expect(next(scenario, STAGE_2_DUE)).toBeNull();
  });

  it.each([
    [1, "scheduled"],
    [2, "failed"],
  ] as const)("a charge asked for (attempt %i) without a stored answer is asked again with the same key", (attempts, status) => {
    const chargeKey = `${CONTRACT_ID}:2:${attempts}`;
    const scenario = change(withSavedCard(nativeScenario()), (c) => withStage(c, 2, { chargeKey, attempts, status }));
    expect(next(scenario, clockOn("2027-03-05"))).toEqual({
      kind: "chargeMandate",
      position: 2,
      orderId: MAIN_ORDER_ID,
      mandateId: MANDATE_ID,
      amount: 60_000n,
      attempt: attempts,
      idempotencyKey: chargeKey,
    });
  });

  describe("a declined stage", () => {
    const retryAt = new Date("2027-03-02T12:00:00Z");
    const failed = (attempts: number) =>
      change(withSavedCard(nativeScenario()), (c) => withStage(c, 2, { status: "failed", attempts, nextAttemptAt: attempts < 3 ? retryAt : null }));

    it("is not retried before its retry time", () => {
      expect(next(failed(1), clockOn("2027-03-02", "2027-03-02T11:59:59Z"))).toBeNull();
    });

    it("is retried at its retry time as the next attempt", () => {
      expect(next(failed(1), clockOn("2027-03-02", "2027-03-02T12:00:00Z"))).toMatchObject({
        kind: "chargeMandate",
        attempt: 2,
        idempotencyKey: `${CONTRACT_ID}:2:2`,
        amount: 60_000n,
      });
    });

    it("after three attempts falls back to a link: a stage draft, its invoice, then marked invoiced", () => {
      const clock = clockOn("2027-03-06");
      const scenario = failed(3);
      expect(next(scenario, clock)).toEqual({ kind: "createStageDraft", position: 2 });

      const drafted = change({ ...scenario, observation: withStageDraft(scenario.observation, 2) }, (c) =>
        withStage(c, 2, { stageDraftOrderId: stageDraftId(2) }),
      );
      expect(next(drafted, clock)).toEqual({ kind: "sendStageDraftInvoice", position: 2, draftId: stageDraftId(2) });

      const sent = { ...drafted, observation: withStageDraft(drafted.observation, 2, { invoiceSent: true }) };
      expect(next(sent, clock)).toEqual({ kind: "markInvoiced", position: 2 });

      // Invoiced after its due date: overdue at once.
      expect(
        next(
          change(sent, (c) => withStage(c, 2, { status: "invoiced" })),
          clock,
        ),
      ).toEqual({ kind: "markOverdue", position: 2 });
    });
  });

  it("charges what is left of a partly paid stage", () => {
    const scenario = change(withSavedCard(nativeScenario()), (c) => withRecorded(withStage(c, 2, { paid: 10_000n }), "part", 2, 10_000n));
    const seen = withMainOrder(scenario.observation, {
      outstanding: 74_000n,
      transactions: [...scenario.observation.mainOrder!.transactions, transaction("part", 10_000n, { processedAt: new Date("2027-02-10T09:00:00Z") })],
    });
    expect(next({ ...scenario, observation: seen }, STAGE_2_DUE)).toMatchObject({ kind: "chargeMandate", position: 2, amount: 50_000n });
  });
});

describe("collecting a stage by link", () => {
  it("creates the stage draft on the due date", () => {
    expect(next(nativeScenario(), STAGE_2_DUE)).toEqual({ kind: "createStageDraft", position: 2 });
  });

  it("sends the draft's invoice, then marks the stage invoiced", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { stageDraftOrderId: stageDraftId(2) }));
    expect(next({ ...scenario, observation: withStageDraft(scenario.observation, 2) }, STAGE_2_DUE)).toEqual({
      kind: "sendStageDraftInvoice",
      position: 2,
      draftId: stageDraftId(2),
    });
    expect(next({ ...scenario, observation: withStageDraft(scenario.observation, 2, { invoiceSent: true }) }, STAGE_2_DUE)).toEqual({
      kind: "markInvoiced",
      position: 2,
    });
  });

  /** Stage 2 invoiced by link in native mode: its draft sent, nothing paid. */
  const invoiced = () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { stageDraftOrderId: stageDraftId(2), status: "invoiced" }));
    return { ...scenario, observation: withStageDraft(scenario.observation, 2, { invoiceSent: true }) };
  };

  it("an invoiced stage is not overdue on its due date", () => {
    expect(next(invoiced(), STAGE_2_DUE)).toBeNull();
  });

  it("an invoiced stage is overdue the day after", () => {
    expect(next(invoiced(), clockOn("2027-03-02"))).toEqual({ kind: "markOverdue", position: 2 });
  });

  it("an overdue stage is left for reminders (no new invoice, no second overdue)", () => {
    expect(
      next(
        change(invoiced(), (c) => withStage(c, 2, { status: "overdue" })),
        clockOn("2027-03-20"),
      ),
    ).toBeNull();
  });

  it("a stage order left with a balance gets its invoice sent", () => {
    const scenario = change(stageOrderScenario(), (c) =>
      withStage(c, 2, { stageDraftOrderId: stageDraftId(2), stageOrderId: stageOrderId(2), status: "failed", attempts: 3 }),
    );
    const withDraft = withStageDraft(scenario.observation, 2, { completed: true, invoiceSent: false, orderId: stageOrderId(2) });
    const seen = withStageOrder(withDraft, 2, { outstanding: 60_000n, paymentUrl: "https://shop.example/pay/2" });
    expect(next({ ...scenario, observation: seen }, clockOn("2027-03-06"))).toEqual({
      kind: "sendStageOrderInvoice",
      position: 2,
      orderId: stageOrderId(2),
      payUrl: "https://shop.example/pay/2",
    });
    // Once invoiced it is not sent again.
    expect(next({ contract: withStage(scenario.contract, 2, { status: "invoiced" }), observation: seen }, clockOn("2027-03-06"))?.kind).not.toBe(
      "sendStageOrderInvoice",
    );
  });

  it("a parked stage is skipped; the next one still goes on", () => {
    const parked = change(nativeScenario(), (c) => withStage(c, 2, { parked: true }));
    expect(next(parked, STAGE_2_DUE)).toBeNull();
    expect(next(parked, clockOn("2027-04-01"))).toEqual({ kind: "createStageDraft", position: 3 });
  });

  it("a parked invoiced stage is not marked overdue", () => {
    const scenario = change(nativeScenario(), (c) => withStage(c, 2, { parked: true, status: "invoiced", stageDraftOrderId: stageDraftId(2) }));
    const seen = withStageDraft(scenario.observation, 2, { invoiceSent: true });
    expect(next({ ...scenario, observation: seen }, clockOn("2027-03-15"))).toBeNull();
  });

  it("the deposit stage is never collected by the planner (checkout collects it)", () => {
    const scenario = change(nativeScenario(), (c) => ({ ...withStage(c, 1, { status: "scheduled", paid: 0n }), recordedPayments: new Map() }));
    const seen = withMainOrder(scenario.observation, { transactions: [], outstanding: 120_000n, paymentTerms: fixedTerms(day("2027-01-15")) });
    expect(next({ ...scenario, observation: seen }, clockOn("2027-01-20"))).toBeNull();
  });
});

describe("collecting a stage in stage-order mode with a saved card", () => {
  /** The deposit was paid with a card that Shopify saved on the deposit's stage order. */
  function withCardOnDeposit(): Scenario {
    const scenario = stageOrderScenario();
    return { ...scenario, observation: withStageOrder(scenario.observation, 1, { ...scenario.observation.stageOrders.get(1)!, mandateIds: [MANDATE_ID] }) };
  }

  it("creates the stage draft, completes it, then charges the stage order's whole balance", () => {
    const scenario = withCardOnDeposit();
    expect(next(scenario, STAGE_2_DUE)).toEqual({ kind: "createStageDraft", position: 2 });

    const drafted = change({ ...scenario, observation: withStageDraft(scenario.observation, 2) }, (c) =>
      withStage(c, 2, { stageDraftOrderId: stageDraftId(2) }),
    );
    expect(next(drafted, STAGE_2_DUE)).toEqual({ kind: "completeStageDraft", position: 2, draftId: stageDraftId(2) });

    const ordered = change(
      {
        ...drafted,
        observation: withStageOrder(withStageDraft(drafted.observation, 2, { completed: true, orderId: stageOrderId(2) }), 2, { outstanding: 60_000n }),
      },
      (c) => withStage(c, 2, { stageOrderId: stageOrderId(2) }),
    );
    expect(next(ordered, STAGE_2_DUE)).toEqual({
      kind: "chargeMandate",
      position: 2,
      orderId: stageOrderId(2),
      mandateId: MANDATE_ID,
      amount: null,
      attempt: 1,
      idempotencyKey: `${CONTRACT_ID}:2:1`,
    });
  });

  it("a charge asked for without a stored answer is asked again on the stage order", () => {
    const scenario = withCardOnDeposit();
    const asked = change(
      {
        ...scenario,
        observation: withStageOrder(withStageDraft(scenario.observation, 2, { completed: true, orderId: stageOrderId(2) }), 2, { outstanding: 60_000n }),
      },
      (c) => withStage(c, 2, { stageDraftOrderId: stageDraftId(2), stageOrderId: stageOrderId(2), chargeKey: `${CONTRACT_ID}:2:1`, attempts: 1 }),
    );
    expect(next(asked, STAGE_2_DUE)).toMatchObject({ kind: "chargeMandate", orderId: stageOrderId(2), idempotencyKey: `${CONTRACT_ID}:2:1`, attempt: 1 });
  });
});

describe("net terms", () => {
  /** Stage 2 paid; stage 3 on net 30: issued 2027-04-01, due 2027-05-01, and the terms already point there. */
  function netThirty(savedCard: boolean): Scenario {
    const base = paidByCard(savedCard ? withSavedCard(nativeScenario()) : nativeScenario(), 2);
    const scenario = change(base, (c) => withStage(c, 3, { netDays: 30, issueDate: day("2027-04-01"), dueDate: day("2027-05-01") }));
    return { ...scenario, observation: withMainOrder(scenario.observation, { paymentTerms: fixedTerms(day("2027-05-01")) }) };
  }

  it("a link goes out on the issue date, not before", () => {
    expect(next(netThirty(false), clockOn("2027-03-31"))).toBeNull();
    expect(next(netThirty(false), clockOn("2027-04-01"))).toEqual({ kind: "createStageDraft", position: 3 });
  });

  it("a saved card is charged on the due date, not the issue date", () => {
    expect(next(netThirty(true), clockOn("2027-04-01"))).toBeNull();
    expect(next(netThirty(true), clockOn("2027-05-01"))).toMatchObject({
      kind: "chargeMandate",
      position: 3,
      amount: 24_000n,
      idempotencyKey: `${CONTRACT_ID}:3:1`,
    });
  });
});

describe("a plan whose first stage is not at checkout (net terms from the order)", () => {
  /**
   * Attached on 2027-01-15 on payment terms: the source draft completed into the main order (nothing paid, its terms
   * due on stage 1's date), the contract active; 600.00 due 2027-02-15 and 600.00 due 2027-03-15.
   */
  function fromTheOrder(mode: ContractState["mode"]): Scenario {
    const contract = contractState({
      mode,
      status: "active",
      firstStageAtCheckout: false,
      mainOrderId: MAIN_ORDER_ID,
      stages: [
        stageState(1, { amount: 60_000n, issueDate: day("2027-02-15"), dueDate: day("2027-02-15") }),
        stageState(2, { amount: 60_000n, issueDate: day("2027-03-15"), dueDate: day("2027-03-15") }),
      ],
    });
    const mainOrder = observedOrder(MAIN_ORDER_ID, {
      outstanding: 120_000n,
      fulfillmentOrders: [openFulfillmentOrder()],
      paymentTerms: fixedTerms(day("2027-02-15")),
    });
    const sourceDraft = observedDraft(SOURCE_DRAFT_ID, { completed: true, orderId: MAIN_ORDER_ID });
    return { contract, observation: observation({ sourceDraft, mainOrder, partialPaymentsAllowed: mode === "native" }) };
  }
  const STAGE_1_DUE = clockOn("2027-02-15");

  it.each(["native", "stageOrder"] as const)("%s: nothing to do before stage 1 is due; then stage 1 is collected like a later stage", (mode) => {
    expect(next(fromTheOrder(mode))).toBeNull();
    expect(next(fromTheOrder(mode), STAGE_1_DUE)).toEqual({ kind: "createStageDraft", position: 1 });

    const drafted = change(fromTheOrder(mode), (c) => withStage(c, 1, { stageDraftOrderId: stageDraftId(1) }));
    const seen = withStageDraft(drafted.observation, 1);
    expect(next({ ...drafted, observation: seen }, STAGE_1_DUE)).toEqual({ kind: "sendStageDraftInvoice", position: 1, draftId: stageDraftId(1) });

    const invoiced = change({ ...drafted, observation: withStageDraft(seen, 1, { invoiceSent: true }) }, (c) => withStage(c, 1, { status: "invoiced" }));
    expect(next(invoiced, STAGE_1_DUE)).toBeNull();
    expect(next(invoiced, clockOn("2027-02-16"))).toEqual({ kind: "markOverdue", position: 1 });
  });

  it("the source draft is never completed again, even with stage 1 paid (the order exists from the start)", () => {
    const paid = change(fromTheOrder("stageOrder"), (c) => ({ ...withStage(c, 1, { status: "paid", paid: 60_000n }), offlineHeld: 60_000n }));
    expect(next(paid)?.kind).not.toBe("completeSourceDraft");
  });

  it("once stage 1 is paid the main order's terms move to stage 2's date (without Plus nothing is mirrored before the end)", () => {
    const paid = change(fromTheOrder("stageOrder"), (c) => ({ ...withStage(c, 1, { status: "paid", paid: 60_000n }), offlineHeld: 60_000n }));
    expect(next(paid)).toEqual({ kind: "setPaymentTerms", orderId: MAIN_ORDER_ID, termsId: TERMS_ID, dueDate: day("2027-03-15") });
  });

  it("native: stage 1's money is mirrored onto the main order as it arrives", () => {
    const paid = change(fromTheOrder("native"), (c) => ({ ...withStage(c, 1, { status: "paid", paid: 60_000n }), offlineHeld: 60_000n }));
    expect(next(paid)).toEqual({ kind: "mirrorPayments", orderId: MAIN_ORDER_ID, amount: 60_000n });
  });

  it("a pending contract whose attach stopped after completing the draft links the order, then becomes active", () => {
    const stopped = change(fromTheOrder("stageOrder"), (c) => ({ ...c, status: "pending", mainOrderId: null }));
    expect(next(stopped)).toEqual({ kind: "linkMainOrder", orderId: MAIN_ORDER_ID, orderName: null });
    const linked = change(stopped, (c) => ({ ...c, mainOrderId: MAIN_ORDER_ID }));
    expect(next(linked)).toEqual({ kind: "activateContract" });
  });

  it("a pending contract whose draft is still open waits for the attach to finish (no completion, no activation)", () => {
    const open = change(fromTheOrder("stageOrder"), (c) => ({ ...c, status: "pending", mainOrderId: null }));
    expect(next({ ...open, observation: { ...open.observation, sourceDraft: observedDraft(SOURCE_DRAFT_ID), mainOrder: null } }, STAGE_1_DUE)).toBeNull();
  });

  it("completes once every stage is paid and Shopify shows the main order paid", () => {
    const allPaid = change(fromTheOrder("stageOrder"), (c) => ({
      ...withStage(withStage(c, 1, { status: "paid", paid: 60_000n }), 2, { status: "paid", paid: 60_000n }),
      offlineHeld: 120_000n,
    }));
    const mirrored = withMainOrder(allPaid.observation, {
      outstanding: 0n,
      financialStatus: "PAID",
      transactions: [transaction("gid://shopify/OrderTransaction/9", 120_000n, { manual: true, gateway: "manual" })],
    });
    expect(next({ ...allPaid, observation: mirrored }, clockOn("2027-03-16"))).toEqual({ kind: "completeContract" });
  });
});

describe("completing the contract", () => {
  const allPaid = () => paidByCard(paidByCard(withSavedCard(nativeScenario()), 2), 3);

  it("once every stage is paid and Shopify shows the main order paid", () => {
    expect(next(allPaid(), clockOn("2027-04-02"))).toEqual({ kind: "completeContract" });
  });

  it("not while Shopify does not show the main order paid yet", () => {
    const scenario = allPaid();
    const unpaid = withMainOrder(scenario.observation, { financialStatus: "PARTIALLY_PAID", outstanding: 1n });
    expect(next({ ...scenario, observation: unpaid }, clockOn("2027-04-02"))).toBeNull();
  });

  it("not while a stage is unpaid, even with the main order paid", () => {
    const scenario = change(allPaid(), (c) => withStage(c, 3, { status: "invoiced", paid: 0n, chargeKey: null, chargeRef: null, attempts: 0 }));
    const seen = withMainOrder(scenario.observation, {
      transactions: scenario.observation.mainOrder!.transactions.filter((t) => t.paymentReferenceId !== "card-payment-3"),
    });
    const recorded = { ...scenario.contract, recordedPayments: new Map([...scenario.contract.recordedPayments].filter(([ref]) => !ref.endsWith("card-3"))) };
    expect(next({ contract: recorded, observation: seen }, clockOn("2027-03-31"))).toBeNull();
  });
});

describe("the day the goods shipped, for the books", () => {
  const fulfilled = (scenario: Scenario) => ({ ...scenario, observation: withMainOrder(scenario.observation, { fulfilledDate: day("2027-02-15") }) });

  it("an active contract whose main order is fully fulfilled records the day once nothing else is to learn", () => {
    expect(next(fulfilled(nativeScenario()))).toEqual({ kind: "recordFulfillment", fulfilledOn: "2027-02-15" });
  });

  it("a contract paid in full before shipping still records the day it shipped", () => {
    const completed = change(fulfilled(nativeScenario()), (c) => ({ ...c, status: "completed" }));
    expect(next(completed)).toEqual({ kind: "recordFulfillment", fulfilledOn: "2027-02-15" });
  });

  it("is recorded once, and not for a partial shipment", () => {
    const recorded = change(fulfilled(nativeScenario()), (c) => ({ ...c, fulfilledOn: day("2027-02-15") }));
    expect(next(recorded)).toBeNull();
    const partial = nativeScenario();
    expect(next({ ...partial, observation: withMainOrder(partial.observation, { fulfillmentCreatedDate: day("2027-02-15") }) })).toBeNull();
  });

  it("a cancelled contract records no shipping day", () => {
    const cancelled = change(fulfilled(nativeScenario()), (c) => ({ ...c, status: "cancelled" }));
    expect(next(cancelled)?.kind).not.toBe("recordFulfillment");
  });
});
