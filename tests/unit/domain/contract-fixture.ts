import type { ContractState, StageState } from "../../../app/domain/contract/contract-state";
import type { CollectionClock } from "../../../app/domain/contract/next-step";
import type {
  Observation,
  ObservedDraft,
  ObservedFulfillmentOrder,
  ObservedOrder,
  ObservedPaymentTerms,
  ObservedTransaction,
} from "../../../app/domain/contract/observation";
import { parseCalendarDate, type CalendarDate } from "../../../app/domain/dates/calendar-date";

/** A calendar date written as text, checked like any other. */
export const day = (text: string): CalendarDate => parseCalendarDate(text, "fixture");

export const CONTRACT_ID = "contract-1";
export const SOURCE_DRAFT_ID = "gid://shopify/DraftOrder/100";
export const MAIN_ORDER_ID = "gid://shopify/Order/1000";
export const MANDATE_ID = "gid://shopify/PaymentMandate/7";
export const FULFILLMENT_ORDER_ID = "gid://shopify/FulfillmentOrder/500";
export const TERMS_ID = "gid://shopify/PaymentTerms/900";
export const stageDraftId = (position: number) => `gid://shopify/DraftOrder/${100 + position}`;
export const stageOrderId = (position: number) => `gid://shopify/Order/${1000 + position}`;

/** A stage nothing has happened to yet: scheduled, unpaid, undated, never charged. */
export function stageState(position: number, changes: Partial<StageState> = {}): StageState {
  return {
    position,
    kind: "installment",
    amount: 10_000n,
    paid: 0n,
    discount: 0n,
    payments: [],
    refunded: 0n,
    status: "scheduled",
    issueDate: null,
    dueDate: null,
    netDays: 0,
    stageDraftOrderId: null,
    linkEmailedVia: null,
    chargeNoticeFor: null,
    stageOrderId: null,
    chargeKey: null,
    chargeRef: null,
    attempts: 0,
    nextAttemptAt: null,
    parked: false,
    ...changes,
  };
}

/** What the ledger holds of one payment: the stage it was recorded on and its amount. */
export type RecordedPayment = { readonly position: number; readonly amount: bigint };

/** A ledger holding these payments, each as [ref, position, amount]. */
export function ledger(...entries: readonly (readonly [string, number, bigint])[]): Map<string, RecordedPayment> {
  return new Map(entries.map(([ref, position, amount]) => [ref, { position, amount }]));
}

/** The contract with one more payment in its ledger. */
export function withRecorded(contract: ContractState, ref: string, position: number, amount: bigint): ContractState {
  return { ...contract, recordedPayments: new Map([...contract.recordedPayments, [ref, { position, amount }]]) };
}

export function contractState(changes: Partial<ContractState> = {}): ContractState {
  const stages = changes.stages ?? [stageState(1), stageState(2)];
  return {
    id: CONTRACT_ID,
    mode: "native",
    status: "active",
    total: stages.reduce((sum, stage) => sum + stage.amount, 0n),
    sourceDraftOrderId: SOURCE_DRAFT_ID,
    firstStageAtCheckout: true,
    mainOrderId: null,
    recordedPayments: new Map(),
    recordedRefunds: new Map(),
    offlineHeld: 0n,
    discountsGranted: 0n,
    cancellation: null,
    fulfilledOn: null,
    milestones: {},
    ...changes,
    stages,
  };
}

export function withStage(contract: ContractState, position: number, changes: Partial<StageState>): ContractState {
  if (!contract.stages.some((stage) => stage.position === position)) throw new Error(`the fixture has no stage ${position}`);
  return { ...contract, stages: contract.stages.map((stage) => (stage.position === position ? { ...stage, ...changes } : stage)) };
}

/** A successful card sale: money in, unless the changes say otherwise. */
export function transaction(id: string, amount: bigint, changes: Partial<ObservedTransaction> = {}): ObservedTransaction {
  return {
    id,
    kind: "SALE",
    status: "SUCCESS",
    amount,
    gateway: "shopify_payments",
    manual: false,
    paymentReferenceId: null,
    processedAt: new Date("2027-01-15T10:00:00Z"),
    errorCode: null,
    parentId: null,
    mirrorRefund: false,
    ...changes,
  };
}

