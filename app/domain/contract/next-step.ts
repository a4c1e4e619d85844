import type { CalendarDate } from "../dates/calendar-date";
import { discountEarned, earlyPaymentOfferOpen, type EarlyPaymentOffer } from "../payment-rules/early-payment-discount";
import { allocatePayments, type AllocatedPayment } from "./allocate-payments";
import type { ContractState, StageState } from "./contract-state";
import { UNPAID_STAGE_STATUSES } from "./stage-status";
import { isMirror, isMoneyBack, isStageOrderMoneyIn, observedTransactions, pendingRefunds, type Observation, type ObservedOrder } from "./observation";
import { isRefundUnderWay, refundSources, type OrderRefund } from "./refund-sources";
import { refundsToRecord, type AllocatedRefund } from "./refunds-to-record";
import { chargeDue, chargeNoticeDue, linkDue, pastDue } from "./stage-due";
import { isLateFeeStage, isPlanStage, lateFeePosition, lateFeeToCharge } from "./late-fee-stage";
import { datesFromEvent } from "./triggered-dates";

/** Saved-card charges per stage before the stage falls back to an emailed link. */
export const MAX_CHARGE_ATTEMPTS = 3;

/** How long after a declined charge the next one is tried: a day, then three (dunning as billing systems do it). */
export const CHARGE_RETRY_DELAYS_MS: readonly number[] = [86_400_000, 3 * 86_400_000];

/** The hold the app places, recognisable among holds staff or other apps place. */
export const PAYMENT_HOLD_HANDLE = "tranche-awaiting-payment";

/** One thing to do to bring a contract and Shopify in line; the executor does it, then asks again. */
export type CollectionStep =
  | { readonly kind: "cancelContract"; readonly reason: string }
  | { readonly kind: "activateContract" }
  | { readonly kind: "recordFulfillment"; readonly fulfilledOn: CalendarDate }
  | { readonly kind: "linkMainOrder"; readonly orderId: string; readonly orderName: string | null }
  | { readonly kind: "linkStageDraft"; readonly position: number; readonly draftId: string }
  | { readonly kind: "linkStageOrder"; readonly position: number; readonly orderId: string }
  | { readonly kind: "recordPayments"; readonly payments: readonly AllocatedPayment[] }
  | { readonly kind: "recordRefunds"; readonly refunds: readonly AllocatedRefund[] }
  | { readonly kind: "markStageRefunded"; readonly position: number }
  | { readonly kind: "mirrorRefund"; readonly orderId: string; readonly transactions: OrderRefund["transactions"] }
  | { readonly kind: "refundPayments"; readonly refunds: readonly OrderRefund[] }
  | { readonly kind: "recordRefundOutsideShopify"; readonly amount: bigint }
  | { readonly kind: "refundRefused"; readonly transactionId: string; readonly errorCode: string; readonly missing: bigint }
  | { readonly kind: "cancelMainOrder"; readonly orderId: string }
  | { readonly kind: "closeMainOrder"; readonly orderId: string }
  | { readonly kind: "chargeDeclined"; readonly position: number; readonly errorCode: string; readonly retryAt: Date | null }
  | { readonly kind: "markStagePaid"; readonly position: number }
  /** Payments in time reached the stage's early-payment offer: the discount settles the rest of it. */
  | { readonly kind: "grantEarlyPaymentDiscount"; readonly position: number; readonly discount: bigint; readonly occurredAt: Date }
  /** The offer ended (its last day passed, or money arrived another way): the stage's draft asks for the full amount again. */
  | { readonly kind: "withdrawEarlyPaymentDiscount"; readonly position: number; readonly draftId: string }
  /** An overdue stage's late fee is due (late-fee-stage.ts): it becomes a stage of its own, collected on its own order. */
  | { readonly kind: "chargeLateFee"; readonly position: number; readonly amount: bigint; readonly through: CalendarDate }
  | { readonly kind: "dateStage"; readonly position: number; readonly issueDate: CalendarDate; readonly dueDate: CalendarDate; readonly event: string }
  | { readonly kind: "completeSourceDraft" }
  | { readonly kind: "holdFulfillment"; readonly fulfillmentOrderId: string }
  | { readonly kind: "releaseHold"; readonly fulfillmentOrderId: string; readonly holdId: string }
  | { readonly kind: "mirrorPayments"; readonly orderId: string; readonly amount: bigint | "wholeBalance" }
  | { readonly kind: "setPaymentTerms"; readonly orderId: string; readonly termsId: string | null; readonly dueDate: CalendarDate }
  | { readonly kind: "createStageDraft"; readonly position: number }
  | { readonly kind: "sendStageDraftInvoice"; readonly position: number; readonly draftId: string }
  | { readonly kind: "markInvoiced"; readonly position: number }
  /** Tell the buyer their saved card will be charged for the stage on `chargeOn`. */
  | { readonly kind: "noticeUpcomingCharge"; readonly position: number; readonly chargeOn: CalendarDate }
  | { readonly kind: "completeStageDraft"; readonly position: number; readonly draftId: string }
  | {
      readonly kind: "chargeMandate";
      readonly position: number;
      readonly orderId: string;
      readonly mandateId: string;
      /** Null: the order's whole balance (a stage order, or a shop where `amount` is Plus-only). */
      readonly amount: bigint | null;
      readonly attempt: number;
      readonly idempotencyKey: string;
    }
  | { readonly kind: "sendStageOrderInvoice"; readonly position: number; readonly orderId: string; readonly payUrl: string | null }
  | { readonly kind: "deleteStageDraft"; readonly position: number; readonly draftId: string }
  | { readonly kind: "cancelStageOrder"; readonly position: number; readonly orderId: string }
  | { readonly kind: "markOverdue"; readonly position: number }
  | { readonly kind: "completeContract" };

