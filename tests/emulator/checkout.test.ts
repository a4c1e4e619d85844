import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

let emulator: RunningEmulator;
let webhooks: { topic: string; subject: any }[] = [];

const BASIC = "shpat_checkout_basic";
const PLUS = "shpat_checkout_plus";

async function admin(query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function createDraft(input: Record<string, unknown>, token = BASIC): Promise<{ id: string; invoiceUrl: string }> {
  const data = await admin(
    `mutation ($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id invoiceUrl } userErrors { field message } } }`,
    { input },
    token,
  );
  expect(data.draftOrderCreate.userErrors).toEqual([]);
  return data.draftOrderCreate.draftOrder;
}

const tokenOf = (invoiceUrl: string) => invoiceUrl.slice(invoiceUrl.lastIndexOf("/") + 1);
const payJson = (invoiceUrl: string, body: Record<string, unknown>) =>
  fetch(`${emulator.url}/_emulator/checkout/${tokenOf(invoiceUrl)}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const payForm = (invoiceUrl: string, fields: Record<string, string>) =>
  fetch(`${invoiceUrl}/pay`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

const shop = (domain: string) => emulator.store.shop(domain);
const ordersOf = (domain: string, draftId: string) => shop(domain).orders.filter((order) => order.draftOrderId === draftId);
const quote = (price = "100.00") => ({
  email: "buyer@example.com",
  lineItems: [{ title: "Lathe", quantity: 1, originalUnitPriceWithCurrency: { amount: price, currencyCode: "USD" } }],
  shippingAddress: { countryCode: "US", provinceCode: "NY", city: "New York" },
  customAttributes: [{ key: "tranche_stage", value: "1" }],
});

beforeAll(async () => {
  emulator = await startEmulator({
    shops: [
      {
        domain: "checkout-basic.myshopify.com",
        accessToken: BASIC,
        currencyCode: "USD",
        taxRates: [{ countryCode: "US", provinceCode: "NY", title: "NY State Tax", rate: "0.04" }],
      },
      { domain: "checkout-plus.myshopify.com", accessToken: PLUS, plan: "plus", currencyCode: "USD" },
    ],
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  webhooks = [];
  emulator.store.setWebhookEmitter((_shop, topic, subject) => webhooks.push({ topic, subject }));
});

describe("the buyer's checkout page", () => {
  it("shows lines, totals, tax and what is due, with an accessible payment form", async () => {
    const draft = await createDraft(quote());
    const response = await fetch(draft.invoiceUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<title>Invoice #D\d+<\/title>/);
    expect(page).toContain("Lathe");
    expect(page).toContain("NY State Tax (4%)");
    expect(page).toContain("104.00 USD");
    expect(page).toMatch(/Due now: <strong id="due-now">104.00 USD<\/strong>/);
    for (const id of ["card-approve", "card-decline", "card-insufficient", "save-card", "saved-card-outcome"]) expect(page).toContain(`<label for="${id}">`);
    expect(page).toContain(`action="/checkout/${tokenOf(draft.invoiceUrl)}/pay"`);
    expect(page).toContain("Pay 104.00 USD");
  });

  it("shows the deposit due now and the balance due later", async () => {
    const draft = await createDraft(
      {
        ...quote("1000.00"),
        paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: "2030-03-01T00:00:00Z" }] },
        deposit: { percentage: 25 },
      },
      PLUS,
    );
    const page = await (await fetch(draft.invoiceUrl)).text();
    expect(page).toContain('<strong id="due-now">250.00 USD</strong>');
    expect(page).toContain("Due later (Fixed, by 2030-03-01)");
    expect(page).toContain('<strong id="due-later">750.00 USD</strong>');
  });

  it("answers an unknown link with 404", async () => {
    expect((await fetch(`${emulator.url}/checkout/0000`)).status).toBe(404);
    expect((await payJson(`${emulator.url}/checkout/0000`, { card: "approve" })).status).toBe(404);
  });
});

describe("paying at checkout", () => {
  it("pays through the form: one order, a SALE for the total, the draft completed, and the webhooks in order", async () => {
    const draft = await createDraft(quote());
    webhooks = [];
    const response = await payForm(draft.invoiceUrl, { card: "approve" });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/received your order #\d+\. Paid now: 104\.00 USD/);
    const orders = ordersOf("checkout-basic.myshopify.com", draft.id);
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({
      totalPrice: "104.00",
      totalTax: "4.00",
      customAttributes: [{ key: "tranche_stage", value: "1" }],
      paymentGatewayNames: ["shopify_payments"],
    });
    expect(order.transactions).toEqual([
      expect.objectContaining({ kind: "SALE", status: "SUCCESS", amount: "104.00", gateway: "shopify_payments", cardLast4: "4242", manual: false }),
    ]);
    expect(shop("checkout-basic.myshopify.com").draftOrders.find((candidate) => candidate.id === draft.id)).toMatchObject({
      status: "COMPLETED",
      orderId: order.id,
    });
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["orders/create", "order_transactions/create", "orders/paid", "draft_orders/update"]);
    expect(webhooks[0]!.subject).toEqual({ type: "order", orderId: order.id });
    expect(webhooks[3]!.subject).toEqual({ type: "draftOrder", draftOrderId: draft.id });
    expect(shop("checkout-basic.myshopify.com").mandates.filter((mandate) => mandate.orderId === order.id)).toEqual([]);
  });

  it("details the card that paid on the order's transaction, masked to its last digits, as Shopify does", async () => {
    const draft = await createDraft(quote("60.00"));
    const paid = (await (await payJson(draft.invoiceUrl, { card: "approve" })).json()) as { orderId: string };
    const data = await admin(
      `query ($id: ID!) { order(id: $id) { transactions { kind paymentDetails { __typename ... on CardPaymentDetails { company number } } } } }`,
      { id: paid.orderId },
      BASIC,
    );
    expect(data.order.transactions).toEqual([
      { kind: "SALE", paymentDetails: { __typename: "CardPaymentDetails", company: "Visa", number: "•••• •••• •••• 4242" } },
    ]);
  });

  it("pays through the JSON endpoint and refuses to pay the same draft twice", async () => {
    const draft = await createDraft(quote("50.00"));
    const first = await payJson(draft.invoiceUrl, { card: "approve", saveCard: false });
    expect(first.status).toBe(200);
    const paid = (await first.json()) as any;
    expect(paid).toEqual({ ok: true, orderId: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/) });

    const again = await payJson(draft.invoiceUrl, { card: "approve" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ ok: false, error: "This invoice has already been paid." });
    const againByForm = await payForm(draft.invoiceUrl, { card: "approve" });
    expect(againByForm.status).toBe(409);
    expect(await againByForm.text()).toContain("This invoice has already been paid.");
    expect(ordersOf("checkout-basic.myshopify.com", draft.id)).toHaveLength(1);
    expect(await (await fetch(draft.invoiceUrl)).text()).toContain("This invoice has already been paid.");
  });

  it("creates nothing when the card is declined or has insufficient funds", async () => {
    const draft = await createDraft(quote());
    webhooks = [];
    const declined = await payJson(draft.invoiceUrl, { card: "decline" });
    expect(declined.status).toBe(402);
    expect(await declined.json()).toEqual({ ok: false, error: "Your card was declined." });
    const poor = await payForm(draft.invoiceUrl, { card: "insufficient_funds" });
    expect(poor.status).toBe(402);
    expect(await poor.text()).toContain("Your card has insufficient funds.");
    expect(ordersOf("checkout-basic.myshopify.com", draft.id)).toEqual([]);
    expect(shop("checkout-basic.myshopify.com").draftOrders.find((candidate) => candidate.id === draft.id)!.status).toBe("OPEN");
    expect(webhooks).toEqual([]);
  });

  it("rejects a request without a valid card choice", async () => {
    const draft = await createDraft(quote());
    expect((await payJson(draft.invoiceUrl, { card: "maybe" })).status).toBe(400);
    expect(ordersOf("checkout-basic.myshopify.com", draft.id)).toEqual([]);
  });

  it("saves the card as a mandate when asked, with the outcome chosen for later charges", async () => {
    const draft = await createDraft(quote());
    const response = await payForm(draft.invoiceUrl, { card: "approve", saveCard: "on", savedCardOutcome: "insufficient_funds" });
    expect(response.status).toBe(200);
    const order = ordersOf("checkout-basic.myshopify.com", draft.id)[0]!;
    expect(shop("checkout-basic.myshopify.com").mandates.filter((mandate) => mandate.orderId === order.id)).toEqual([
      expect.objectContaining({ cardBrand: "Visa", last4: "4242", outcome: "insufficient_funds" }),
    ]);
    const viaJson = await createDraft(quote());
    const paid = (await (await payJson(viaJson.invoiceUrl, { card: "approve", saveCard: true })).json()) as any;
    expect(paid.mandateId).toMatch(/^gid:\/\/shopify\/PaymentMandate\/\d+$/);
    expect(shop("checkout-basic.myshopify.com").mandates.find((mandate) => mandate.id === paid.mandateId)).toMatchObject({
      orderId: paid.orderId,
      outcome: "approve",
    });
  });

  it("charges only the deposit on Plus and leaves the balance on the order's payment terms", async () => {
    const draft = await createDraft(
      {
        ...quote("1000.00"),
        paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: "2030-03-01T00:00:00Z" }] },
        deposit: { percentage: 30 },
      },
      PLUS,
    );
    webhooks = [];
    const paid = (await (await payJson(draft.invoiceUrl, { card: "approve", saveCard: true })).json()) as any;
    expect(paid.ok).toBe(true);
    const order = ordersOf("checkout-plus.myshopify.com", draft.id)[0]!;
    expect(order.totalPrice).toBe("1000.00");
    expect(order.transactions).toEqual([expect.objectContaining({ kind: "SALE", status: "SUCCESS", amount: "300.00" })]);
    expect(order.paymentTerms).toMatchObject({ type: "FIXED", name: "Fixed", schedules: [expect.objectContaining({ dueAt: "2030-03-01T00:00:00Z" })] });
    expect(order.paymentTerms!.schedules[0]!.completedAt).toBeUndefined();
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["orders/create", "order_transactions/create", "draft_orders/update"]);
  });
});
