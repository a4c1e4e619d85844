import { Dec, roundMoney, sumMoney } from "./money";
import type { EmulatorJob, MandatePaymentJob, Order, ShopState, Transaction } from "../state/model";

/**
 * An order's money as Shopify reports it, computed from its transactions and refunds (never stored, so it can
 * never disagree with them). Only successful transactions move money; a pending manual SALE (what Shopify
 * records for an order with payment terms) is not money received.
 */

const succeeded = (order: Order, kinds: readonly Transaction["kind"][]) => order.transactions.filter((t) => t.status === "SUCCESS" && kinds.includes(t.kind));

/** SALE and CAPTURE money that reached the merchant. */
export function totalReceived(order: Order): string {
  return sumMoney(
    succeeded(order, ["SALE", "CAPTURE"]).map((t) => t.amount),
    order.currencyCode,
  );
}

export function totalRefunded(order: Order): string {
  return sumMoney(
    succeeded(order, ["REFUND"]).map((t) => t.amount),
    order.currencyCode,
  );
}

export function netPayment(order: Order): string {
  return roundMoney(new Dec(totalReceived(order)).minus(totalRefunded(order)), order.currencyCode);
}

/** What the order is worth now: a cancelled order is worth nothing; each refund takes what it refunded off. */
export function currentTotalPrice(order: Order): string {
  if (order.cancelledAt) return roundMoney("0", order.currencyCode);
  const refunded = sumMoney(
    order.refunds.map((refund) => refund.amount),
    order.currencyCode,
  );
  return roundMoney(Dec.max(0, new Dec(order.totalPrice).minus(refunded)), order.currencyCode);
}

/** Positive: the customer owes the merchant; negative: the merchant owes the customer (Shopify's sign). */
export function totalOutstanding(order: Order): string {
  return roundMoney(new Dec(currentTotalPrice(order)).minus(netPayment(order)), order.currencyCode);
}

/**
 * What may still be charged: the outstanding balance less the mandate payments queued for the order and not yet
 * run. Both `orderCreateMandatePayment` and `orderCreateManualPayment` cap their amount at this, so a payment
 * taken while a card charge is queued cannot make the two together exceed what is owed.
 */
export function chargeableBalance(order: Order, shop: ShopState): string {
  const queued = shop.jobs.filter((job): job is MandatePaymentJob => isMandatePayment(job) && !job.done && job.payload.orderId === order.id);
  return roundMoney(
    new Dec(totalOutstanding(order)).minus(
      sumMoney(
        queued.map((job) => job.payload.amount),
        order.currencyCode,
      ),
    ),
    order.currencyCode,
  );
}

const isMandatePayment = (job: EmulatorJob): job is MandatePaymentJob => job.kind === "mandatePayment";

/** Successful authorizations not yet captured or voided. */
export function totalCapturable(order: Order): string {
  const settled = new Set(
    order.transactions
      .filter((t) => t.status === "SUCCESS" && (t.kind === "CAPTURE" || t.kind === "VOID") && t.parentTransactionId)
      .map((t) => t.parentTransactionId),
  );
  const open = succeeded(order, ["AUTHORIZATION"]).filter((t) => !settled.has(t.id));
  return sumMoney(
    open.map((t) => t.amount),
    order.currencyCode,
  );
}

export function isFullyPaid(order: Order): boolean {
  return new Dec(totalOutstanding(order)).lte(0);
}

export type DisplayFinancialStatus = "PENDING" | "AUTHORIZED" | "PARTIALLY_PAID" | "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "VOIDED";

/**
 * `Order.displayFinancialStatus`: refunds first, then payments against what is owed, then authorizations. An
 * order without any transaction and without payment terms has no financial status (null), as Shopify answers
 * for an API-created order nobody has paid.
 */
export function displayFinancialStatus(order: Order): DisplayFinancialStatus | null {
  const received = new Dec(totalReceived(order));
  const refunded = new Dec(totalRefunded(order));
  if (refunded.gt(0)) return refunded.gte(received) ? "REFUNDED" : "PARTIALLY_REFUNDED";
  if (received.gt(0)) return isFullyPaid(order) ? "PAID" : "PARTIALLY_PAID";
  if (new Dec(totalCapturable(order)).gt(0)) return "AUTHORIZED";
  if (order.transactions.some((t) => t.kind === "VOID" && t.status === "SUCCESS")) return "VOIDED";
  if (new Dec(order.totalPrice).isZero()) return "PAID";
  if (order.transactions.length === 0 && !order.paymentTerms) return null;
  return "PENDING";
}
