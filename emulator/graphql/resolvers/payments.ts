import { GraphQLError } from "graphql";
import { chargeableBalance, totalOutstanding } from "../../commerce/order-balance";
import { findCustomer, findOrder, findScheduleOwner } from "../../commerce/shop-lookup";
import { orderPaymentLink } from "../../commerce/order-payment-link";
import { recordTransaction } from "../../commerce/record-payment";
import type { EmulatorStore } from "../../state/emulator-store";
import type { EmulatorJob, MandatePaymentJob, MandatePaymentRecord, Order, ShopState } from "../../state/model";
import { refuseUnlessPlus } from "../plus-only-argument";
import type { AdminContext, ResolverModule, UserError } from "../resolver-types";
import { Dec, readDecimal, roundMoney } from "../../commerce/money";
import { orderView } from "./order-view";

/**
 * Collecting money on orders: charging a vaulted card (`orderCreateMandatePayment`, asynchronous: a job the
 * due-work runner charges), recording an offline payment (`orderCreateManualPayment`), and emailing the buyer a
 * payment link (`orderInvoiceSend`) or a reminder (`paymentReminderSend`).
 */

const MANDATE_ACCESS =
  "`write_payment_mandate` access scope. Also: The user must have pay_orders_by_vaulted_card permission. The API client must be installed on a Shopify Plus store to use the amount field.";
const MANUAL_ACCESS =
  "`write_orders` access scope. Also: The user must have mark_orders_as_paid permission. The API client must be installed on a Shopify Plus store to use the amount field.";

/** How long after the request Shopify's payment job gets to the card (emulator time). */
const MANDATE_JOB_DELAY_MS = 250;

const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000;

interface MoneyInput {
  readonly amount: unknown;
  readonly currencyCode: string;
}

/** An amount argument checked against the order: a positive decimal in the order's currency, rounded to it. */
function readAmount(input: MoneyInput, order: Order): { amount: string } | { error: "CURRENCY_MISMATCH" | "AMOUNT_NOT_POSITIVE" } {
  if (input.currencyCode !== order.currencyCode) return { error: "CURRENCY_MISMATCH" };
  const amount = readDecimal(input.amount);
  if (!amount || amount.lte(0)) return { error: "AMOUNT_NOT_POSITIVE" };
  return { amount: roundMoney(amount, order.currencyCode) };
}

function mandatePaymentPayload(record: MandatePaymentRecord, job: EmulatorJob, order: Order, context: AdminContext) {
  const transaction = order.transactions.find((t) => t.paymentReferenceId === record.paymentReferenceId);
  const status = !job.done ? "STARTED" : transaction?.status === "SUCCESS" ? "SUCCEEDED" : "FAILED";
  return {
    job: { __typename: "Job", id: job.id, done: job.done },
    jobResult: { __typename: "OrderCreateMandatePaymentJobResult", id: job.id, done: job.done, status, errors: [], order: () => orderView(order, context) },
    paymentReferenceId: record.paymentReferenceId,
    userErrors: [],
  };
}

function mandatePaymentError(message: string, field: string[] | null) {
  return { job: null, jobResult: null, paymentReferenceId: null, userErrors: [{ field, message, code: "ORDER_MANDATE_PAYMENT_ERROR_CODE" }] };
}

