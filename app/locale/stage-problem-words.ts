import { plainReason } from "./staff-alert-words";

/**
 * Why the app stopped collecting a stage, for staff: a parked stage's reason names the Shopify operation that was
 * refused ("Shopify refused DraftOrderComplete: This order has been paid"); staff read what Shopify said, without
 * operation names or record ids.
 */
export function stageProblemWords(reason: string): string {
  const refused = /^Shopify refused [A-Z][A-Za-z]*: (?:[A-Z][A-Za-z]*: )?(.*)$/s.exec(reason.trim());
  if (refused) return `Shopify refused the last step for it, saying “${plainReason(refused[1]!).replace(/\.$/, "")}”.`;
  return plainReason(reason.replace(/^[A-Z][a-z]+(?:[A-Z][a-z]+)+: /, ""));
}
