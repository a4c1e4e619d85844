import { timingSafeEqual } from "node:crypto";

import type { AdminClient } from "../../shopify/admin-client.server";
import { orderConfirmationNumberQuery } from "../../shopify/operations/order-confirmation-number-query";

/**
 * Whether `confirmationNumber` is the one Shopify gave the order: a guest on the thank-you or order-status page has
 * it, someone who guessed the order's id does not. An order Shopify does not know, or one without a number (orders
 * from before numbers existed), confirms nothing.
 */
export async function confirmsOrder(admin: AdminClient, orderId: string, confirmationNumber: string): Promise<boolean> {
  const { order } = await admin.request(orderConfirmationNumberQuery, { id: orderId });
  const expected = order?.confirmationNumber;
  if (!expected) return false;
  // Constant time, so that the answer's timing says nothing about how much of a guess was right.
  const given = Buffer.from(confirmationNumber);
  const known = Buffer.from(expected);
  return given.length === known.length && timingSafeEqual(given, known);
}