export interface CollectionClock {
  readonly now: Date;
  /** Today in the contract's time zone. */
  readonly today: CalendarDate;
}

/**
 * The next step for a contract, or null when it is up to date. Pure: the database state, what Shopify shows
 * and the time in, one step out. The order of the checks is the order things must happen in: learn what
 * happened (links, payments, declines, events) before acting on it (holds, mirrors, terms, charges, links).
 */
export function nextCollectionStep(contract: ContractState, observation: Observation, clock: CollectionClock): CollectionStep | null {
  // A refund after completion (a return) still reaches the ledger, its stage and the main order's mirror.
  if (contract.status === "completed")
    return (
      moneyStep(contract, observation) ?? fulfillmentStep(contract, observation) ?? stageSettlementStep(contract) ?? completedMirrorStep(contract, observation)
    );
  if (contract.status === "cancelled") return cleanupStep(contract, observation);
  // Attach stopped between emailing the first invoice and recording it: still learn of a deposit paid meanwhile.
  if (contract.status === "pending") return learnStep(contract, observation, clock);
  return (
    learnStep(contract, observation, clock) ??
    mainOrderStep(contract, observation) ??
    collectStep(contract, observation, clock) ??
    completionStep(contract, observation)
  );
}

function learnStep(contract: ContractState, observation: Observation, clock: CollectionClock): CollectionStep | null {
  const { mainOrder, sourceDraft } = observation;
  if (mainOrder?.cancelled) return { kind: "cancelContract", reason: `the main order ${mainOrder.id} was cancelled in Shopify` };
  if (contract.mainOrderId === null && sourceDraft?.completed && sourceDraft.orderId)
    return { kind: "linkMainOrder", orderId: sourceDraft.orderId, orderName: sourceDraft.orderName };
  for (const stage of contract.stages) {
    const draft = observation.stageDrafts.get(stage.position);
    if (draft && stage.stageDraftOrderId !== draft.id) return { kind: "linkStageDraft", position: stage.position, draftId: draft.id };
    if (draft?.orderId && stage.stageOrderId !== draft.orderId) return { kind: "linkStageOrder", position: stage.position, orderId: draft.orderId };
  }
  const money = moneyStep(contract, observation);
  if (money) return money;
  for (const stage of contract.stages) {
    const declined = declinedCharge(stage, observation);
    if (declined) {
      const delay = CHARGE_RETRY_DELAYS_MS[stage.attempts - 1];
      const retryAt = stage.attempts < MAX_CHARGE_ATTEMPTS && delay !== undefined ? new Date(clock.now.getTime() + delay) : null;
      return { kind: "chargeDeclined", position: stage.position, errorCode: declined, retryAt };
    }
  }
  const settled = stageSettlementStep(contract);
  if (settled) return settled;
  if (readyToActivate(contract)) return { kind: "activateContract" };
  for (const stage of contract.stages) {
    if (!stage.trigger || stage.dueDate !== null) continue;
    const event = eventDate(stage, contract, mainOrder);
    if (event) {
      const dates = datesFromEvent(event.date, stage.trigger.steps, stage.netDays, contract.calendar);
      return { kind: "dateStage", position: stage.position, ...dates, event: event.name };
    }
  }
  return lateFeeStep(contract, clock) ?? fulfillmentStep(contract, observation);
}

