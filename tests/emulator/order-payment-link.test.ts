import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertOrder } from "./order-fixture";
import { BASIC, startOrderTestEmulator, topicsFor, type OrderTestEmulator } from "./order-test-emulator";

let t: OrderTestEmulator;
beforeAll(async () => {
  t = await startOrderTestEmulator();
});
afterAll(() => t.emulator.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

const INVOICE = `mutation($id: ID!) { orderInvoiceSend(id: $id) { order { id } userErrors { message } } }`;
const BALANCE = `query($id: ID!) { order(id: $id) { displayFinancialStatus totalOutstandingSet { shopMoney { amount } } transactions { gateway status amountSet { shopMoney { amount } } } } }`;

async function invoiceLink(orderId: string): Promise<string> {
  const { data } = await t.admin(INVOICE, { id: orderId });
  expect(data.orderInvoiceSend.userErrors).toEqual([]);
  const email = t.emulator.store.outbox.filter((sent) => sent.kind === "order_invoice" && sent.resourceId === orderId).at(-1);
  return email!.url!;
}

const payJson = (link: string, body: unknown) =>
  fetch(link.replace("/checkout/order/", "/_emulator/checkout/order/") + "/pay", { method: "POST", body: JSON.stringify(body) });

describe("the order payment link (orderInvoiceSend)", () => {
  it("shows the balance and takes a card payment for all of it", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "300.00" });
    const link = await invoiceLink(order.id);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/id="balance-due">700\.00 USD</);

    const paid = await payJson(link, { card: "approve", saveCard: true });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ ok: true, orderId: order.id, amount: "700.00", currencyCode: "USD", mandateId: expect.any(String) });
    const { data } = await t.admin(BALANCE, { id: order.id });
    expect(data.order.displayFinancialStatus).toBe("PAID");
    expect(data.order.totalOutstandingSet.shopMoney.amount).toBe("0.0");
    expect(data.order.transactions.at(-1)).toEqual({ gateway: "shopify_payments", status: "SUCCESS", amountSet: { shopMoney: { amount: "700.0" } } });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["order_transactions/create", "orders/paid", "orders/updated"]);

    const again = await payJson(link, { card: "approve" });
    expect(again.status).toBe(409);
    expect((await fetch(link)).status).toBe(200);
  });

  it("a declined card records nothing; the form pays like the JSON endpoint", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain, { deposit: "100.00" });
    const link = await invoiceLink(order.id);
    const declined = await payJson(link, { card: "decline" });
    expect(declined.status).toBe(402);
    expect(t.emulator.store.shop(BASIC.domain).orders.find((o) => o.id === order.id)!.transactions).toHaveLength(2);

    const form = await fetch(`${link}/pay`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "card=approve" });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Paid 900.00 USD towards order");
    expect((await t.admin(BALANCE, { id: order.id })).data.order.displayFinancialStatus).toBe("PAID");
  });

  it("an unknown link is a 404", async () => {
    expect((await fetch(`${t.emulator.url}/checkout/order/999999`)).status).toBe(404);
    expect((await payJson(`${t.emulator.url}/checkout/order/999999`, { card: "approve" })).status).toBe(404);
  });
});
