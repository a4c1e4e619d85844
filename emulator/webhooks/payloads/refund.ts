import { Dec, roundMoney, sumMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { Order, OrderLineItem, Refund, ShopState } from "../../state/model";
import { orderLineItemPayload } from "./line-item";
import { priceSet, shopTime } from "./rest-values";
import { transactionPayload } from "./transaction";

/**
 * A `refunds/create` payload. A refunded line's subtotal and tax are its share, by quantity, of the
 * discounted total and tax lines the line was given when the order was created. Refund line item ids are
 * not modelled: they are derived from the refund's id and the position.
 */
export function refundPayload(shop: ShopState, order: Order, refund: Refund) {
  const currency = order.currencyCode;
  const shareOf = (amount: string, line: OrderLineItem, quantity: number) => roundMoney(new Dec(amount).times(quantity).dividedBy(line.quantity), currency);
  return {
    id: legacyId(refund.id),
    order_id: legacyId(order.id),
    created_at: shopTime(refund.createdAt, shop.settings.ianaTimezone),
    note: refund.note ?? null,
    user_id: null,
    processed_at: shopTime(refund.createdAt, shop.settings.ianaTimezone),
    duties: [],
    total_duties_set: priceSet("0", currency),
    return: null,
    restock: false,
    refund_shipping_lines: [],
    admin_graphql_api_id: refund.id,
    order_adjustments: [],
    refund_line_items: refund.lineItems.map((refunded, index) => {
      const line = order.lineItems.find((candidate) => candidate.id === refunded.lineItemId);
      const subtotal = line ? shareOf(line.discountedTotal, line, refunded.quantity) : roundMoney("0", currency);
      const tax = line
        ? shareOf(
            sumMoney(
              line.taxLines.map((taxLine) => taxLine.price),
              currency,
            ),
            line,
            refunded.quantity,
          )
        : roundMoney("0", currency);
      return {
        id: legacyId(refund.id) * 100 + index + 1,
        quantity: refunded.quantity,
        line_item_id: legacyId(refunded.lineItemId),
        location_id: null,
        restock_type: "no_restock",
        // REST writes these two as JSON numbers.
        subtotal: Number(subtotal),
        total_tax: Number(tax),
        subtotal_set: priceSet(subtotal, currency),
        total_tax_set: priceSet(tax, currency),
        line_item: line ? orderLineItemPayload(shop, order, line) : null,
      };
    }),
    transactions: order.transactions
      .filter((transaction) => refund.transactionIds.includes(transaction.id))
      .map((transaction) => transactionPayload(shop, order, transaction)),
  };
}