/** A late fee due on an active contract's stage that does not carry it yet. */
function lateFeeStep(contract: ContractState, clock: CollectionClock): CollectionStep | null {
  if (contract.status !== "active") return null;
  const positions = new Set(contract.stages.map((stage) => stage.position));
  for (const stage of contract.stages) {
    if (!stage.lateFee || isLateFeeStage(stage) || stage.status === "cancelled" || positions.has(lateFeePosition(stage.position))) continue;
    const charge = lateFeeToCharge(stage, clock.today);
    if (charge) return { kind: "chargeLateFee", position: stage.position, ...charge };
  }
  return null;
}

/**
 * A deposit contract is active once its deposit is paid; a net-terms contract once its main order is linked (the
 * attach links it and activates it; this catches an attach that stopped between completing the draft and recording it).
 */
function readyToActivate(contract: ContractState): boolean {
  if (!contract.firstStageAtCheckout) return contract.status === "pending" && contract.mainOrderId !== null;
  return (contract.status === "awaitingDeposit" || contract.status === "pending") && contract.stages[0]?.status === "paid";
}

/** The day the goods shipped is kept for the books: revenue is recognised then (ASC 606 / IFRS 15). */
function fulfillmentStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const fulfilledDate = observation.mainOrder?.fulfilledDate ?? null;
  if (contract.fulfilledOn !== null || fulfilledDate === null) return null;
  return { kind: "recordFulfillment", fulfilledOn: fulfilledDate };
}

function mainOrderStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const { mainOrder, sourceDraft } = observation;
  const depositPaid = contract.firstStageAtCheckout && contract.stages[0]?.status === "paid";
  if (contract.mode === "stageOrder" && depositPaid && contract.mainOrderId === null && sourceDraft && !sourceDraft.completed) {
    return { kind: "completeSourceDraft" };
  }
  if (!mainOrder) return null;

  const shippingUnpaid = contract.stages.some((stage) => stage.kind === "preShipping" && isUnpaid(stage));
  for (const fulfillmentOrder of mainOrder.fulfillmentOrders) {
    const ours = fulfillmentOrder.holds.find((hold) => hold.handle === PAYMENT_HOLD_HANDLE);
    if (shippingUnpaid && !ours && HOLDABLE_STATUSES.has(fulfillmentOrder.status)) {
      return { kind: "holdFulfillment", fulfillmentOrderId: fulfillmentOrder.id };
    }
    if (!shippingUnpaid && ours) return { kind: "releaseHold", fulfillmentOrderId: fulfillmentOrder.id, holdId: ours.id };
  }

  const gap = mirrorGap(contract, observation, mainOrder);
  if (gap > 0n && mainOrder.outstanding > 0n) {
    if (observation.partialPaymentsAllowed) {
      return { kind: "mirrorPayments", orderId: mainOrder.id, amount: gap < mainOrder.outstanding ? gap : mainOrder.outstanding };
    }
    // Without Plus a manual payment can only settle the whole balance: mirror once everything is collected.
    if (gap >= mainOrder.outstanding) return { kind: "mirrorPayments", orderId: mainOrder.id, amount: "wholeBalance" };
  }
  const unmirror = unmirrorStep(mainOrder, gap);
  if (unmirror) return unmirror;

  const nextDue = contract.stages
    .filter((stage) => isPlanStage(stage) && isUnpaid(stage) && stage.dueDate !== null)
    .map((stage) => stage.dueDate as CalendarDate)
    .sort()[0];
  if (nextDue && mainOrder.outstanding > 0n && mainOrder.paymentTerms?.dueDate !== nextDue) {
    return { kind: "setPaymentTerms", orderId: mainOrder.id, termsId: mainOrder.paymentTerms?.id ?? null, dueDate: nextDue };
  }
  return null;
}