function createMandatePayment(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  if (args.amount != null) refuseUnlessPlus(shop, "orderCreateMandatePayment", MANDATE_ACCESS);
  const order = findOrder(shop, args.id);
  if (!order) return mandatePaymentError("Order does not exist", ["id"]);
  const previous = shop.mandatePayments.find((record) => record.orderId === order.id && record.idempotencyKey === args.idempotencyKey);
  if (previous)
    return mandatePaymentPayload(
      previous,
      shop.jobs.find((job) => job.id === previous.jobId)!,
      order,
      context,
    );

  const mandate = shop.mandates.find((candidate) => candidate.id === args.mandateId);
  if (!mandate || (mandate.orderId !== order.id && (!mandate.customerId || mandate.customerId !== order.customerId))) {
    return mandatePaymentError("Mandate does not exist", ["mandateId"]);
  }
  if (order.cancelledAt) return mandatePaymentError("Cannot create a payment for a cancelled order", ["id"]);
  if (args.paymentScheduleId != null) {
    const schedule = order.paymentTerms?.schedules.find((candidate) => candidate.id === args.paymentScheduleId);
    if (!schedule) return mandatePaymentError("Payment schedule does not exist", ["paymentScheduleId"]);
    if (schedule.completedAt) return mandatePaymentError("Payment schedule is already completed", ["paymentScheduleId"]);
  }
  const balance = chargeableBalance(order, shop);
  if (new Dec(balance).lte(0)) return mandatePaymentError("Order has no outstanding balance", ["id"]);
  let amount = balance;
  if (args.amount != null) {
    const read = readAmount(args.amount, order);
    if ("error" in read) {
      return read.error === "CURRENCY_MISMATCH"
        ? mandatePaymentError("Currency code must match the order's currency", ["amount", "currencyCode"])
        : mandatePaymentError("Amount must be greater than zero", ["amount", "amount"]);
    }
    if (new Dec(read.amount).gt(balance)) return mandatePaymentError("Amount exceeds the outstanding balance of the order", ["amount", "amount"]);
    amount = read.amount;
  }

  const job: MandatePaymentJob = {
    id: store.newId("Job"),
    kind: "mandatePayment",
    runAt: new Date(store.clock.now().getTime() + MANDATE_JOB_DELAY_MS).toISOString(),
    done: false,
    payload: {
      orderId: order.id,
      mandateId: mandate.id,
      amount,
      paymentReferenceId: `pr_${store.nextNumber()}`,
      autoCapture: args.autoCapture !== false,
      ...(args.paymentScheduleId != null ? { paymentScheduleId: args.paymentScheduleId as string } : {}),
    },
  };
  const record: MandatePaymentRecord = {
    idempotencyKey: args.idempotencyKey,
    orderId: order.id,
    jobId: job.id,
    paymentReferenceId: job.payload.paymentReferenceId,
  };
  shop.jobs.push(job);
  shop.mandatePayments.push(record);
  return mandatePaymentPayload(record, job, order, context);
}

function manualPaymentError(message: string, field: string[] | null, code: string) {
  return { order: null, userErrors: [{ field, message, code }] };
}

function createManualPayment(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  if (args.amount != null) refuseUnlessPlus(shop, "orderCreateManualPayment", MANUAL_ACCESS);
  const order = findOrder(shop, args.id);
  if (!order) return manualPaymentError("Order does not exist", ["id"], "ORDER_NOT_FOUND");
  if (new Dec(totalOutstanding(order)).lte(0)) return manualPaymentError("Order has already been paid in full", ["id"], "AMOUNT_EXCEEDS_BALANCE");
  // A queued card charge already covers part of the balance: only the rest can be paid now.
  const chargeable = chargeableBalance(order, shop);
  if (new Dec(chargeable).lte(0)) return manualPaymentError("Order is temporarily unavailable", ["id"], "ORDER_IS_TEMPORARILY_UNAVAILABLE");
  let amount = chargeable;
  if (args.amount != null) {
    const read = readAmount(args.amount, order);
    if ("error" in read) {
      return read.error === "CURRENCY_MISMATCH"
        ? manualPaymentError("Currency code must match the order's currency", ["amount", "currencyCode"], read.error)
        : manualPaymentError("Amount must be greater than zero", ["amount", "amount"], read.error);
    }
    if (new Dec(read.amount).gt(chargeable))
      return manualPaymentError("Amount exceeds the outstanding balance of the order", ["amount", "amount"], "AMOUNT_EXCEEDS_BALANCE");
    amount = read.amount;
  }
  const now = store.clock.nowIso();
  if (args.processedAt != null && Date.parse(args.processedAt) > Date.parse(now)) {
    return manualPaymentError("Processed at cannot be in the future", ["processedAt"], "PROCESSED_AT_INVALID");
  }
  if (args.paymentMethodName != null && !shop.settings.manualPaymentMethods.includes(args.paymentMethodName)) {
    return manualPaymentError("Payment provider is not configured on shop.", ["paymentMethodName"], "GATEWAY_NOT_FOUND");
  }
  recordTransaction(store, shop, order, {
    id: store.newId("OrderTransaction"),
    kind: "SALE",
    status: "SUCCESS",
    amount,
    gateway: args.paymentMethodName ?? "manual",
    ...(args.paymentMethodName != null ? { paymentMethodName: args.paymentMethodName as string } : {}),
    createdAt: now,
    processedAt: args.processedAt != null ? new Date(args.processedAt).toISOString() : now,
    manual: true,
  });
  return { order: orderView(order, context), userErrors: [] };
}

