import { currencyFor, type Currency } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { StoredContract } from "../../models/contracts.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderAttributesQuery } from "../../shopify/operations/draft-order-attributes-query";
import { draftOrderUpdateMutation } from "../../shopify/operations/draft-order-update-mutation";
import { checkoutScheduleAttribute, type CheckoutStage } from "./checkout-schedule";
import { CHECKOUT_SCHEDULE_ATTRIBUTE, CONTRACT_ATTRIBUTE, SCHEDULE_ATTRIBUTE } from "./contract-attributes";

const OURS = new Set([CONTRACT_ATTRIBUTE, SCHEDULE_ATTRIBUTE, CHECKOUT_SCHEDULE_ATTRIBUTE]);

/**
 * Names the contract and its schedule on the source draft (and so on the order it becomes), from the stored contract:
 * only the request that created the contract, or one resuming it under its lock, writes them, so attaches racing for
 * one draft never leave it naming a contract that lost. The draft's other attributes are kept; a rerun that finds them
 * written changes nothing.
 */
export async function writeDraftAttributes(admin: AdminClient, contract: StoredContract, requireAcceptance: boolean): Promise<void> {
  const { draftOrder } = await admin.request(draftOrderAttributesQuery, { id: contract.sourceDraftOrderId });
  if (!draftOrder) throw new Error(`the draft order ${contract.sourceDraftOrderId} of contract ${contract.id} is gone`);
  const currency = currencyFor(contract.currency);
  const stages = contract.stages.map((stage) => ({
    position: stage.position,
    title: stage.title,
    amount: stage.amountMinor,
    tax: stage.taxShares,
    dueDate: stage.dueDate,
    trigger: stage.dueRule.trigger,
  }));
  const wanted = [
    { key: CONTRACT_ATTRIBUTE, value: contract.id },
    { key: SCHEDULE_ATTRIBUTE, value: scheduleSummary(stages, currency, contract.firstStageAtCheckout) },
    { key: CHECKOUT_SCHEDULE_ATTRIBUTE, value: checkoutScheduleAttribute(stages, currency, requireAcceptance) },
  ];
  const current = new Map(draftOrder.customAttributes.map((attribute) => [attribute.key, attribute.value ?? ""]));
  if (wanted.every((attribute) => current.get(attribute.key) === attribute.value)) return;
  const others = draftOrder.customAttributes
    .filter((attribute) => !OURS.has(attribute.key))
    .map((attribute) => ({ key: attribute.key, value: attribute.value ?? "" }));
  await admin.request(draftOrderUpdateMutation, { id: draftOrder.id, input: { customAttributes: [...others, ...wanted] } });
}

/** "1/3 Deposit 300.00 USD at checkout; 2/3 …", for staff reading the draft or order in Shopify's admin. */
function scheduleSummary(stages: readonly CheckoutStage[], currency: Currency, firstStageAtCheckout: boolean): string {
  return stages
    .map((stage) => {
      const atCheckout = firstStageAtCheckout && stage.position === 1;
      const when = atCheckout ? "at checkout" : (stage.dueDate ?? (stage.trigger ? "on an event" : "later"));
      return `${stage.position}/${stages.length} ${stage.title} ${formatMinorUnits(stage.amount, currency)} ${currency.code} ${when}`;
    })
    .join("; ");
}