function collectStep(contract: ContractState, observation: Observation, clock: CollectionClock): CollectionStep | null {
  const mainOrder = observation.mainOrder;
  // Later stages are collected once the main order exists: it is what they are payments towards.
  if (!mainOrder || contract.status !== "active") return null;
  const mandateId = savedCard(observation);
  for (const stage of contract.stages) {
    const withdrawn = withdrawLinkStep(stage, observation) ?? withdrawDiscountStep(stage, observation, clock);
    if (withdrawn) return withdrawn;
  }
  // A deposit is the attach's to collect (at checkout); on net terms every stage is collected here.
  for (const stage of contract.stages.slice(contract.firstStageAtCheckout ? 1 : 0)) {
    if (!isUnpaid(stage) || stage.parked) continue;
    const stageOrder = observation.stageOrders.get(stage.position);
    const draft = observation.stageDrafts.get(stage.position);
    if (stage.chargeKey !== null) {
      // A charge was asked for: repeat the call only if Shopify's answer was never recorded (same key, no double charge).
      if (stage.chargeRef !== null) continue;
      const orderId = contract.mode === "native" ? mainOrder.id : stageOrder?.id;
      if (orderId && mandateId) return chargeStep(contract, stage, orderId, mandateId, observation, stage.attempts, clock.today);
      continue;
    }
    // Once a stage's link is out, the buyer may be paying it: the card is not charged on top. A late fee is asked
    // for by link, in either mode: the card was saved for the plan's payments, and the fee is owed on its own order.
    const linkOut = draft !== undefined && (draft.invoiceSent || stage.linkEmailedVia === draft.id);
    const chargeable = mandateId !== null && stage.attempts < MAX_CHARGE_ATTEMPTS && !linkOut && !isLateFeeStage(stage);
    if (chargeable && chargeNoticeDue(stage, clock) && stage.dueDate !== stage.chargeNoticeFor) {
      return { kind: "noticeUpcomingCharge", position: stage.position, chargeOn: stage.dueDate! };
    }
    if (chargeable && chargeDue(stage, clock)) {
      if (contract.mode === "native") return chargeStep(contract, stage, mainOrder.id, mandateId, observation, stage.attempts + 1, clock.today);
      if (!draft) return { kind: "createStageDraft", position: stage.position };
      if (!draft.completed) return { kind: "completeStageDraft", position: stage.position, draftId: draft.id };
      if (stageOrder && stageOrder.outstanding > 0n) {
        return chargeStep(contract, stage, stageOrder.id, mandateId, observation, stage.attempts + 1, clock.today);
      }
      continue;
    }
    if (!chargeable && linkDue(stage, clock)) {
      if (stageOrder) {
        if (stage.status !== "invoiced" && stage.status !== "overdue" && stageOrder.outstanding > 0n) {
          return { kind: "sendStageOrderInvoice", position: stage.position, orderId: stageOrder.id, payUrl: stageOrder.paymentUrl };
        }
      } else if (!draft) {
        return { kind: "createStageDraft", position: stage.position };
      } else if (!linkOut) {
        return { kind: "sendStageDraftInvoice", position: stage.position, draftId: draft.id };
      } else if (stage.status === "scheduled" || stage.status === "failed") {
        return { kind: "markInvoiced", position: stage.position };
      }
    }
    if (stage.status === "invoiced" && pastDue(stage, clock)) {
      return { kind: "markOverdue", position: stage.position };
    }
  }
  return null;
}

/**
 * A stage paid another way (an offline payment staff recorded), or a late fee staff waived, whose link is still open:
 * its draft is deleted, or its order, which nobody paid, is cancelled, so that the buyer cannot pay twice, or pay a
 * fee no longer asked for.
 */
function withdrawLinkStep(stage: StageState, observation: Observation): CollectionStep | null {
  if (!(stage.status === "paid" || isWaivedFee(stage)) || stage.parked) return null;
  const draft = observation.stageDrafts.get(stage.position);
  if (draft && !draft.completed) return { kind: "deleteStageDraft", position: stage.position, draftId: draft.id };
  const order = observation.stageOrders.get(stage.position);
  if (order && !order.cancelled && order.outstanding > 0n && !order.transactions.some(isStageOrderMoneyIn)) {
    return { kind: "cancelStageOrder", position: stage.position, orderId: order.id };
  }
  return null;
}

