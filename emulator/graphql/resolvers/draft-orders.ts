import { findCustomer, findDraftOrder } from "../../commerce/shop-lookup";
import { Kind, type GraphQLResolveInfo } from "graphql";
import { createOrderFromDraft, type OrderPayment } from "../../commerce/create-order";
import { invoiceUrlOf, newInvoiceUrl } from "../../commerce/draft-order-invoice-url";
import { PAYMENT_TERMS_TEMPLATES } from "../../commerce/payment-terms-templates";
import type { DraftOrder, ShopState } from "../../state/model";
import type { AdminContext, ResolverModule, UserError } from "../resolver-types";
import { connection } from "../views";
import { applyDraftOrderInput, blankDraftOrder } from "./draft-order-input";
import { matchesDraftOrderQuery } from "./draft-order-search";
import { calculatedDraftOrderView, draftOrderView } from "./draft-order-view";
import { setMetafields } from "./metafields";

/**
 * Draft orders: reading them, creating, updating, pricing without saving, completing into an order, deleting
 * and emailing the invoice link, with the userErrors Shopify gives (recorded from live shops where possible)
 * and the draft_orders/* webhooks it sends.
 */
export const draftOrderResolvers: ResolverModule = {
  query: {
    draftOrder: ({ id }, context) => {
      const draft = findDraftOrder(context.shop, id);
      return draft ? draftOrderView(draft, context) : null;
    },
    draftOrders: (args, context) => {
      const drafts = context.shop.draftOrders.filter((draft) => matchesDraftOrderQuery(draft, args.query));
      return connection(drafts, args, (draft) => draftOrderView(draft, context));
    },
    paymentTermsTemplates: ({ paymentTermsType }) =>
      PAYMENT_TERMS_TEMPLATES.filter((template) => !paymentTermsType || template.paymentTermsType === paymentTermsType).map((template) => ({
        __typename: "PaymentTermsTemplate",
        id: template.id,
        name: template.name,
        translatedName: template.name,
        description: template.description,
        dueInDays: template.dueInDays ?? null,
        paymentTermsType: template.paymentTermsType,
      })),
  },
  mutation: {
    draftOrderCreate: ({ input }, context) => {
      const { store, shop } = context;
      const candidate = blankDraftOrder(store.clock.nowIso());
      const { errors } = applyDraftOrderInput(candidate, input, context, { creating: true, fieldPrefix: [] });
      if (errors.length > 0) return { draftOrder: null, userErrors: errors };
      const draft: DraftOrder = { ...candidate, id: store.newId("DraftOrder"), name: `#D${nextDraftNumber(shop)}`, invoiceUrl: newInvoiceUrl(store) };
      // The draft must exist for its metafields to be checked; it is taken back out when one is refused.
      shop.draftOrders.push(draft);
      const metafieldErrors = setDraftMetafields(context, draft.id, input.metafields, []);
      if (metafieldErrors.length > 0) {
        shop.draftOrders.pop();
        return { draftOrder: null, userErrors: metafieldErrors };
      }
      store.emitWebhook(shop.settings.domain, "draft_orders/create", { type: "draftOrder", draftOrderId: draft.id });
      return { draftOrder: draftOrderView(draft, context), userErrors: [] };
    },
    draftOrderUpdate: ({ id, input }, context) => {
      const { store, shop } = context;
      const index = shop.draftOrders.findIndex((draft) => draft.id === id);
      const current = shop.draftOrders[index];
      if (!current) return { draftOrder: null, userErrors: [draftNotFound] };
      if (current.status === "COMPLETED")
        return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has been completed and can no longer be edited." }] };
      const draft = structuredClone(current);
      const { errors } = applyDraftOrderInput(draft, input, context, { creating: false, fieldPrefix: ["input"] });
      if (errors.length > 0) return { draftOrder: null, userErrors: errors };
      const metafieldErrors = setDraftMetafields(context, draft.id, input.metafields, ["input"]);
      if (metafieldErrors.length > 0) return { draftOrder: null, userErrors: metafieldErrors };
      draft.updatedAt = store.clock.nowIso();
      shop.draftOrders[index] = draft;
      store.emitWebhook(shop.settings.domain, "draft_orders/update", { type: "draftOrder", draftOrderId: draft.id });
      return { draftOrder: draftOrderView(draft, context), userErrors: [] };
    },
    draftOrderCalculate: ({ input }, context) => {
      const candidate = blankDraftOrder(context.store.clock.nowIso());
      const { errors } = applyDraftOrderInput(candidate, input, context, { creating: true, fieldPrefix: [] });
      if (errors.length > 0) return { calculatedDraftOrder: null, userErrors: errors };
      return { calculatedDraftOrder: calculatedDraftOrderView(candidate, context.shop), userErrors: [] };
    },
    draftOrderComplete: (args, context, info) => {
      const draft = findDraftOrder(context.shop, args.id);
      if (!draft) return { draftOrder: null, userErrors: [draftNotFound] };
      if (draft.status === "COMPLETED")
        return { draftOrder: draftOrderView(draft, context), userErrors: [{ field: null, message: "This order has been paid" }] };
      if (args.paymentGatewayId) return { draftOrder: null, userErrors: [{ field: null, message: "Invalid payment gateway" }] };
      createOrderFromDraft(context.store, context.shop, draft, completionPayment(draft, args.paymentPending, info), args.sourceName ?? undefined);
      return { draftOrder: draftOrderView(draft, context), userErrors: [] };
    },
    draftOrderDelete: ({ input }, { store, shop }) => {
      const index = shop.draftOrders.findIndex((draft) => draft.id === input.id);
      if (index < 0) return { deletedId: null, userErrors: [draftNotFound] };
      shop.draftOrders.splice(index, 1);
      shop.metafields = shop.metafields.filter((metafield) => metafield.ownerId !== input.id);
      store.emitWebhook(shop.settings.domain, "draft_orders/delete", { type: "draftOrder", draftOrderId: input.id });
      return { deletedId: input.id, userErrors: [] };
    },
    draftOrderInvoiceSend: ({ id, email }, context) => {
      const { store, shop } = context;
      const draft = findDraftOrder(shop, id);
      if (!draft) return { draftOrder: null, userErrors: [{ field: null, message: "Draft order not found" }] };
      const to = email?.to ?? draft.email ?? findCustomer(shop, draft.customerId)?.email;
      const errors: UserError[] = [];
      if (!to) errors.push({ field: null, message: "To can't be blank" });
      if (draft.status === "COMPLETED") errors.push({ field: null, message: "Draft order Invoice can't be sent. This draft order is already paid." });
      if (errors.length > 0 || !to) return { draftOrder: draftOrderView(draft, context), userErrors: errors };
      const url = invoiceUrlOf(store, draft);
      store.sendEmail({
        shop: shop.settings.domain,
        kind: "draft_order_invoice",
        to,
        subject: email?.subject ?? `Invoice ${draft.name}`,
        body: [email?.customMessage, `Complete your purchase: ${url}`].filter(Boolean).join("\n\n"),
        url,
        resourceId: draft.id,
      });
      const now = store.clock.nowIso();
      draft.status = "INVOICE_SENT";
      draft.invoiceSentAt = now;
      draft.updatedAt = now;
      store.emitWebhook(shop.settings.domain, "draft_orders/update", { type: "draftOrder", draftOrderId: draft.id });
      return { draftOrder: draftOrderView(draft, context), userErrors: [] };
    },
  },
};

