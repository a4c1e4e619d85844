import { roundMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { Order, ShopState, Transaction } from "../../state/model";
import { restEnum, shopTime, transactionMoneySet } from "./rest-values";

/** Messages gateways give for the emulator's card outcomes (Shopify's Bogus gateway wording). */
const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  CARD_DECLINED: "Your card was declined.",
  INSUFFICIENT_FUNDS: "Your card has insufficient funds.",
};

/**
 * The `payment_id` of a transaction: a mandate payment's `paymentReferenceId` (what `orderCreateMandatePayment`
 * returned, so the app can match the result), otherwise the order's name and the transaction's position.
 */
function paymentId(order: Order, transaction: Transaction): string {
  return transaction.paymentReferenceId ?? `${order.name}.${order.transactions.indexOf(transaction) + 1}`;
}

/** An `order_transactions/create` payload, also embedded in refunds. */
export function transactionPayload(shop: ShopState, order: Order, transaction: Transaction) {
  const currency = order.currencyCode;
  const time = (instant: string | undefined) => shopTime(instant, shop.settings.ianaTimezone);
  const unsettled = transaction.kind === "AUTHORIZATION" && transaction.status === "SUCCESS" ? transaction.amount : "0";
  return {
    id: legacyId(transaction.id),
    order_id: legacyId(order.id),
    kind: restEnum(transaction.kind),
    gateway: transaction.gateway,
    status: restEnum(transaction.status),
    message: transaction.errorCode ? (ERROR_MESSAGES[transaction.errorCode] ?? transaction.errorCode) : null,
    created_at: time(transaction.createdAt),
    test: false,
    authorization: transaction.manual ? null : String(legacyId(transaction.id)),
    location_id: null,
    user_id: null,
    parent_id: transaction.parentTransactionId ? legacyId(transaction.parentTransactionId) : null,
    processed_at: time(transaction.processedAt),
    device_id: null,
    error_code: transaction.errorCode ? restEnum(transaction.errorCode) : null,
    source_name: transaction.manual ? "admin" : "web",
    ...(transaction.cardLast4
      ? {
          payment_details: {
            credit_card_bin: null,
            avs_result_code: null,
            cvv_result_code: null,
            credit_card_number: `•••• •••• •••• ${transaction.cardLast4}`,
            credit_card_company: shop.mandates.find((mandate) => mandate.id === transaction.mandateId)?.cardBrand ?? "Visa",
            buyer_action_info: null,
            credit_card_name: null,
            credit_card_wallet: null,
            credit_card_expiration_month: null,
            credit_card_expiration_year: null,
            payment_method_name: transaction.paymentMethodName ?? "card",
          },
        }
      : {}),
    receipt: {},
    amount: roundMoney(transaction.amount, currency),
    currency,
    payment_id: paymentId(order, transaction),
    total_unsettled_set: transactionMoneySet(unsettled, currency),
    manual_payment_gateway: transaction.manual,
    amount_rounding: null,
    admin_graphql_api_id: transaction.id,
  };
}