/** An open stage draft still asking for the discounted amount after the offer ended. */
function withdrawDiscountStep(stage: StageState, observation: Observation, clock: CollectionClock): CollectionStep | null {
  const draft = observation.stageDrafts.get(stage.position);
  if (!draft || draft.completed || !draft.earlyPaymentDiscount || earlyPaymentOfferOpen(stage, clock.today)) return null;
  return { kind: "withdrawEarlyPaymentDiscount", position: stage.position, draftId: draft.id };
}

function completionStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const allPaid = contract.stages.every((stage) => stage.status === "paid" || stage.status === "refunded" || isWaivedFee(stage));
  const mainOrder = observation.mainOrder;
  if (allPaid && mainOrder && mainOrder.outstanding <= 0n) return { kind: "completeContract" };
  return null;
}

/** Money Shopify shows that the ledger does not hold yet: payments first (a refund gives back what was paid), then refunds. */
function moneyStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const payments = allocatePayments(contract, observation);
  if (payments.length > 0) return { kind: "recordPayments", payments };
  const refunds = refundsToRecord(contract, observation);
  if (refunds.length > 0) return { kind: "recordRefunds", refunds };
  return earlyPaymentStep(contract, observation);
}

/**
 * A stage whose payments earned its early-payment discount, not granted yet: in time, or on any day when the order the
 * buyer paid was made from the stage's draft while it carried the discount.
 */
function earlyPaymentStep(contract: ContractState, observation: Observation): CollectionStep | null {
  for (const stage of contract.stages) {
    if (!stage.earlyPayment || stage.discount > 0n || stage.status === "cancelled" || stage.status === "refunded") continue;
    const draft = observation.stageDrafts.get(stage.position);
    const order = observation.stageOrders.get(stage.position);
    const askedDiscounted = draft !== undefined && draft.completed && draft.earlyPaymentDiscount && order !== undefined && order.outstanding <= 0n;
    const discount = discountEarned(stage.earlyPayment, stage.payments, askedDiscounted);
    if (discount > 0n) {
      return { kind: "grantEarlyPaymentDiscount", position: stage.position, discount, occurredAt: earnedAt(stage, stage.earlyPayment, askedDiscounted) };
    }
  }
  return null;
}

/** The moment the payments that count reached the discounted amount: the discount is granted with that payment. */
function earnedAt(stage: StageState, offer: EarlyPaymentOffer, anyDay: boolean): Date {
  const inTime = stage.payments.filter((payment) => anyDay || payment.paidOn <= offer.until).sort((a, b) => a.at.getTime() - b.at.getTime());
  let reached = 0n;
  for (const payment of inTime) {
    reached += payment.amount;
    if (reached >= offer.payable) return payment.at;
  }
  throw new Error(`stage ${stage.position}: no payment in time reached ${offer.payable}`);
}

/**
 * A stage whose money says it is paid, or refunded, and whose status does not say so yet. A cancelled stage paid in
 * full (the buyer paid while staff cancelled) is paid: money received is never relabelled.
 */
function stageSettlementStep(contract: ContractState): CollectionStep | null {
  for (const stage of contract.stages) {
    if (stage.paid >= stage.amount && (isUnpaid(stage) || stage.status === "cancelled")) return { kind: "markStagePaid", position: stage.position };
    // A granted discount is no money: the stage is refunded once all its money is given back.
    if (stage.status === "paid" && stage.refunded >= stage.paid - stage.discount) return { kind: "markStageRefunded", position: stage.position };
  }
  return null;
}

/**
 * How much more (positive) or less (negative) the main order's mirrors should show: money held elsewhere (stage
 * orders' payments less their refunds, offline payments) and the early-payment discounts granted (they settle part of
 * the order's balance though no money moved) against the mirrors less the app's mirror refunds. Refunds staff
 * made of mirrors on the main order cancel out: they are money given back, and the main order already shows it.
 */
