import { randomInt } from "node:crypto";

const CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * A new order's confirmation number as Shopify makes it (`Order.confirmationNumber`, e.g. `XPAV284CT`): 9 random
 * capitals and digits, shown to the buyer on the thank-you page, neither sequential nor guaranteed unique.
 */
export function newConfirmationNumber(): string {
  return Array.from({ length: 9 }, () => CHARACTERS[randomInt(CHARACTERS.length)]).join("");
}
