import { createOrderFromDraft } from "../commerce/create-order";
import { findDraftByInvoiceToken } from "../commerce/draft-order-invoice-url";
import { priceDraftOrder } from "../commerce/draft-order-pricing";
import { html, json, type Route } from "../http/router";
import type { EmulatorStore } from "../state/emulator-store";
import type { CardOutcome } from "../state/model";
import { checkoutPage, failedPage, paidPage } from "./checkout-page";

/**
 * The buyer's checkout for draft-order invoice links: GET /checkout/:token shows the invoice, POST
 * /checkout/:token/pay pays it from the form, and POST /_emulator/checkout/:token/pay does the same for tests
 * with JSON `{"card": "approve"|"decline"|"insufficient_funds", "saveCard": boolean, "savedCardOutcome"?}`.
 * Paying charges what is due now and creates the order from the draft; a declined card creates nothing.
 */

interface PayRequest {
  readonly card: CardOutcome;
  readonly saveCard: boolean;
  /** How the saved card answers when it is charged later (default: approve). */
  readonly savedCardOutcome: CardOutcome;
}

type PayResult =
  | {
      readonly ok: true;
      readonly orderId: string;
      readonly orderName: string;
      readonly amountPaid: string;
      readonly currencyCode: string;
      readonly shopName: string;
      readonly mandateId?: string;
    }
  | { readonly ok: false; readonly status: number; readonly error: string };

const CARD_OUTCOMES: readonly CardOutcome[] = ["approve", "decline", "insufficient_funds"];
const DECLINE_MESSAGES: Record<Exclude<CardOutcome, "approve">, string> = {
  decline: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
};

export function checkoutRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: "GET",
      path: "/checkout/:token",
      handler: ({ params }) => {
        const token = params.token ?? "";
        const found = findDraftByInvoiceToken(store, token);
        return found ? html(200, checkoutPage(found.shop, found.draft, token)) : html(404, failedPage("This invoice link is not valid."));
      },
    },
    {
      method: "POST",
      path: "/checkout/:token/pay",
      handler: ({ params, body }) => {
        const token = params.token ?? "";
        const form = new URLSearchParams(body);
        const request = payRequestFrom(form.get("card"), form.get("saveCard") === "on", form.get("savedCardOutcome"));
        if (!request) return html(400, failedPage("Choose a test card outcome.", token));
        const result = pay(store, token, request);
        return result.ok
          ? html(200, paidPage(result.shopName, result.orderName, result.amountPaid, result.currencyCode))
          : html(result.status, failedPage(result.error, token));
      },
    },
    {
      method: "POST",
      path: "/_emulator/checkout/:token/pay",
      handler: ({ params, body }) => {
        let parsed: { card?: unknown; saveCard?: unknown; savedCardOutcome?: unknown };
        try {
          parsed = JSON.parse(body || "{}") as typeof parsed;
        } catch {
          return json(400, { ok: false, error: "the body is not JSON" });
        }
        const request = payRequestFrom(parsed.card, parsed.saveCard === true, parsed.savedCardOutcome);
        if (!request) return json(400, { ok: false, error: `"card" must be one of ${CARD_OUTCOMES.join(", ")}` });
        const result = pay(store, params.token ?? "", request);
        return result.ok
          ? json(200, { ok: true, orderId: result.orderId, ...(result.mandateId ? { mandateId: result.mandateId } : {}) })
          : json(result.status, { ok: false, error: result.error });
      },
    },
  ];
}

function payRequestFrom(card: unknown, saveCard: boolean, savedCardOutcome: unknown): PayRequest | undefined {
  if (!CARD_OUTCOMES.includes(card as CardOutcome)) return undefined;
  const later = CARD_OUTCOMES.includes(savedCardOutcome as CardOutcome) ? (savedCardOutcome as CardOutcome) : "approve";
  return { card: card as CardOutcome, saveCard, savedCardOutcome: later };
}

function pay(store: EmulatorStore, token: string, request: PayRequest): PayResult {
  const found = findDraftByInvoiceToken(store, token);
  if (!found) return { ok: false, status: 404, error: "This invoice link is not valid." };
  const { shop, draft } = found;
  if (draft.status === "COMPLETED") return { ok: false, status: 409, error: "This invoice has already been paid." };
  if (request.card !== "approve") return { ok: false, status: 402, error: DECLINE_MESSAGES[request.card] };
  const price = priceDraftOrder(draft, shop);
  const { order, mandate } = createOrderFromDraft(store, shop, draft, {
    type: "card",
    amount: price.amountDueNow,
    ...(request.saveCard ? { saveCard: { outcomeOfLaterCharges: request.savedCardOutcome } } : {}),
  });
  return {
    ok: true,
    orderId: order.id,
    orderName: order.name,
    amountPaid: price.amountDueNow,
    currencyCode: price.currencyCode,
    shopName: shop.settings.name,
    ...(mandate ? { mandateId: mandate.id } : {}),
  };
}
