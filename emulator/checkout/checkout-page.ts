import { priceDraftOrder } from "../commerce/draft-order-pricing";
import type { DraftOrder, ShopState } from "../state/model";
import { Dec, roundMoney } from "../commerce/money";
import { escapeHtml as escape, htmlDocument as page } from "./html-document";
import { testCardFields } from "./test-card-fields";

/**
 * The buyer's side of a draft-order invoice, as plain accessible HTML: what is bought, the totals and tax, what
 * is due now and later, and a form that pays with a test card whose outcome the tester picks.
 */

export function checkoutPage(shop: ShopState, draft: DraftOrder, token: string): string {
  const price = priceDraftOrder(draft, shop);
  const money = (amount: string) => `${roundMoney(amount, price.currencyCode)} ${price.currencyCode}`;
  const lines = draft.lineItems
    .map((line, index) => {
      const linePrice = price.lines[index]!;
      return `<tr><td>${escape(line.title)}</td><td class="amount">${line.quantity}</td><td class="amount">${money(line.originalUnitPrice)}</td><td class="amount">${money(linePrice.discountedTotal)}</td></tr>`;
    })
    .join("\n");
  const taxRows = price.taxLines
    .map(
      (line) =>
        `<tr><th scope="row" colspan="3">${escape(line.title)} (${new Dec(line.rate).times(100).toString()}%)${price.taxesIncluded ? ", included" : ""}</th><td class="amount">${money(line.price)}</td></tr>`,
    )
    .join("\n");
  const terms = draft.paymentTerms;
  const laterDue = terms?.schedules[0]?.dueAt;
  const later = terms
    ? `<p>Due later (${escape(terms.name)}${laterDue ? `, by ${escape(laterDue.slice(0, 10))}` : ""}): <strong id="due-later">${money(price.amountDueLater)}</strong></p>`
    : "";
  const header = `<h1>${escape(shop.settings.name)}: invoice ${escape(draft.name)}</h1>`;
  const summary = `<table>
<caption>Items</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="amount">Quantity</th><th scope="col" class="amount">Price</th><th scope="col" class="amount">Total</th></tr></thead>
<tbody>
${lines}
</tbody>
<tfoot>
<tr><th scope="row" colspan="3">Subtotal</th><td class="amount">${money(price.subtotal)}</td></tr>
<tr><th scope="row" colspan="3">Discounts</th><td class="amount">${money(price.totalDiscounts)}</td></tr>
<tr><th scope="row" colspan="3">Shipping${draft.shippingLine ? ` (${escape(draft.shippingLine.title)})` : ""}</th><td class="amount">${money(price.shipping)}</td></tr>
${taxRows}
<tr><th scope="row" colspan="3">Total</th><td class="amount"><strong>${money(price.total)}</strong></td></tr>
</tfoot>
</table>
<p>Due now: <strong id="due-now">${money(price.amountDueNow)}</strong></p>
${later}`;

  if (draft.status === "COMPLETED") {
    return page(`Invoice ${draft.name}`, `${header}\n<p role="status">This invoice has already been paid.</p>\n${summary}`);
  }
  const payLabel = new Dec(price.amountDueNow).gt(0) ? `Pay ${money(price.amountDueNow)}` : "Place order";
  const form = `<form method="post" action="/checkout/${encodeURIComponent(token)}/pay">
${testCardFields()}
<p><button type="submit">${payLabel}</button></p>
</form>`;
  return page(`Invoice ${draft.name}`, `${header}\n${summary}\n${form}`);
}

export function paidPage(shopName: string, orderName: string, amountPaid: string, currencyCode: string): string {
  return page(
    `Order ${orderName} confirmed`,
    `<h1>Thank you</h1>\n<p role="status">${escape(shopName)} received your order ${escape(orderName)}. Paid now: ${escape(roundMoney(amountPaid, currencyCode))} ${escape(currencyCode)}.</p>`,
  );
}

export function failedPage(message: string, token?: string): string {
  const back = token ? `\n<p><a href="/checkout/${encodeURIComponent(token)}">Back to the invoice</a></p>` : "";
  return page("Payment not completed", `<h1>Payment not completed</h1>\n<p class="error" role="alert">${escape(message)}</p>${back}`);
}
