import { CARD_GATEWAY } from "../commerce/create-order";
import { totalOutstanding } from "../commerce/order-balance";
import { recordTransaction } from "../commerce/record-payment";
import { TEST_CARD, vaultTestCard } from "../commerce/test-card";
import { Dec, roundMoney } from "../commerce/money";
import { legacyId } from "../graphql/views";
import { html, json, type Route } from "../http/router";
import type { EmulatorStore } from "../state/emulator-store";
import type { CardOutcome, Order, ShopState } from "../state/model";
import { escapeHtml, htmlDocument } from "./html-document";
import { testCardFields } from "./test-card-fields";

/**
 * The page behind an order's payment link (the `orderInvoiceSend` email, `additionalPaymentCollectionUrl`):
 * GET /checkout/order/:number shows the balance, POST /checkout/order/:number/pay pays all of it by card, and
 * POST /_emulator/checkout/order/:number/pay does the same for tests with JSON like the draft checkout's.
 */
export function orderPaymentRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: "GET",
      path: "/checkout/order/:number",
      handler: ({ params }) => {
        const found = findOrderByNumber(store, params.number ?? "");
        return found ? html(200, orderPaymentPage(found.order)) : html(404, resultPage("Payment not completed", "This payment link is not valid."));
      },
    },
    {
      method: "POST",
      path: "/checkout/order/:number/pay",
      handler: ({ params, body }) => {
        const form = new URLSearchParams(body);
        const result = payOrder(store, params.number ?? "", form.get("card"), form.get("saveCard") === "on", form.get("savedCardOutcome"));
        return result.ok
          ? html(200, resultPage("Payment received", `Paid ${result.amount} ${result.currencyCode} towards order ${result.orderName}.`))
          : html(result.status, resultPage("Payment not completed", result.error));
      },
    },
    {
      method: "POST",
      path: "/_emulator/checkout/order/:number/pay",
      handler: ({ params, body }) => {
        const request = JSON.parse(body || "{}") as { card?: unknown; saveCard?: unknown; savedCardOutcome?: unknown };
        const result = payOrder(store, params.number ?? "", request.card, request.saveCard === true, request.savedCardOutcome);
        return result.ok ? json(200, result) : json(result.status, { ok: false, error: result.error });
      },
    },
  ];
}

const CARD_OUTCOMES: readonly CardOutcome[] = ["approve", "decline", "insufficient_funds"];

type OrderPaymentResult =
  | {
      readonly ok: true;
      readonly orderId: string;
      readonly orderName: string;
      readonly amount: string;
      readonly currencyCode: string;
      readonly mandateId?: string;
    }
  | { readonly ok: false; readonly status: number; readonly error: string };

function payOrder(store: EmulatorStore, number: string, card: unknown, saveCard: boolean, savedCardOutcome: unknown): OrderPaymentResult {
  if (!CARD_OUTCOMES.includes(card as CardOutcome)) return { ok: false, status: 400, error: `"card" must be one of ${CARD_OUTCOMES.join(", ")}` };
  const found = findOrderByNumber(store, number);
  if (!found) return { ok: false, status: 404, error: "This payment link is not valid." };
  const { shop, order } = found;
  if (order.cancelledAt) return { ok: false, status: 409, error: "This order was cancelled." };
  const outstanding = totalOutstanding(order);
  if (!new Dec(outstanding).gt(0)) return { ok: false, status: 409, error: "This order has been paid." };
  if (card === "decline") return { ok: false, status: 402, error: "Your card was declined." };
  if (card === "insufficient_funds") return { ok: false, status: 402, error: "Your card has insufficient funds." };

  const now = store.clock.nowIso();
  const mandate = saveCard
    ? vaultTestCard(store, shop, order, CARD_OUTCOMES.includes(savedCardOutcome as CardOutcome) ? (savedCardOutcome as CardOutcome) : "approve")
    : undefined;
  recordTransaction(store, shop, order, {
    id: store.newId("OrderTransaction"),
    kind: "SALE",
    status: "SUCCESS",
    amount: outstanding,
    gateway: CARD_GATEWAY,
    createdAt: now,
    processedAt: now,
    manual: false,
    cardLast4: TEST_CARD.last4,
  });
  return {
    ok: true,
    orderId: order.id,
    orderName: order.name,
    amount: roundMoney(outstanding, order.currencyCode),
    currencyCode: order.currencyCode,
    ...(mandate ? { mandateId: mandate.id } : {}),
  };
}

function findOrderByNumber(store: EmulatorStore, number: string): { shop: ShopState; order: Order } | undefined {
  for (const shop of store.shops.values()) {
    const order = shop.orders.find((candidate) => String(legacyId(candidate.id)) === number);
    if (order) return { shop, order };
  }
  return undefined;
}

function orderPaymentPage(order: Order): string {
  const outstanding = totalOutstanding(order);
  const money = (amount: string) => `${roundMoney(amount, order.currencyCode)} ${order.currencyCode}`;
  const header = `<h1>Payment for order ${escapeHtml(order.name)}</h1>
<table>
<tr><th scope="row">Order total</th><td class="amount">${money(order.totalPrice)}</td></tr>
<tr><th scope="row">Balance due</th><td class="amount"><strong id="balance-due">${money(outstanding)}</strong></td></tr>
</table>`;
  if (order.cancelledAt || !new Dec(outstanding).gt(0)) {
    return htmlDocument(
      `Order ${order.name}`,
      `${header}\n<p role="status">${order.cancelledAt ? "This order was cancelled." : "Nothing is due on this order."}</p>`,
    );
  }
  const form = `<form method="post" action="/checkout/order/${legacyId(order.id)}/pay">
${testCardFields()}
<p><button type="submit">Pay ${money(outstanding)}</button></p>
</form>`;
  return htmlDocument(`Order ${order.name}`, `${header}\n${form}`);
}

function resultPage(heading: string, message: string): string {
  return htmlDocument(heading, `<h1>${escapeHtml(heading)}</h1>\n<p role="status">${escapeHtml(message)}</p>`);
}