function mirrorGap(contract: ContractState, observation: Observation, mainOrder: ObservedOrder): bigint {
  // A late fee's money is owed on top of the main order: it is never mirrored there.
  const feePositions = new Set(contract.stages.filter(isLateFeeStage).map((stage) => stage.position));
  const stageOrderTransactions = [...observation.stageOrders].filter(([position]) => !feePositions.has(position)).flatMap(([, order]) => order.transactions);
  const heldOnStageOrders =
    sum(stageOrderTransactions.filter(isStageOrderMoneyIn).map((t) => t.amount)) - sum(stageOrderTransactions.filter(isMoneyBack).map((t) => t.amount));
  const mirrored = sum(mainOrder.transactions.filter(isMirror).map((t) => t.amount));
  const unmirrored = sum(mainOrder.transactions.filter((t) => t.mirrorRefund && isRefundUnderWay(t)).map((t) => t.amount));
  return heldOnStageOrders + contract.offlineHeld + contract.discountsGranted - (mirrored - unmirrored);
}

/** A completed contract's refunds on stage orders are mirrored onto the main order too. */
function completedMirrorStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const mainOrder = observation.mainOrder;
  return mainOrder ? unmirrorStep(mainOrder, mirrorGap(contract, observation, mainOrder)) : null;
}

/** Mirrors refunds made on stage orders onto the main order: refunds of its mirror payments, marked as the app's. */
function unmirrorStep(mainOrder: ObservedOrder, gap: bigint): CollectionStep | null {
  if (gap >= 0n) return null;
  let left = -gap;
  const transactions: { parentId: string; gateway: string; amount: bigint }[] = [];
  for (const mirror of mainOrder.transactions.filter(isMirror)) {
    const refunded = sum(mainOrder.transactions.filter((t) => t.parentId === mirror.id && isRefundUnderWay(t)).map((t) => t.amount));
    const part = left < mirror.amount - refunded ? left : mirror.amount - refunded;
    if (part <= 0n) continue;
    transactions.push({ parentId: mirror.id, gateway: mirror.gateway, amount: part });
    left -= part;
    if (left === 0n) break;
  }
  return transactions.length > 0 ? { kind: "mirrorRefund", orderId: mainOrder.id, transactions } : null;
}

/**
 * A cancelled contract: money that still arrived (a charge on its way, a checkout finished while staff cancelled) is
 * recorded and its stage shows paid; no stage draft is left open, no hold of ours stays on the order; then the money is
 * settled as staff chose (refunded, the app's mirrors of it too) and the main order is cancelled or closed.
 */
function cleanupStep(contract: ContractState, observation: Observation): CollectionStep | null {
  const learned = moneyStep(contract, observation) ?? stageSettlementStep(contract);
  if (learned) return learned;
  for (const stage of contract.stages) {
    const draft = observation.stageDrafts.get(stage.position);
    if (draft && !draft.completed) return { kind: "deleteStageDraft", position: stage.position, draftId: draft.id };
    // A cancelled stage's order nobody paid (its link went out before the cancel) must not stay payable.
    const order = observation.stageOrders.get(stage.position);
    const unpaidOrder = order && !order.cancelled && order.outstanding > 0n && !order.transactions.some(isStageOrderMoneyIn);
    if (stage.status === "cancelled" && !stage.parked && unpaidOrder) return { kind: "cancelStageOrder", position: stage.position, orderId: order.id };
  }
  const mainOrder = observation.mainOrder;
  for (const fulfillmentOrder of mainOrder?.fulfillmentOrders ?? []) {
    const ours = fulfillmentOrder.holds.find((hold) => hold.handle === PAYMENT_HOLD_HANDLE);
    if (ours) return { kind: "releaseHold", fulfillmentOrderId: fulfillmentOrder.id, holdId: ours.id };
  }
  const cancellation = contract.cancellation;
  if (!cancellation) return null;
  if (cancellation.settlement === "refund") {
    // Refunds Shopify is still processing count as given: asking again would refund twice.
    const pending = pendingRefunds(observation).map((t) => t.amount);
    const refunded = sum(contract.stages.map((stage) => stage.refunded)) + sum(pending);
    const target =
      cancellation.amount === "all" ? sum(contract.stages.map((stage) => stage.paid - stage.discount)) : cancellation.refundedBefore + cancellation.amount;
    if (target > refunded) {
      // While Shopify still processes a refund, the stages' holdings are not known yet: wait for it rather than guess.
      if (pending.length > 0) return null;
      // Shopify refused a refund the settlement asked for: asking again would fail again, so staff are told instead.
      const refused = observedTransactions(observation).find((t) => t.kind === "REFUND" && (t.status === "FAILURE" || t.status === "ERROR") && !t.mirrorRefund);
      if (refused) return { kind: "refundRefused", transactionId: refused.id, errorCode: refused.errorCode ?? refused.status, missing: target - refunded };
      const sources = refundSources(contract, observation, target - refunded);
      if (sources.refunds.length > 0) return { kind: "refundPayments", refunds: sources.refunds };
      if (sources.outsideShopify > 0n) return { kind: "recordRefundOutsideShopify", amount: sources.outsideShopify };
    }
  }
  if (!mainOrder) return null;
  const unmirror = unmirrorStep(mainOrder, mirrorGap(contract, observation, mainOrder));
  if (unmirror) return unmirror;
  if (mainOrder.cancelled || mainOrder.closed) return null;
  // Shopify refuses to cancel an order with fulfillments: the goods went out, so the order is closed as it stands.
  if (cancellation.settlement === "close" || mainOrder.fulfillmentCreatedDate !== null) return { kind: "closeMainOrder", orderId: mainOrder.id };
  return { kind: "cancelMainOrder", orderId: mainOrder.id };
}

