import { escapeHtml as escape, htmlDocument } from "../checkout/html-document";
import { priceDraftOrder } from "../commerce/draft-order-pricing";
import { roundMoney } from "../commerce/money";
import { displayFinancialStatus, totalOutstanding } from "../commerce/order-balance";
import type { EmulatorStore } from "../state/emulator-store";
import type { OutboxEmail, ShopState } from "../state/model";
import type { WebhookEvent } from "../webhooks/webhook-dispatcher";
import { appMailboxSection } from "./app-mailbox-section";
import { utcTime } from "./utc-time";

/**
 * The emulator's control page (`GET /_emulator`), for a person trying the app: the clock and forms that move it,
 * the mailbox with the buyer's payment links, the emails the app sent over SMTP, each shop's draft orders and
 * orders, and the webhook log. Plain HTML and forms, so it works without JavaScript and renders in one pass over
 * the state.
 */

export interface ControlPageView {
  readonly store: EmulatorStore;
  readonly webhookEvents: readonly WebhookEvent[];
  /** Where the emulator takes the app's emails; undefined when it runs without its SMTP server. */
  readonly smtpUrl: string | undefined;
  /** What the last form did (after its redirect), or why it was refused. */
  readonly notice?: string;
  readonly error?: string;
}

export function controlPage(view: ControlPageView): string {
  const { store } = view;
  const shops = [...store.shops.values()];
  const message = view.error ? `<p class="error" role="alert">${escape(view.error)}</p>` : view.notice ? `<p role="status">${escape(view.notice)}</p>` : "";
  const body = `<h1>Shopify emulator</h1>
<p>The local Shopify that the app talks to. This page shows its state when loaded: <a href="/_emulator">refresh</a> to see what changed.</p>
${message}
<nav aria-label="Sections">
<ul>
<li><a href="#clock">Clock</a></li>
<li><a href="#mailbox">Mailbox</a></li>
<li><a href="#app-mailbox">Emails from the app</a></li>
${shops.map((shop) => `<li><a href="#${shopAnchor(shop)}">${escape(shop.settings.name)}</a></li>`).join("\n")}
<li><a href="#webhooks">Webhooks</a></li>
</ul>
</nav>
${clockSection(store, shops)}
${mailboxSection(store)}
${appMailboxSection(store.appEmails, view.smtpUrl)}
${shops.map(shopSection).join("\n")}
${webhooksSection(view.webhookEvents)}`;
  return htmlDocument("Shopify emulator", body, { wide: true });
}

function clockSection(store: EmulatorStore, shops: readonly ShopState[]): string {
  const now = store.clock.now();
  const aheadDays = Math.floor(store.clock.offsetMilliseconds / 86_400_000);
  const ahead = aheadDays > 0 ? ` — ${aheadDays} ${aheadDays === 1 ? "day" : "days"} ahead of real time` : "";
  const localTimes = shops
    .map((shop) => `<li>${escape(shop.settings.name)}: ${escape(localTime(now, shop.settings.ianaTimezone))} (${escape(shop.settings.ianaTimezone)})</li>`)
    .join("\n");
  return `<section id="clock" aria-labelledby="clock-heading">
<h2 id="clock-heading">Clock</h2>
<p>Emulator time: <strong><time id="emulator-now" datetime="${now.toISOString()}">${utcTime(now)}</time></strong>${ahead}</p>
<ul>
${localTimes}
</ul>
<form method="post" action="/_emulator/clock">
<fieldset>
<legend>Move the clock forward</legend>
<button type="submit" name="days" value="1">+1 day</button>
<button type="submit" name="days" value="7">+7 days</button>
<button type="submit" name="days" value="30">+30 days</button>
</fieldset>
</form>
<form method="post" action="/_emulator/clock">
<p><label for="clock-date">Move to a date (12:00 UTC, the same date in every shop's time zone)</label><br>
<input type="date" id="clock-date" name="date" min="${now.toISOString().slice(0, 10)}" required>
<button type="submit">Move to date</button></p>
</form>
</section>`;
}

function mailboxSection(store: EmulatorStore): string {
  const emails = [...store.outbox].reverse();
  const rows = emails.map(
    (email) =>
      `<tr><td>${utcTime(new Date(email.sentAt))}</td><td>${escape(shopName(store, email.shop))}</td><td>${escape(email.to)}</td><td>${escape(email.subject)}</td><td>${paymentLink(email)}</td></tr>`,
  );
  const table = rows.length
    ? `<table>
<caption>Emails Shopify sent, newest first</caption>
<thead><tr><th scope="col">Sent</th><th scope="col">Shop</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Link</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`
    : "<p>No emails yet. Attaching a plan to a draft order in the app emails the buyer the deposit's invoice.</p>";
  return `<section id="mailbox" aria-labelledby="mailbox-heading">
<h2 id="mailbox-heading">Mailbox</h2>
${table}
</section>`;
}

