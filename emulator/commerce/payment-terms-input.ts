import { shopifyDateTime } from "../graphql/shopify-date-time";
import type { EmulatorStore } from "../state/emulator-store";
import type { PaymentSchedule, PaymentTerms } from "../state/model";
import { findPaymentTermsTemplate, type PaymentTermsTemplate } from "./payment-terms-templates";

/**
 * Payment terms from a `PaymentTermsInput` (draft orders) or `PaymentTermsCreateInput` (orders), validated as
 * Shopify does (messages from live Admin API responses): a template, one schedule at most, a due date for
 * FIXED and NET (NET from `issuedAt` plus the template's days), none for event terms (RECEIPT, FULFILLMENT:
 * no schedule). Instants are whole seconds, as Shopify stores them.
 */

export interface PaymentTermsInput {
  readonly paymentTermsTemplateId?: string | null;
  readonly paymentSchedules?: readonly { readonly issuedAt?: string | null; readonly dueAt?: string | null }[] | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DUE_DATE_REQUIRED = "A due date is required with fixed or net payment terms.";

/** Schedules as validated, before they get ids: nothing is written until every check has passed. */
export type ValidatedPaymentTerms =
  { readonly template: PaymentTermsTemplate; readonly schedules: readonly Omit<PaymentSchedule, "id">[] } | { readonly error: string };

export function validatePaymentTermsInput(input: PaymentTermsInput): ValidatedPaymentTerms {
  if (!input.paymentTermsTemplateId) return { error: "Payment terms template id can not be empty." };
  const schedules = input.paymentSchedules ?? [];
  if (schedules.length > 1) return { error: "Cannot create payment terms with multiple payment schedules." };
  const template = findPaymentTermsTemplate(input.paymentTermsTemplateId);
  if (!template) return { error: "Could not find payment terms template." };
  const schedule = schedules[0];
  switch (template.paymentTermsType) {
    case "FIXED":
      if (!schedule?.dueAt) return { error: DUE_DATE_REQUIRED };
      return {
        template,
        schedules: [{ dueAt: shopifyDateTime(schedule.dueAt), ...(schedule.issuedAt ? { issuedAt: shopifyDateTime(schedule.issuedAt) } : {}) }],
      };
    case "NET": {
      if (!schedule?.issuedAt) return { error: DUE_DATE_REQUIRED };
      const issuedAt = shopifyDateTime(schedule.issuedAt);
      return { template, schedules: [{ issuedAt, dueAt: shopifyDateTime(new Date(Date.parse(issuedAt) + (template.dueInDays ?? 0) * DAY_MS).toISOString()) }] };
    }
    default:
      if (schedule?.dueAt) return { error: "A due date cannot be set with event payment terms." };
      return { template, schedules: [] };
  }
}

export function paymentTermsFromInput(store: EmulatorStore, input: PaymentTermsInput): { readonly terms: PaymentTerms } | { readonly error: string } {
  const validated = validatePaymentTermsInput(input);
  if ("error" in validated) return validated;
  const { template, schedules } = validated;
  return {
    terms: {
      id: store.newId("PaymentTerms"),
      templateId: template.id,
      type: template.paymentTermsType,
      name: template.name,
      ...(template.dueInDays === undefined ? {} : { dueInDays: template.dueInDays }),
      schedules: schedules.map((fields) => ({ id: store.newId("PaymentSchedule"), ...fields })),
    },
  };
}