const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

function customerEmail(shop: ShopState, order: Order): string | undefined {
  return order.email ?? findCustomer(shop, order.customerId)?.email;
}

function sendOrderInvoice(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const fail = (message: string): { order: null; userErrors: UserError[] } => ({
    order: null,
    userErrors: [{ field: null, message, code: "ORDER_INVOICE_SEND_UNSUCCESSFUL" }],
  });
  const order = findOrder(shop, args.id);
  if (!order) return fail("Order does not exist");
  const to: string | undefined = args.email?.to ?? customerEmail(shop, order);
  if (!to) return fail("No recipient email address was provided");
  if (!looksLikeEmail(to)) return fail("To is invalid");
  store.sendEmail({
    shop: shop.settings.domain,
    kind: "order_invoice",
    to,
    subject: args.email?.subject ?? `Invoice for order ${order.name}`,
    body: args.email?.customMessage ?? `Complete your payment for order ${order.name}.`,
    url: orderPaymentLink(store, order),
    resourceId: order.id,
  });
  return { order: orderView(order, context), userErrors: [] };
}

function sendPaymentReminder(args: Record<string, any>, { store, shop }: AdminContext) {
  const fail = (message: string) => ({ success: null, userErrors: [{ field: null, message, code: "PAYMENT_REMINDER_SEND_UNSUCCESSFUL" }] });
  const id = String(args.paymentScheduleId);
  if (id.startsWith("gid://shopify/") && !id.startsWith("gid://shopify/PaymentSchedule/")) {
    throw new GraphQLError(`Invalid id: ${id}`, { extensions: { code: "RESOURCE_NOT_FOUND" } });
  }
  const owner = findScheduleOwner(shop, id);
  if (!owner) return fail("Payment schedule does not exist");
  const { order, schedule } = owner;
  if (schedule.completedAt) return fail("Payment schedule is already completed");
  const to = customerEmail(shop, order);
  if (!to) return fail("Order does not have a contact email");
  if (remindedRecently(store, order)) return fail("You cannot send more than 1 payment reminders for the same order in a 24hour period");
  store.sendEmail({
    shop: shop.settings.domain,
    kind: "payment_reminder",
    to,
    subject: `Payment reminder for order ${order.name}`,
    body: `A payment for order ${order.name} is due.`,
    url: orderPaymentLink(store, order),
    resourceId: order.id,
  });
  return { success: true, userErrors: [] };
}

function remindedRecently(store: EmulatorStore, order: Order): boolean {
  const since = store.clock.now().getTime() - REMINDER_WINDOW_MS;
  return store.outbox.some((email) => email.kind === "payment_reminder" && email.resourceId === order.id && Date.parse(email.sentAt) > since);
}

export const paymentResolvers: ResolverModule = {
  mutation: {
    orderCreateMandatePayment: createMandatePayment,
    orderCreateManualPayment: createManualPayment,
    orderInvoiceSend: sendOrderInvoice,
    paymentReminderSend: sendPaymentReminder,
  },
};
