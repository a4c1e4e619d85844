import type { ResolverModule } from "../resolver-types";
import { catalogAndCustomerResolvers } from "./catalog-and-customers";
import { draftOrderResolvers } from "./draft-orders";
import { metafieldResolvers } from "./metafields";
import { nodeResolvers } from "./nodes";
import { shopResolvers } from "./shop";
import { fulfillmentResolvers } from "./fulfillment";
import { orderResolvers } from "./orders";
import { paymentTermsResolvers } from "./payment-terms";
import { paymentResolvers } from "./payments";
import { refundAndCancelResolvers } from "./refunds-and-cancel";
import { webhookSubscriptionResolvers } from "./webhook-subscriptions";

/** Every implemented root field of the Admin API, by area. */
export const ADMIN_RESOLVER_MODULES: readonly ResolverModule[] = [
  shopResolvers,
  nodeResolvers,
  catalogAndCustomerResolvers,
  draftOrderResolvers,
  webhookSubscriptionResolvers,
  metafieldResolvers,
  orderResolvers,
  paymentResolvers,
  paymentTermsResolvers,
  fulfillmentResolvers,
  refundAndCancelResolvers,
];
