import { Dec } from "../../../app/domain/money/decimal";
import { legacyId, roundMoney } from "../../graphql/views";
import type { Order, Refund, ShopState } from "../../state/model";
import { lineDiscount, orderLineItemPayload } from "./line-item";
import { priceSet, shopTime } from "./rest-values";
import { transactionPayload } from "./transaction";

/**
 * A `refunds/create` payload. The emulator keeps tax per order, so a refunded line's tax is its share of the
 * order's tax by the line's part of the discounted line total. Refund line item ids are not modelled: they
 * are derived from the refund's id and the position.
 */
export function refundPayload(shop: ShopState, order: Order, refund: Refund) {
  const currency = order.currencyCode;
  const lineNet = (lineItemId: string, quantity: number) => {
    const line = order.lineItems.find((candidate) => candidate.id === lineItemId);
    if (!line) return new Dec(0);
    const net = new Dec(line.originalUnitPrice).times(line.quantity).minus(lineDiscount(line, currency));
    return net.times(quantity).dividedBy(line.quantity);
  };
  const allLines = order.lineItems.reduce((sum, line) => sum.plus(lineNet(line.id, line.quantity)), new Dec(0));
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
      const subtotal = roundMoney(lineNet(refunded.lineItemId, refunded.quantity), currency);
      const tax = allLines.isZero() ? "0" : roundMoney(new Dec(order.totalTax).times(subtotal).dividedBy(allLines), currency);
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
    transactions: order.transactions.filter((transaction) => refund.transactionIds.includes(transaction.id)).map((transaction) => transactionPayload(shop, order, transaction)),
  };
}
