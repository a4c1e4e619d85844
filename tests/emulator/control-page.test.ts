import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../emulator/fixtures/demo-fixture";
import { payEmailedLink, staffAdminRequest } from "../../emulator/staff-and-buyer-actions";

const BASIC = { domain: "northwind-furniture.myshopify.com", token: "shpat_demo_basic" };
const DAY_MS = 86_400_000;
const SEND_INVOICE = "mutation ($id: ID!) { draftOrderInvoiceSend(id: $id) { userErrors { message } } }";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ shops: readShopsFixture(DEMO_FIXTURE_FILE) });
});
afterAll(() => emulator.close());

async function controlPage(path = "/_emulator"): Promise<{ status: number; type: string | null; html: string }> {
  const response = await fetch(`${emulator.url}${path}`);
  return { status: response.status, type: response.headers.get("content-type"), html: await response.text() };
}

/** Posts the clock form as a browser without JavaScript does, not following the redirect. */
function postClockForm(fields: Record<string, string>): Promise<Response> {
  return fetch(`${emulator.url}/_emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

const draftId = (name: string) => emulator.store.shop(BASIC.domain).draftOrders.find((draft) => draft.name === name)!.id;
const rowOf = (html: string, cell: string) => html.split("\n").find((line) => line.startsWith("<tr>") && line.includes(`<td>${cell}</td>`));

describe("the emulator's control page, GET /_emulator", () => {
  it("is one accessible HTML document with no scripts or external resources", async () => {
    const { status, type, html } = await controlPage();
    expect(status).toBe(200);
    expect(type).toBe("text/html; charset=utf-8");
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.match(/<main>/g)).toHaveLength(1);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<nav aria-label="Sections">');
    expect(html).not.toMatch(/<script|<link|<img|src=/);
    // Every visible form control has a label that names it.
    const inputs = [...html.matchAll(/<input [^>]*id="([^"]+)"/g)].map((match) => match[1]);
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) expect(html).toContain(`<label for="${id}">`);
  });

  it("shows each shop's seeded draft orders with customer, total and status", async () => {
    const { html } = await controlPage();
    expect(html).toContain('<h2 id="shop-northwind-furniture-heading">Northwind Furniture Works</h2>');
    expect(rowOf(html, "#D1")).toContain('<td>Maria Gonzalez</td><td class="amount">22769.38 USD</td><td>OPEN</td>');
    expect(html).toContain('<td>Müller Metallbau GmbH (Werk Stuttgart)</td><td class="amount">229967.50 EUR</td><td>OPEN</td>');
    expect(html).toContain("No emails yet.");
  });

  it("lists the mailbox newest first, with a payment link that opens the checkout, and the order paying it made", async () => {
    for (const name of ["#D1", "#D2"]) await staffAdminRequest(emulator.adminUrl(), BASIC.token, SEND_INVOICE, { id: draftId(name) });
    const { html } = await controlPage();
    const mailbox = html.slice(html.indexOf('id="mailbox"'), html.indexOf('id="shop-'));
    expect(mailbox.indexOf("Invoice #D2")).toBeLessThan(mailbox.indexOf("Invoice #D1"));
    expect(mailbox).toContain("<td>maria.gonzalez@lonestar-law.example</td>");
    const links = [...mailbox.matchAll(/<a href="([^"]+)">Open payment page<span class="visually-hidden"> for Invoice #D(\d)<\/span><\/a>/g)];
    expect(links.map((link) => link[2])).toEqual(["2", "1"]);
    const invoice = await controlPage(links[1]![1]);
    expect(invoice.status).toBe(200);
    expect(invoice.html).toContain("invoice #D1");

    const email = emulator.store.outbox.find((candidate) => candidate.subject === "Invoice #D1")!;
    expect((await payEmailedLink(emulator.url, email.url!, { card: "approve" })).status).toBe(200);
    const after = await controlPage();
    const order = emulator.store.shop(BASIC.domain).orders[0]!;
    expect(rowOf(after.html, order.name)).toBe(
      `<tr><td>${order.name}</td><td>Maria Gonzalez</td><td class="amount">22769.38 USD</td><td class="amount">0.00 USD</td><td>PAID</td></tr>`,
    );
    expect(rowOf(after.html, "#D1")).toContain("<td>COMPLETED</td>");
  });

  it("links to the webhook log", async () => {
    const { html } = await controlPage();
    expect(html).toContain('<a href="/_emulator/webhooks">Webhook log (JSON)</a>');
  });
});

describe("moving the clock from the control page without JavaScript, POST /_emulator/clock", () => {
  it("moves it forward by the days of the button pressed and redirects back to the page, which says so", async () => {
    const before = emulator.store.clock.now().getTime();
    const response = await postClockForm({ days: "7" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/_emulator?moved=7");
    expect(emulator.store.clock.now().getTime() - before).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(emulator.store.clock.now().getTime() - before).toBeLessThan(7 * DAY_MS + 60_000);
    const { html } = await controlPage("/_emulator?moved=7");
    expect(html).toContain('<p role="status">The clock moved forward 7 days.</p>');
    expect(html).toMatch(/<time id="emulator-now" datetime="[^"]+">/);
    expect(html).toMatch(/— 7 days ahead of real time/);
  });

  it("moves it to noon UTC of a chosen date", async () => {
    const date = new Date(emulator.store.clock.now().getTime() + 40 * DAY_MS).toISOString().slice(0, 10);
    const response = await postClockForm({ date });
    expect(response.status).toBe(303);
    expect(emulator.store.clock.nowIso().slice(0, 16)).toBe(`${date}T12:00`);
    expect((await controlPage(response.headers.get("location")!)).html).toContain(`The clock moved to ${date}, 12:00 UTC.`);
  });

  it("refuses a date in the past or an empty form with the page and an alert, leaving the clock alone", async () => {
    const now = emulator.store.clock.now().getTime();
    const past = await postClockForm({ date: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('<p class="error" role="alert">The clock did not move: the clock only moves forward.</p>');
    const empty = await postClockForm({});
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Choose a number of days or a date");
    expect(emulator.store.clock.now().getTime() - now).toBeLessThan(60_000);
  });
});
