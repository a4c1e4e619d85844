import { GraphQLError } from "graphql";
import { isFullyPaid, totalOutstanding } from "../../commerce/order-balance";
import { validatePaymentTermsInput, type PaymentTermsInput } from "../../commerce/payment-terms-input";
import { findOrder } from "../../commerce/shop-lookup";
import type { EmulatorStore } from "../../state/emulator-store";
import type { Order, PaymentSchedule, PaymentTerms } from "../../state/model";
import type { AdminContext, ResolverModule } from "../resolver-types";
import { legacyId } from "../views";
import { orderView } from "./order-view";
import { paymentTermsView } from "./payment-terms-view";

/**
 * `paymentTermsCreate/Update/Delete` on orders, validated as Shopify does (messages and codes captured from
 * live Admin API responses): one schedule at most, a known template, a due date for FIXED and NET (NET from
 * `issuedAt` plus the template's days), none for event terms (RECEIPT, FULFILLMENT: no schedule at all), and
 * never on an order already paid in full. Draft orders take terms through `DraftOrderInput.paymentTerms`.
 */

const PAID_IN_FULL = "Cannot create payment terms on an Order that has already been paid in full.";
const NOT_FOUND = "Could not find payment terms.";

function withIds(store: EmulatorStore, schedules: readonly Omit<PaymentSchedule, "id">[]): PaymentSchedule[] {
  return schedules.map((dates) => ({ id: store.newId("PaymentSchedule"), ...dates }));
}

function termsPayload(order: Order, context: AdminContext) {
  const terms = order.paymentTerms!;
  const owner = {
    currencyCode: order.currencyCode,
    balance: () => totalOutstanding(order),
    order: () => orderView(order, context),
    ianaTimezone: context.shop.settings.ianaTimezone,
  };
  return paymentTermsView(terms, owner, context.store.clock.now());
}

function findTermsOwner(orders: readonly Order[], paymentTermsId: string): Order | undefined {
  return orders.find((order) => order.paymentTerms?.id === paymentTermsId);
}

function createTerms(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const fail = (message: string) => ({ paymentTerms: null, userErrors: [{ field: null, message, code: "PAYMENT_TERMS_CREATION_UNSUCCESSFUL" }] });
  const referenceId = String(args.referenceId);
  if (referenceId.startsWith("gid://shopify/DraftOrder/")) {
    throw new GraphQLError("The Tranche emulator does not implement paymentTermsCreate on draft orders (use DraftOrderInput.paymentTerms)", {
      extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR" },
    });
  }
  const order = findOrder(shop, referenceId);
  if (!order) return fail(`Cannot find the specific Order with id ${legacyId(referenceId)}.`);
  const built = validatePaymentTermsInput(args.paymentTermsAttributes as PaymentTermsInput);
  if ("error" in built) return fail(built.error);
  if (isFullyPaid(order)) return fail(PAID_IN_FULL);
  if (order.paymentTerms) return fail("Payment terms already exist for this order.");
  const terms: PaymentTerms = {
    id: store.newId("PaymentTerms"),
    templateId: built.template.id,
    type: built.template.paymentTermsType,
    name: built.template.name,
    ...(built.template.dueInDays !== undefined ? { dueInDays: built.template.dueInDays } : {}),
    schedules: withIds(store, built.schedules),
  };
  order.paymentTerms = terms;
  order.updatedAt = store.clock.nowIso();
  store.emitWebhook(shop.settings.domain, "payment_terms/create", { type: "paymentTerms", ownerId: order.id, paymentTermsId: terms.id });
  return { paymentTerms: termsPayload(order, context), userErrors: [] };
}

function updateTerms(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const fail = (message: string) => ({ paymentTerms: null, userErrors: [{ field: null, message, code: "PAYMENT_TERMS_UPDATE_UNSUCCESSFUL" }] });
  const { paymentTermsId, paymentTermsAttributes } = args.input as { paymentTermsId: string; paymentTermsAttributes: PaymentTermsInput };
  const order = findTermsOwner(shop.orders, paymentTermsId);
  if (!order) return fail(NOT_FOUND);
  const terms = order.paymentTerms!;
  const built = validatePaymentTermsInput({
    ...paymentTermsAttributes,
    paymentTermsTemplateId: paymentTermsAttributes.paymentTermsTemplateId ?? terms.templateId,
  });
  if ("error" in built) return fail(built.error);
  if (isFullyPaid(order)) return fail(PAID_IN_FULL);
  terms.templateId = built.template.id;
  terms.type = built.template.paymentTermsType;
  terms.name = built.template.name;
  if (built.template.dueInDays !== undefined) terms.dueInDays = built.template.dueInDays;
  else delete terms.dueInDays;
  terms.schedules = withIds(store, built.schedules);
  order.updatedAt = store.clock.nowIso();
  store.emitWebhook(shop.settings.domain, "payment_terms/update", { type: "paymentTerms", ownerId: order.id, paymentTermsId: terms.id });
  return { paymentTerms: termsPayload(order, context), userErrors: [] };
}

function deleteTerms(args: Record<string, any>, { store, shop }: AdminContext) {
  const paymentTermsId = String(args.input.paymentTermsId);
  if (!paymentTermsId.startsWith("gid://shopify/PaymentTerms/")) {
    throw new GraphQLError(`Invalid id: ${paymentTermsId}`, { extensions: { code: "RESOURCE_NOT_FOUND" } });
  }
  const order = findTermsOwner(shop.orders, paymentTermsId);
  if (!order) return { deletedId: null, userErrors: [{ field: null, message: NOT_FOUND, code: "PAYMENT_TERMS_DELETE_UNSUCCESSFUL" }] };
  // Announced while the terms still exist, so the webhook payload can describe them.
  store.emitWebhook(shop.settings.domain, "payment_terms/delete", { type: "paymentTerms", ownerId: order.id, paymentTermsId });
  delete order.paymentTerms;
  order.updatedAt = store.clock.nowIso();
  return { deletedId: paymentTermsId, userErrors: [] };
}

export const paymentTermsResolvers: ResolverModule = {
  mutation: {
    paymentTermsCreate: createTerms,
    paymentTermsUpdate: updateTerms,
    paymentTermsDelete: deleteTerms,
  },
};
