import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import {
  MIRROR_REFUND_NOTE,
  type Observation,
  type ObservedDraft,
  type ObservedOrder,
  type ObservedTransaction,
  type PaymentCard,
} from "../../domain/contract/observation";
import type { Currency } from "../../domain/money/currency";
import { toMinorUnits } from "../../domain/money/minor-units";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderStatusQuery } from "../../shopify/operations/draft-order-status-query";
import { draftOrdersByTagQuery } from "../../shopify/operations/draft-orders-by-tag-query";
import { orderQuery } from "../../shopify/operations/order-query";
import { stageOrderQuery } from "../../shopify/operations/stage-order-query";
import type { OrderQuery, StageOrderQuery } from "../../types/admin.generated";
import { CONTRACT_ATTRIBUTE } from "../attach/contract-attributes";
import { isEarlyPaymentDiscount } from "./stage-draft-discount";
import { contractTag, stagePositionFromTags } from "./stage-draft-tags";

export interface ObservedContract {
  readonly id: string;
  readonly sourceDraftOrderId: string;
  readonly mainOrderId: string | null;
  readonly timeZone: string;
  readonly currency: Currency;
  /** The stage drafts the database knows of, by position. */
  readonly stageDraftIds: ReadonlyMap<number, string>;
}

/**
 * Reads what Shopify shows for a contract: its source draft, main order, stage drafts (by the contract's tag)
 * and the orders they became. Money in minor units, dates in the contract's time zone.
 */
export async function observeContract(admin: AdminClient, contract: ObservedContract, partialPaymentsAllowed: boolean): Promise<Observation> {
  const { draftOrder } = await admin.request(draftOrderStatusQuery, { id: contract.sourceDraftOrderId });
  // A draft re-attached after this contract was cancelled names its new contract: its order is that one's, never this one's.
  const namesThis = draftOrder?.customAttributes.some((attribute) => attribute.key === CONTRACT_ATTRIBUTE && attribute.value === contract.id) ?? false;
  const sourceDraft = draftOrder && namesThis ? toObservedDraft(draftOrder) : null;
  const mainOrderId = contract.mainOrderId ?? sourceDraft?.orderId ?? null;
  const mainOrder = mainOrderId ? await observeOrder(admin, mainOrderId, contract) : null;

  // A stage draft the database recorded is the stage's, read by its id (a search could miss it while Shopify
  // indexes it, or show a copy staff made); the tag search only finds one a crashed run created but never recorded.
  const stageDrafts = new Map<number, ObservedDraft>();
  for (const [position, id] of contract.stageDraftIds) {
    const { draftOrder: draft } = await admin.request(draftOrderStatusQuery, { id });
    if (draft) stageDrafts.set(position, toObservedDraft(draft));
  }
  const { draftOrders } = await admin.request(draftOrdersByTagQuery, { query: `tag:${contractTag(contract.id)}` });
  for (const draft of draftOrders.nodes) {
    const position = stagePositionFromTags(contract.id, draft.tags);
    // Newest first: should two unrecorded drafts carry one stage's tag, the newest wins and the other is never sent.
    if (position === null || contract.stageDraftIds.has(position) || stageDrafts.has(position)) continue;
    stageDrafts.set(position, toObservedDraft(draft));
  }
  const stageOrders = new Map<number, ObservedOrder>();
  for (const [position, draft] of stageDrafts) {
    if (!draft.orderId) continue;
    const { order } = await admin.request(stageOrderQuery, { id: draft.orderId });
    if (order) stageOrders.set(position, toObservedStageOrder(order, contract));
  }
  return { sourceDraft, mainOrder, stageDrafts, stageOrders, partialPaymentsAllowed };
}

async function observeOrder(admin: AdminClient, id: string, contract: ObservedContract): Promise<ObservedOrder | null> {
  const { order } = await admin.request(orderQuery, { id });
  return order ? toObservedOrder(order, contract) : null;
}

function toObservedDraft(draft: {
  id: string;
  status: string;
  invoiceSentAt: string | null;
  appliedDiscount: { title: string | null } | null;
  order: { id: string; name: string } | null;
}): ObservedDraft {
  return {
    id: draft.id,
    completed: draft.status === "COMPLETED",
    invoiceSent: draft.invoiceSentAt !== null,
    orderId: draft.order?.id ?? null,
    orderName: draft.order?.name ?? null,
    earlyPaymentDiscount: isEarlyPaymentDiscount(draft.appliedDiscount),
  };
}

type OrderNode = NonNullable<OrderQuery["order"]>;
type StageOrderNode = NonNullable<StageOrderQuery["order"]>;
type TransactionNode = StageOrderNode["transactions"][number];