export function observedOrder(id: string, changes: Partial<ObservedOrder> = {}): ObservedOrder {
  return {
    id,
    cancelled: false,
    closed: false,
    financialStatus: "PENDING",
    outstanding: 0n,
    transactions: [],
    mandateIds: [],
    paymentUrl: null,
    fulfillmentOrders: [],
    fulfillmentCreatedDate: null,
    fulfilledDate: null,
    paymentTerms: null,
    ...changes,
  };
}

export function observedDraft(id: string, changes: Partial<ObservedDraft> = {}): ObservedDraft {
  return { id, completed: false, invoiceSent: false, orderId: null, orderName: null, earlyPaymentDiscount: false, ...changes };
}

export function openFulfillmentOrder(changes: Partial<ObservedFulfillmentOrder> = {}): ObservedFulfillmentOrder {
  return { id: FULFILLMENT_ORDER_ID, status: "OPEN", holds: [], ...changes };
}

export function fixedTerms(dueDate: CalendarDate | null): ObservedPaymentTerms {
  return { id: TERMS_ID, type: "FIXED", dueDate };
}

export function observation(changes: Partial<Observation> = {}): Observation {
  return {
    sourceDraft: observedDraft(SOURCE_DRAFT_ID, { invoiceSent: true }),
    mainOrder: null,
    stageDrafts: new Map(),
    stageOrders: new Map(),
    partialPaymentsAllowed: true,
    ...changes,
  };
}

export function withMainOrder(seen: Observation, changes: Partial<ObservedOrder>): Observation {
  if (!seen.mainOrder) throw new Error("the fixture has no main order");
  return { ...seen, mainOrder: { ...seen.mainOrder, ...changes } };
}

/** Shopify shows a stage draft at this position (replacing any). */
export function withStageDraft(seen: Observation, position: number, changes: Partial<ObservedDraft> = {}): Observation {
  return { ...seen, stageDrafts: new Map([...seen.stageDrafts, [position, observedDraft(stageDraftId(position), changes)]]) };
}

/** Shopify shows a stage order at this position (replacing any). */
export function withStageOrder(seen: Observation, position: number, changes: Partial<ObservedOrder> = {}): Observation {
  return { ...seen, stageOrders: new Map([...seen.stageOrders, [position, observedOrder(stageOrderId(position), changes)]]) };
}

/** A fixed "now" at noon UTC of the given day; the contract's zone is taken to be UTC. */
export function clockOn(today: string, now = `${today}T12:00:00Z`): CollectionClock {
  return { today: day(today), now: new Date(now) };
}

export interface Scenario {
  readonly contract: ContractState;
  readonly observation: Observation;
}

export const DEPOSIT_TRANSACTION_ID = "gid://shopify/OrderTransaction/1";

/**
 * A native (Plus) contract after checkout, on 2027-02-01 nothing is due: 1200.00 as a 360.00 deposit paid at
 * checkout on the main order, 600.00 due 2027-03-01 and 240.00 due 2027-04-01. Shopify agrees with the
 * database, so the planner has nothing to do; each test changes one thing.
 */
export function nativeScenario(): Scenario {
  const contract = contractState({
    mode: "native",
    status: "active",
    mainOrderId: MAIN_ORDER_ID,
    recordedPayments: ledger([DEPOSIT_TRANSACTION_ID, 1, 36_000n]),
    stages: [
      stageState(1, { kind: "deposit", amount: 36_000n, paid: 36_000n, status: "paid", issueDate: day("2027-01-15"), dueDate: day("2027-01-15") }),
      stageState(2, { kind: "milestone", amount: 60_000n, issueDate: day("2027-03-01"), dueDate: day("2027-03-01") }),
      stageState(3, { kind: "balance", amount: 24_000n, issueDate: day("2027-04-01"), dueDate: day("2027-04-01") }),
    ],
  });
  const mainOrder = observedOrder(MAIN_ORDER_ID, {
    financialStatus: "PARTIALLY_PAID",
    outstanding: 84_000n,
    transactions: [transaction(DEPOSIT_TRANSACTION_ID, 36_000n, { paymentReferenceId: "checkout-payment-1" })],
    fulfillmentOrders: [openFulfillmentOrder()],
    paymentTerms: fixedTerms(day("2027-03-01")),
  });
  return {
    contract,
    observation: observation({
      sourceDraft: observedDraft(SOURCE_DRAFT_ID, { completed: true, invoiceSent: true, orderId: MAIN_ORDER_ID, orderName: "#1001" }),
      mainOrder,
      partialPaymentsAllowed: true,
    }),
  };
}