/** A path, not the stored absolute URL, so the link works on whichever host name this page was opened with. */
function paymentLink(email: OutboxEmail): string {
  if (!email.url) return "";
  const url = new URL(email.url);
  return `<a href="${escape(url.pathname + url.search)}">Open payment page<span class="visually-hidden"> for ${escape(email.subject)}</span></a>`;
}

function shopSection(shop: ShopState): string {
  const { settings } = shop;
  const money = (amount: string) => `${roundMoney(amount, settings.currencyCode)} ${settings.currencyCode}`;
  const drafts = shop.draftOrders.map((draft) => {
    const total = priceDraftOrder(draft, shop).total;
    return `<tr><td>${escape(draft.name)}</td><td>${escape(buyerOf(shop, draft))}</td><td class="amount">${money(total)}</td><td>${escape(draft.status)}</td></tr>`;
  });
  const orders = shop.orders.map((order) => {
    const status = order.cancelledAt ? "CANCELLED" : (displayFinancialStatus(order) ?? "—");
    return `<tr><td>${escape(order.name)}</td><td>${escape(buyerOf(shop, order))}</td><td class="amount">${money(order.totalPrice)}</td><td class="amount">${money(totalOutstanding(order))}</td><td>${escape(status)}</td></tr>`;
  });
  const anchor = shopAnchor(shop);
  return `<section id="${anchor}" aria-labelledby="${anchor}-heading">
<h2 id="${anchor}-heading">${escape(settings.name)}</h2>
<p>${escape(settings.domain)} · ${escape(settings.plan)} plan · ${escape(settings.currencyCode)}</p>
<h3 id="${anchor}-drafts">Draft orders</h3>
${
  drafts.length
    ? `<table aria-labelledby="${anchor}-drafts">
<thead><tr><th scope="col">Draft</th><th scope="col">Customer</th><th scope="col" class="amount">Total</th><th scope="col">Status</th></tr></thead>
<tbody>
${drafts.join("\n")}
</tbody>
</table>`
    : "<p>No draft orders.</p>"
}
<h3 id="${anchor}-orders">Orders</h3>
${
  orders.length
    ? `<table aria-labelledby="${anchor}-orders">
<thead><tr><th scope="col">Order</th><th scope="col">Customer</th><th scope="col" class="amount">Total</th><th scope="col" class="amount">Balance due</th><th scope="col">Financial status</th></tr></thead>
<tbody>
${orders.join("\n")}
</tbody>
</table>`
    : "<p>No orders yet. Paying an invoice creates one.</p>"
}
</section>`;
}

function webhooksSection(events: readonly WebhookEvent[]): string {
  const undelivered = events.filter((event) => event.deliveries.some((delivery) => !delivery.delivered)).length;
  const summary =
    events.length === 0 ? "No webhooks sent yet." : `${events.length} sent, ${undelivered === 0 ? "all delivered" : `${undelivered} not delivered`}.`;
  return `<section id="webhooks" aria-labelledby="webhooks-heading">
<h2 id="webhooks-heading">Webhooks</h2>
<p>${summary}</p>
<ul>
<li><a href="/_emulator/webhooks">Webhook log (JSON)</a></li>
<li><a href="/_emulator/outbox">Mailbox (JSON)</a></li>
<li><a href="/_emulator/mail">Emails from the app (JSON)</a></li>
<li><a href="/_emulator/clock">Clock (JSON)</a></li>
</ul>
</section>`;
}

/** A draft's or an order's buyer: the customer, else the company location, else the email it was given. */
function buyerOf(shop: ShopState, record: { readonly customerId?: string; readonly purchasingCompanyLocationId?: string; readonly email?: string }): string {
  const customer = shop.customers.find((candidate) => candidate.id === record.customerId);
  if (customer) return [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email;
  for (const company of shop.companies) {
    const location = company.locations.find((candidate) => candidate.id === record.purchasingCompanyLocationId);
    if (location) return `${company.name} (${location.name})`;
  }
  return record.email ?? "—";
}

function shopName(store: EmulatorStore, domain: string): string {
  return store.shops.get(domain)?.settings.name ?? domain;
}

function shopAnchor(shop: ShopState): string {
  return `shop-${shop.settings.domain.replace(/\.myshopify\.com$/, "")}`;
}

function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
}
