import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dec } from "../../app/domain/money/decimal";
import { allocateOrderDiscount } from "../../emulator/commerce/draft-order-pricing";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { WebhookTestReceiver } from "./webhook-test-receiver";

/**
 * An order's money as its lines carry it: each line keeps the discounted total and tax lines the draft's
 * pricing gave it, and the order's tax lines are their sums, in the GraphQL view and in orders/create.
 */

const TOKEN = "shpat_pricing";
const ONTARIO = { address1: "1 King St", city: "Toronto", provinceCode: "ON", countryCode: "CA", zip: "M5H 1A1" };
const MONEY = "shopMoney { amount }";

const receiver = new WebhookTestReceiver();
let emulator: RunningEmulator;

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  await receiver.start();
  emulator = await startEmulator({
    shops: [
      {
        domain: "pricing.myshopify.com",
        accessToken: TOKEN,
        currencyCode: "CAD",
        taxesIncluded: true,
        taxRates: [
          { countryCode: "CA", title: "GST", rate: "0.05" },
          { countryCode: "CA", provinceCode: "ON", title: "ON PST", rate: "0.08" },
        ],
      },
    ],
    app: { apiKey: "pricing-key", apiSecret: "pricing-secret", url: receiver.url, webhooks: [{ topic: "orders/create", uri: "/orders" }] },
    webhookDelivery: { retryScale: 0.00001 },
  });
});
afterAll(async () => {
  await emulator.close();
  await receiver.stop();
});

/** Per title, the sum of the tax lines' amounts, as fixed-point strings. */
function sumByTitle(taxLines: readonly { title: string; amount: string }[]): Record<string, string> {
  const sums: Record<string, Dec> = {};
  for (const line of taxLines) sums[line.title] = (sums[line.title] ?? new Dec(0)).plus(line.amount);
  return Object.fromEntries(Object.entries(sums).map(([title, sum]) => [title, sum.toFixed(2)]));
}

describe("an order's line taxes", () => {
  it("add up to the order's tax lines with an order-level discount, two rates and tax-inclusive prices", async () => {
    const created = await admin(`mutation ($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }`, {
      input: {
        lineItems: [
          { title: "Bench", quantity: 1, originalUnitPriceWithCurrency: { amount: "120.00", currencyCode: "CAD" } },
          { title: "Stool", quantity: 3, originalUnitPriceWithCurrency: { amount: "33.33", currencyCode: "CAD" } },
        ],
        appliedDiscount: { value: 10, valueType: "PERCENTAGE", title: "Ten" },
        shippingAddress: ONTARIO,
      },
    });
    expect(created.draftOrderCreate.userErrors).toEqual([]);
    const completed = await admin(
      `mutation ($id: ID!) { draftOrderComplete(id: $id, paymentPending: false) { draftOrder { order { id } } userErrors { message } } }`,
      {
        id: created.draftOrderCreate.draftOrder.id,
      },
    );
    const orderId = completed.draftOrderComplete.draftOrder.order.id;
    const { order } = await admin(
      `query ($id: ID!) { order(id: $id) { totalTaxSet { ${MONEY} } taxLines { title priceSet { ${MONEY} } }
        lineItems(first: 5) { nodes { title discountedTotalSet { ${MONEY} } taxLines { title priceSet { ${MONEY} } } } } } }`,
      { id: orderId },
    );

    // Lines 120.00 + 99.99 = 219.99, less 10% (22.00) = 197.99, which includes 13% tax: 197.99 × 0.13 / 1.13.
    const orderTax = order.taxLines.map((line: any) => ({ title: line.title, amount: line.priceSet.shopMoney.amount }));
    const lineTax = order.lineItems.nodes.flatMap((line: any) =>
      line.taxLines.map((tax: any) => ({ title: tax.title, amount: tax.priceSet.shopMoney.amount })),
    );
    expect(sumByTitle(lineTax)).toEqual(sumByTitle(orderTax));
    expect(new Dec(order.totalTaxSet.shopMoney.amount).toFixed(2)).toBe("22.78");
    expect(order.lineItems.nodes.map((line: any) => line.discountedTotalSet.shopMoney.amount)).toEqual(["120.0", "99.99"]);

    await emulator.waitForWebhooksIdle();
    const payload = receiver.at("/orders").find((request) => request.body.admin_graphql_api_id === orderId)!.body;
    const payloadLineTax = payload.line_items.flatMap((line: any) => line.tax_lines.map((tax: any) => ({ title: tax.title, amount: tax.price })));
    expect(payloadLineTax.length).toBe(4);
    expect(sumByTitle(payloadLineTax)).toEqual(sumByTitle(payload.tax_lines.map((tax: any) => ({ title: tax.title, amount: tax.price }))));
    expect(sumByTitle(payloadLineTax)).toEqual(sumByTitle(orderTax));
    expect(payload.total_tax).toBe("22.78");
  });
});

describe("the order-level discount's shares", () => {
  it("are whole cents that add up to the discount, never negative (four lines of 10.00, 0.02 off)", () => {
    const shares = allocateOrderDiscount(["10.00", "10.00", "10.00", "10.00"], "0.02", "USD");
    expect(shares).toEqual(["0.01", "0.01", "0.00", "0.00"]);
  });

  it("follow the lines' totals, and a zero line gets nothing", () => {
    expect(allocateOrderDiscount(["30.00", "0.00", "10.00"], "4.00", "USD")).toEqual(["3.00", "0.00", "1.00"]);
    expect(allocateOrderDiscount(["0.00", "0.00"], "0.00", "USD")).toEqual(["0.00", "0.00"]);
  });
});
