/**
 * Shopify's standard payment terms templates, with the ids, names and descriptions the Admin API returns
 * (`paymentTermsTemplates`). Shared by draft orders and order payment terms so both resolve the same ids.
 */
import type { PaymentTermsType } from "../state/model";

export interface PaymentTermsTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly dueInDays?: number;
  readonly paymentTermsType: PaymentTermsType;
}

/** In the order Shopify lists them; ids are Shopify's own (Net 45 was added later, hence id 8). */
export const PAYMENT_TERMS_TEMPLATES: readonly PaymentTermsTemplate[] = [
  { id: "gid://shopify/PaymentTermsTemplate/1", name: "Due on receipt", description: "Due on receipt", paymentTermsType: "RECEIPT" },
  { id: "gid://shopify/PaymentTermsTemplate/9", name: "Due on fulfillment", description: "Due on fulfillment", paymentTermsType: "FULFILLMENT" },
  { id: "gid://shopify/PaymentTermsTemplate/2", name: "Net 7", description: "Within 7 days", dueInDays: 7, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/3", name: "Net 15", description: "Within 15 days", dueInDays: 15, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/4", name: "Net 30", description: "Within 30 days", dueInDays: 30, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/8", name: "Net 45", description: "Within 45 days", dueInDays: 45, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/5", name: "Net 60", description: "Within 60 days", dueInDays: 60, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/6", name: "Net 90", description: "Within 90 days", dueInDays: 90, paymentTermsType: "NET" },
  { id: "gid://shopify/PaymentTermsTemplate/7", name: "Fixed", description: "Fixed date", paymentTermsType: "FIXED" },
];

export function findPaymentTermsTemplate(id: string): PaymentTermsTemplate | undefined {
  return PAYMENT_TERMS_TEMPLATES.find((template) => template.id === id);
}
