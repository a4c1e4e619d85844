import { priceDraftOrder } from "../commerce/draft-order-pricing";
import type { DraftOrder, ShopState } from "../state/model";
import { roundMoney } from "../graphql/views";

/**
 * The buyer's side of a draft-order invoice, as plain accessible HTML: what is bought, the totals and tax, what
 * is due now and later, and a form that pays with a test card whose outcome the tester picks.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid #ccc; text-align: left; }
td.amount, th.amount { text-align: right; }
fieldset { margin: 1rem 0; }
button { font-size: 1.1rem; padding: 0.5rem 1.5rem; }
.error { color: #a40000; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

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
    .map((line) => `<tr><th scope="row" colspan="3">${escape(line.title)} (${Number(line.rate) * 100}%)${price.taxesIncluded ? ", included" : ""}</th><td class="amount">${money(line.price)}</td></tr>`)
    .join("\n");
  const terms = draft.paymentTerms;
  const laterDue = terms?.schedules[0]?.dueAt;
  const later = terms ? `<p>Due later (${escape(terms.name)}${laterDue ? `, by ${escape(laterDue.slice(0, 10))}` : ""}): <strong id="due-later">${money(price.amountDueLater)}</strong></p>` : "";
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
  const payLabel = Number(price.amountDueNow) > 0 ? `Pay ${money(price.amountDueNow)}` : "Place order";
  const form = `<form method="post" action="/checkout/${encodeURIComponent(token)}/pay">
<fieldset>
<legend>Test card outcome (Visa ending in 4242)</legend>
<div><input type="radio" id="card-approve" name="card" value="approve" checked> <label for="card-approve">Approve</label></div>
<div><input type="radio" id="card-decline" name="card" value="decline"> <label for="card-decline">Decline</label></div>
<div><input type="radio" id="card-insufficient" name="card" value="insufficient_funds"> <label for="card-insufficient">Insufficient funds</label></div>
</fieldset>
<div><input type="checkbox" id="save-card" name="saveCard" value="on"> <label for="save-card">Save this card for later payments</label></div>
<div><label for="saved-card-outcome">When the saved card is charged later</label>
<select id="saved-card-outcome" name="savedCardOutcome">
<option value="approve">Approve</option>
<option value="decline">Decline</option>
<option value="insufficient_funds">Insufficient funds</option>
</select></div>
<p><button type="submit">${payLabel}</button></p>
</form>`;
  return page(`Invoice ${draft.name}`, `${header}\n${summary}\n${form}`);
}

export function paidPage(shopName: string, orderName: string, amountPaid: string, currencyCode: string): string {
  return page(`Order ${orderName} confirmed`, `<h1>Thank you</h1>\n<p role="status">${escape(shopName)} received your order ${escape(orderName)}. Paid now: ${escape(roundMoney(amountPaid, currencyCode))} ${escape(currencyCode)}.</p>`);
}

export function failedPage(message: string, token?: string): string {
  const back = token ? `\n<p><a href="/checkout/${encodeURIComponent(token)}">Back to the invoice</a></p>` : "";
  return page("Payment not completed", `<h1>Payment not completed</h1>\n<p class="error" role="alert">${escape(message)}</p>${back}`);
}