const draftNotFound: UserError = { field: ["id"], message: "Draft order does not exist" };

/** Shopify names a shop's drafts #D1, #D2, … */
function nextDraftNumber(shop: ShopState): number {
  return Math.max(0, ...shop.draftOrders.map((draft) => Number(draft.name.replace(/^#D/, ""))).filter(Number.isFinite)) + 1;
}

/**
 * `paymentPending` defaults to false in the schema, but Shopify treats leaving it out differently from false:
 * a draft with payment terms then completes with its payment pending (a manual SALE still PENDING, recorded
 * from a live shop), while an explicit false marks the order paid.
 */
function completionPayment(draft: DraftOrder, paymentPending: boolean, info: GraphQLResolveInfo): OrderPayment {
  const pending = argumentGiven(info, "paymentPending") ? paymentPending : draft.paymentTerms !== undefined;
  return pending ? { type: "pending" } : { type: "markPaid" };
}

function argumentGiven(info: GraphQLResolveInfo, name: string): boolean {
  const argument = info.fieldNodes[0]?.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return false;
  return argument.value.kind !== Kind.VARIABLE || argument.value.name.value in info.variableValues;
}

/** The schema's `MetafieldInput`: every field optional. */
interface MetafieldInput {
  readonly namespace?: string | null;
  readonly key?: string | null;
  readonly type?: string | null;
  readonly value?: string | null;
}

/**
 * `DraftOrderInput.metafields`, written the way `metafieldsSet` writes them (checked all first, `$app`
 * namespaces, no default type); their errors become the draft mutation's, under its input's path.
 */
function setDraftMetafields(
  context: AdminContext,
  ownerId: string,
  inputs: readonly MetafieldInput[] | null | undefined,
  fieldPrefix: readonly string[],
): UserError[] {
  if (!inputs || inputs.length === 0) return [];
  const { userErrors } = setMetafields(
    context,
    inputs.map((input) => ({ ownerId, namespace: input.namespace ?? null, key: input.key ?? "", type: input.type ?? null, value: input.value ?? "" })),
  );
  return userErrors.map((error) => ({ field: error.field ? [...fieldPrefix, ...error.field] : null, message: error.message }));
}