function chargeStep(
  contract: ContractState,
  stage: StageState,
  orderId: string,
  mandateId: string,
  observation: Observation,
  attempt: number,
  today: CalendarDate,
): CollectionStep {
  // A charge while the early-payment offer is open takes the discounted amount, as the stage's link would ask.
  const owed = stage.earlyPayment && earlyPaymentOfferOpen(stage, today) ? stage.earlyPayment.payable : stage.amount - stage.paid;
  const amount = contract.mode === "native" && observation.partialPaymentsAllowed ? owed : null;
  return {
    kind: "chargeMandate",
    position: stage.position,
    orderId,
    mandateId,
    amount,
    attempt,
    idempotencyKey: `${contract.id}:${stage.position}:${attempt}`,
  };
}

/** The error code of a declined charge of this stage that has not been dealt with yet. */
function declinedCharge(stage: StageState, observation: Observation): string | null {
  // A stage already paid keeps its charge reference: it is how its payment is allocated.
  if (stage.chargeRef === null || stage.paid >= stage.amount) return null;
  const orders = [observation.mainOrder, observation.stageOrders.get(stage.position)].filter(
    (order): order is ObservedOrder => order !== null && order !== undefined,
  );
  const failure = orders
    .flatMap((order) => order.transactions)
    .find((transaction) => transaction.paymentReferenceId === stage.chargeRef && transaction.status === "FAILURE");
  return failure ? (failure.errorCode ?? "FAILURE") : null;
}

function eventDate(stage: StageState, contract: ContractState, mainOrder: ObservedOrder | null): { date: CalendarDate; name: string } | null {
  const trigger = stage.trigger?.trigger;
  if (!trigger) return null;
  switch (trigger.event) {
    case "milestone": {
      const date = contract.milestones[trigger.milestone];
      return date ? { date, name: `milestone "${trigger.milestone}"` } : null;
    }
    case "fulfillmentCreated":
      return mainOrder?.fulfillmentCreatedDate ? { date: mainOrder.fulfillmentCreatedDate, name: "fulfillment created" } : null;
    case "orderFulfilled":
      return mainOrder?.fulfilledDate ? { date: mainOrder.fulfilledDate, name: "order fulfilled" } : null;
  }
}

function savedCard(observation: Observation): string | null {
  const orders = [observation.mainOrder, ...[...observation.stageOrders].sort(([a], [b]) => a - b).map(([, order]) => order)];
  for (const order of orders) {
    const mandate = order?.mandateIds[0];
    if (mandate) return mandate;
  }
  return null;
}

/** A late fee staff waived: no longer asked for (its stage is cancelled while the contract goes on). */
function isWaivedFee(stage: StageState): boolean {
  return isLateFeeStage(stage) && stage.status === "cancelled";
}

function isUnpaid(stage: StageState): boolean {
  return UNPAID_STAGE_STATUSES.includes(stage.status);
}

function sum(amounts: readonly bigint[]): bigint {
  return amounts.reduce((total, amount) => total + amount, 0n);
}

/** Fulfillment orders that can still ship, and so can be held. */
const HOLDABLE_STATUSES = new Set(["OPEN", "SCHEDULED", "IN_PROGRESS"]);
