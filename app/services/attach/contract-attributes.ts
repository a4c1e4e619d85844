/**
 * The custom attributes the app puts on draft orders. Shopify copies them to the order as note attributes, so
 * webhooks about the order name the contract; a leading underscore hides them from the buyer at checkout.
 */
export const CONTRACT_ATTRIBUTE = "_tranche_contract";
export const STAGE_ATTRIBUTE = "_tranche_stage";
/** The schedule for the checkout extension (extensions/buyer-schedule): JSON, see checkout-schedule.ts. */
export const CHECKOUT_SCHEDULE_ATTRIBUTE = "_tranche_schedule";
/** A readable summary of the schedule, shown to staff on the draft and the order. */
export const SCHEDULE_ATTRIBUTE = "Payment schedule";

/** The contract id in a webhook's `note_attributes`, if the order or draft is one of the app's. */
export function contractIdFromNoteAttributes(attributes: readonly { readonly name: string; readonly value?: unknown }[] | null | undefined): string | null {
  const found = attributes?.find((attribute) => attribute.name === CONTRACT_ATTRIBUTE);
  return typeof found?.value === "string" && found.value !== "" ? found.value : null;
}