export const STAGE_ORDER_DEPOSIT_TRANSACTION_ID = "gid://shopify/OrderTransaction/11";

/**
 * The same 1200.00 contract in stage-order mode on a shop without Plus, on 2027-02-01: the deposit was paid on
 * its own stage order, the source draft became the main order (its whole total still outstanding, since only
 * the whole balance can be mirrored without Plus), nothing is due yet.
 */
export function stageOrderScenario(): Scenario {
  const base = nativeScenario();
  const depositOrder = observedOrder(stageOrderId(1), {
    financialStatus: "PAID",
    transactions: [transaction(STAGE_ORDER_DEPOSIT_TRANSACTION_ID, 36_000n)],
  });
  const contract = withStage({ ...base.contract, mode: "stageOrder", recordedPayments: ledger([STAGE_ORDER_DEPOSIT_TRANSACTION_ID, 1, 36_000n]) }, 1, {
    stageDraftOrderId: stageDraftId(1),
    stageOrderId: stageOrderId(1),
  });
  const seen = withMainOrder(base.observation, { financialStatus: "PENDING", outstanding: 120_000n, transactions: [] });
  return {
    contract,
    observation: {
      ...seen,
      partialPaymentsAllowed: false,
      stageDrafts: new Map([[1, observedDraft(stageDraftId(1), { completed: true, invoiceSent: true, orderId: stageOrderId(1) })]]),
      stageOrders: new Map([[1, depositOrder]]),
    },
  };
}

/** The transaction id of a stage's payment in the scenarios below. */
export const cardPaymentId = (position: number) => `gid://shopify/OrderTransaction/card-${position}`;
export const stagePaymentId = (position: number) => `gid://shopify/OrderTransaction/stage-${position}`;

/** A stage paid in full by a saved-card charge on the main order, recorded and marked paid. */
export function paidByCard({ contract, observation: seen }: Scenario, position: number): Scenario {
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage || !seen.mainOrder) throw new Error(`the scenario has no stage ${position} or no main order`);
  const chargeRef = `card-payment-${position}`;
  const outstanding = seen.mainOrder.outstanding - stage.amount;
  return {
    contract: withRecorded(
      withStage(contract, position, { status: "paid", paid: stage.amount, chargeKey: `${contract.id}:${position}:1`, chargeRef, attempts: 1 }),
      cardPaymentId(position),
      position,
      stage.amount,
    ),
    observation: withMainOrder(seen, {
      outstanding,
      financialStatus: outstanding === 0n ? "PAID" : "PARTIALLY_PAID",
      transactions: [
        ...seen.mainOrder.transactions,
        transaction(cardPaymentId(position), stage.amount, { paymentReferenceId: chargeRef, processedAt: new Date(`2027-01-20T0${position}:00:00Z`) }),
      ],
    }),
  };
}

/** A stage paid in full on its own stage order (its draft's invoice paid), recorded and marked paid; not mirrored. */
export function paidOnStageOrder({ contract, observation: seen }: Scenario, position: number): Scenario {
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new Error(`the scenario has no stage ${position}`);
  const withDraft = withStageDraft(seen, position, { completed: true, invoiceSent: true, orderId: stageOrderId(position) });
  return {
    contract: withRecorded(
      withStage(contract, position, { status: "paid", paid: stage.amount, stageDraftOrderId: stageDraftId(position), stageOrderId: stageOrderId(position) }),
      stagePaymentId(position),
      position,
      stage.amount,
    ),
    observation: withStageOrder(withDraft, position, {
      financialStatus: "PAID",
      transactions: [transaction(stagePaymentId(position), stage.amount, { processedAt: new Date(`2027-01-20T0${position}:00:00Z`) })],
    }),
  };
}

/** The main order shows a manual payment the app recorded to mirror money collected on stage orders. */
export function withMirror(seen: Observation, id: string, amount: bigint): Observation {
  if (!seen.mainOrder) throw new Error("the fixture has no main order");
  const outstanding = seen.mainOrder.outstanding - amount;
  return withMainOrder(seen, {
    outstanding,
    financialStatus: outstanding === 0n ? "PAID" : "PARTIALLY_PAID",
    transactions: [...seen.mainOrder.transactions, transaction(id, amount, { manual: true, paymentReferenceId: null })],
  });
}