/** A stage order: payments, balance and saved card; it is never held, fulfilled or given terms. */
function toObservedStageOrder(order: StageOrderNode, contract: ObservedContract): ObservedOrder {
  return {
    id: order.id,
    cancelled: order.cancelledAt !== null,
    closed: order.closed,
    financialStatus: order.displayFinancialStatus ?? "PENDING",
    outstanding: toMinorUnits(order.totalOutstandingSet.shopMoney.amount, contract.currency, "totalOutstanding"),
    transactions: order.transactions.map((transaction) => toObservedTransaction(transaction, contract, NO_MIRROR_REFUNDS)),
    mandateIds: (order.paymentCollectionDetails.vaultedPaymentMethods ?? []).map((method) => method.id),
    paymentUrl: order.paymentCollectionDetails.additionalPaymentCollectionUrl ?? null,
    fulfillmentOrders: [],
    fulfillmentCreatedDate: null,
    fulfilledDate: null,
    paymentTerms: null,
  };
}

const NO_MIRROR_REFUNDS: ReadonlySet<string> = new Set();

/** As many refunds as order-query.ts reads (`refunds(first: 50)`). */
const MAX_REFUNDS_READ = 50;

/** `mirrorRefunds`: the ids of refund transactions the app recorded to mirror stage-order refunds (by their refund's note). */
function toObservedTransaction(transaction: TransactionNode, contract: ObservedContract, mirrorRefunds: ReadonlySet<string>): ObservedTransaction {
  return {
    id: transaction.id,
    kind: transaction.kind,
    status: transaction.status,
    amount: toMinorUnits(transaction.amountSet.shopMoney.amount, contract.currency, "transaction.amount"),
    gateway: transaction.gateway ?? "manual",
    manual: transaction.manualPaymentGateway,
    paymentReferenceId: transaction.paymentId,
    processedAt: new Date(transaction.processedAt ?? transaction.createdAt),
    errorCode: transaction.errorCode,
    parentId: transaction.parentTransaction?.id ?? null,
    mirrorRefund: mirrorRefunds.has(transaction.id),
    ...cardOf(transaction.paymentDetails),
  };
}

/** The brand and last digits of a card payment (Shopify masks the number: "•••• •••• •••• 4242"). */
function cardOf(details: TransactionNode["paymentDetails"]): { card?: PaymentCard } {
  if (details?.__typename !== "CardPaymentDetails" || !details.number) return {};
  const lastDigits = /(\d{2,4})\s*$/.exec(details.number)?.[1];
  return lastDigits ? { card: { brand: details.company ?? "Card", lastDigits } } : {};
}

function toObservedOrder(order: OrderNode, contract: ObservedContract): ObservedOrder {
  const minor = (amount: string, key: string) => toMinorUnits(amount, contract.currency, key);
  const dateOf = (instant: string) => calendarDateAt(new Date(instant), contract.timeZone);
  const fulfillmentDates = order.fulfillments
    .filter((fulfillment) => fulfillment.status === "SUCCESS")
    .map((fulfillment) => dateOf(fulfillment.createdAt))
    .sort();
  const openSchedule = order.paymentTerms?.paymentSchedules.nodes.find((schedule) => schedule.completedAt === null);
  // The app reads an order's first 50 refunds: one with more would make it misjudge which are its own mirrors.
  if (order.refunds.length >= MAX_REFUNDS_READ) throw new Error(`order ${order.id} has ${MAX_REFUNDS_READ} refunds or more, more than the app reads`);
  const mirrorRefunds = new Set(
    order.refunds
      .filter((refund) => refund.note?.startsWith(MIRROR_REFUND_NOTE))
      .flatMap((refund) => refund.transactions.nodes.map((transaction) => transaction.id)),
  );
  return {
    id: order.id,
    cancelled: order.cancelledAt !== null,
    closed: order.closed,
    financialStatus: order.displayFinancialStatus ?? "PENDING",
    outstanding: minor(order.totalOutstandingSet.shopMoney.amount, "totalOutstanding"),
    transactions: order.transactions.map((transaction) => toObservedTransaction(transaction, contract, mirrorRefunds)),
    mandateIds: (order.paymentCollectionDetails.vaultedPaymentMethods ?? []).map((method) => method.id),
    paymentUrl: null,
    fulfillmentOrders: order.fulfillmentOrders.nodes.map((fulfillmentOrder) => ({
      id: fulfillmentOrder.id,
      status: fulfillmentOrder.status,
      holds: fulfillmentOrder.fulfillmentHolds.map((hold) => ({ id: hold.id, reason: hold.reason, handle: hold.handle })),
    })),
    fulfillmentCreatedDate: fulfillmentDates[0] ?? null,
    fulfilledDate: order.displayFulfillmentStatus === "FULFILLED" ? (fulfillmentDates[fulfillmentDates.length - 1] ?? null) : null,
    paymentTerms: order.paymentTerms
      ? {
          id: order.paymentTerms.id,
          type: order.paymentTerms.paymentTermsType,
          dueDate: openSchedule?.dueAt ? (dateOf(openSchedule.dueAt) as CalendarDate) : null,
        }
      : null,
  };
}
