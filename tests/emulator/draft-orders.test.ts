import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

let emulator: RunningEmulator;
let webhooks: { shop: string; topic: string; subject: unknown }[] = [];

const TAX = "shpat_tax";
const INCLUDED = "shpat_included";
const PLUS = "shpat_plus";

async function admin(query: string, variables: Record<string, unknown> = {}, token = TAX) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const money = "shopMoney { amount currencyCode }";
const DRAFT_FIELDS = `
  id name status email note2 tags taxExempt taxesIncluded invoiceUrl invoiceSentAt completedAt
  customer { id email }
  customAttributes { key value }
  order { id name }
  lineItems(first: 10) { nodes { id title quantity custom taxable requiresShipping sku variant { id }
    originalUnitPriceSet { ${money} } discountedTotalSet { ${money} } totalDiscountSet { ${money} }
    taxLines { title rate ratePercentage priceSet { ${money} } } } }
  subtotalPriceSet { ${money} } totalDiscountsSet { ${money} } totalShippingPriceSet { ${money} }
  totalTaxSet { ${money} } totalPriceSet { ${money} }
  taxLines { title rate ratePercentage priceSet { ${money} } }
  appliedDiscount { value valueType amountSet { ${money} } }
  paymentTerms { id paymentTermsName paymentTermsType dueInDays overdue paymentSchedules(first: 5) { nodes { id dueAt issuedAt completedAt } } }
  deposit { ... on DepositPercentage { percentage } }
  amountDueNowSet { ${money} } amountDueLaterSet { ${money} }
`;
const CREATE = `mutation ($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { ${DRAFT_FIELDS} } userErrors { field message } } }`;
const UPDATE = `mutation ($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) { draftOrder { ${DRAFT_FIELDS} } userErrors { field message } } }`;
const COMPLETE = `mutation ($id: ID!, $pending: Boolean) { draftOrderComplete(id: $id, paymentPending: $pending) { draftOrder { id status completedAt order { id name } } userErrors { field message } } }`;
const COMPLETE_DEFAULT = `mutation ($id: ID!) { draftOrderComplete(id: $id) { draftOrder { id status order { id } } userErrors { field message } } }`;

const amount = (set: { shopMoney: { amount: string } }) => set.shopMoney.amount;
const custom = (title: string, price: string, extra: Record<string, unknown> = {}) => ({
  title,
  quantity: 1,
  originalUnitPriceWithCurrency: { amount: price, currencyCode: "USD" },
  ...extra,
});
const ONTARIO = { address1: "1 King St", city: "Toronto", provinceCode: "ON", countryCode: "CA", zip: "M5H 1A1" };
const BERLIN = { address1: "Unter den Linden 1", city: "Berlin", countryCode: "DE", zip: "10117" };

async function create(input: Record<string, unknown>, token = TAX) {
  const result = (await admin(CREATE, { input }, token)).draftOrderCreate;
  expect(result.userErrors).toEqual([]);
  return result.draftOrder;
}

function shopState(domain: string) {
  return emulator.store.shop(domain);
}

beforeAll(async () => {
  emulator = await startEmulator({
    shops: [
      {
        domain: "tax.myshopify.com",
        accessToken: TAX,
        currencyCode: "USD",
        taxRates: [
          { countryCode: "CA", title: "GST", rate: "0.05" },
          { countryCode: "CA", provinceCode: "ON", title: "ON PST", rate: "0.08" },
          { countryCode: "DE", title: "DE MwSt", rate: "0.19" },
        ],
        products: [{ title: "Widget", variants: [{ sku: "W-1", price: "100.00" }] }],
        customers: [
          { email: "exempt@example.com", taxExempt: true, defaultAddress: ONTARIO },
          { email: "berlin@example.com", firstName: "Bea", defaultAddress: BERLIN },
        ],
      },
      {
        domain: "included.myshopify.com",
        accessToken: INCLUDED,
        currencyCode: "EUR",
        taxesIncluded: true,
        taxRates: [{ countryCode: "DE", title: "MwSt", rate: "0.19" }],
      },
      { domain: "plus.myshopify.com", accessToken: PLUS, plan: "plus", currencyCode: "USD" },
    ],
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  webhooks = [];
  emulator.store.setWebhookEmitter((shop, topic, subject) => webhooks.push({ shop, topic, subject }));
});

describe("draft order totals", () => {
  const variantId = () => shopState("tax.myshopify.com").products[0]!.variants[0]!.id;

  it("prices lines, line and order discounts, shipping and one tax line per matching rate (Ontario: GST + PST)", async () => {
    const draft = await create({
      lineItems: [
        { variantId: variantId(), quantity: 2, appliedDiscount: { value: 10, valueType: "PERCENTAGE", title: "Ten" } },
        custom("Setup fee", "50.00", { taxable: false, requiresShipping: false }),
      ],
      appliedDiscount: { value: 23, valueType: "FIXED_AMOUNT", title: "Loyalty" },
      shippingLine: { title: "Freight", priceWithCurrency: { amount: "15.00", currencyCode: "USD" } },
      shippingAddress: ONTARIO,
    });
    const [widget, setup] = draft.lineItems.nodes;
    expect(widget).toMatchObject({
      title: "Widget",
      quantity: 2,
      custom: false,
      taxable: true,
      requiresShipping: true,
      sku: "W-1",
      variant: { id: variantId() },
    });
    expect(amount(widget.originalUnitPriceSet)).toBe("100.0");
    expect(amount(widget.totalDiscountSet)).toBe("20.0");
    expect(amount(widget.discountedTotalSet)).toBe("180.0");
    // The widget's share of the order discount is 18.00 (180/230 of 23.00): taxed on 162.00.
    expect(widget.taxLines.map((line: any) => [line.title, line.rate, line.ratePercentage, amount(line.priceSet)])).toEqual([
      ["GST", 0.05, 5, "8.1"],
      ["ON PST", 0.08, 8, "12.96"],
    ]);
    expect(setup).toMatchObject({ custom: true, taxable: false, requiresShipping: false, variant: null, taxLines: [] });
    expect(amount(draft.appliedDiscount.amountSet)).toBe("23.0");
    expect(amount(draft.subtotalPriceSet)).toBe("207.0");
    expect(amount(draft.totalDiscountsSet)).toBe("43.0");
    expect(amount(draft.totalShippingPriceSet)).toBe("15.0");
    // Tax on 162.00 of taxable goods plus 15.00 shipping, rounded once per tax line.
    expect(draft.taxLines.map((line: any) => [line.title, amount(line.priceSet)])).toEqual([
      ["GST", "8.85"],
      ["ON PST", "14.16"],
    ]);
    expect(amount(draft.totalTaxSet)).toBe("23.01");
    expect(amount(draft.totalPriceSet)).toBe("245.01");
    expect(draft.taxesIncluded).toBe(false);
  });

  it("taxes a second region at its own rate, and falls back to the billing address and then the customer's address", async () => {
    const lines = [custom("Consulting", "100.00")];
    const germany = await create({
      lineItems: lines,
      shippingAddress: BERLIN,
      shippingLine: { title: "Post", priceWithCurrency: { amount: "10.00", currencyCode: "USD" } },
    });
    expect(germany.taxLines.map((line: any) => [line.title, line.rate, amount(line.priceSet)])).toEqual([["DE MwSt", 0.19, "20.9"]]);
    expect(amount(germany.totalPriceSet)).toBe("130.9");

    const billingOnly = await create({ lineItems: lines, billingAddress: ONTARIO });
    expect(billingOnly.taxLines.map((line: any) => line.title)).toEqual(["GST", "ON PST"]);

    const berliner = shopState("tax.myshopify.com").customers[1]!;
    const byCustomer = await create({ lineItems: lines, purchasingEntity: { customerId: berliner.id } });
    expect(byCustomer.customer).toEqual({ id: berliner.id, email: "berlin@example.com" });
    expect(byCustomer.email).toBe("berlin@example.com");
    expect(byCustomer.taxLines.map((line: any) => [line.title, amount(line.priceSet)])).toEqual([["DE MwSt", "19.0"]]);

    const nowhere = await create({ lineItems: lines });
    expect(nowhere.taxLines).toEqual([]);
  });

  it("extracts tax from prices in a shop whose prices include tax", async () => {
    const draft = await create(
      {
        lineItems: [{ title: "Chair", quantity: 1, originalUnitPriceWithCurrency: { amount: "119.00", currencyCode: "EUR" } }],
        shippingLine: { title: "DHL", priceWithCurrency: { amount: "11.90", currencyCode: "EUR" } },
        shippingAddress: BERLIN,
      },
      INCLUDED,
    );
    expect(draft.taxesIncluded).toBe(true);
    expect(draft.totalTaxSet.shopMoney).toEqual({ amount: "20.9", currencyCode: "EUR" });
    expect(amount(draft.subtotalPriceSet)).toBe("119.0");
    expect(amount(draft.totalPriceSet)).toBe("130.9");
  });

  it("charges no tax to a tax-exempt draft or customer", async () => {
    const exemptDraft = await create({ lineItems: [custom("Item", "100.00")], shippingAddress: ONTARIO, taxExempt: true });
    expect(exemptDraft.taxExempt).toBe(true);
    expect(exemptDraft.taxLines).toEqual([]);
    expect(amount(exemptDraft.totalTaxSet)).toBe("0.0");
    expect(amount(exemptDraft.totalPriceSet)).toBe("100.0");

    const exemptCustomer = shopState("tax.myshopify.com").customers[0]!;
    const byCustomer = await create({ lineItems: [custom("Item", "100.00")], purchasingEntity: { customerId: exemptCustomer.id } });
    expect(byCustomer.taxLines).toEqual([]);
    expect(amount(byCustomer.totalPriceSet)).toBe("100.0");
  });

  it("taxes taxable custom lines and leaves non-taxable ones out", async () => {
    const draft = await create({
      lineItems: [custom("Taxed", "100.00", { taxable: true }), custom("Untaxed", "100.00", { taxable: false })],
      shippingAddress: BERLIN,
    });
    expect(draft.lineItems.nodes.map((line: any) => line.taxLines.length)).toEqual([1, 0]);
    expect(amount(draft.totalTaxSet)).toBe("19.0");
    expect(amount(draft.totalPriceSet)).toBe("219.0");
  });

  it("calculates without storing", async () => {
    const before = shopState("tax.myshopify.com").draftOrders.length;
    const data = await admin(
      `mutation ($input: DraftOrderInput!) { draftOrderCalculate(input: $input) { calculatedDraftOrder { totalPriceSet { ${money} } totalTaxSet { ${money} } taxLines { title } amountDueNowSet { ${money} } lineItems { title discountedTotal { amount } } } userErrors { field message } } }`,
      { input: { lineItems: [custom("Quote", "100.00")], shippingAddress: BERLIN } },
    );
    expect(data.draftOrderCalculate.userErrors).toEqual([]);
    expect(data.draftOrderCalculate.calculatedDraftOrder).toMatchObject({
      taxLines: [{ title: "DE MwSt" }],
      lineItems: [{ title: "Quote", discountedTotal: { amount: "100.0" } }],
    });
    expect(amount(data.draftOrderCalculate.calculatedDraftOrder.totalPriceSet)).toBe("119.0");
    expect(amount(data.draftOrderCalculate.calculatedDraftOrder.amountDueNowSet)).toBe("119.0");
    expect(shopState("tax.myshopify.com").draftOrders.length).toBe(before);
  });
});

describe("creating and updating drafts", () => {
  it("names drafts #D1, #D2… per shop and sends draft_orders/create", async () => {
    const first = await create({ lineItems: [custom("A", "1.00")] }, PLUS);
    const second = await create({ lineItems: [custom("B", "1.00")] }, PLUS);
    expect(Number(second.name.slice(2))).toBe(Number(first.name.slice(2)) + 1);
    expect(first.name).toMatch(/^#D\d+$/);
    expect(first.invoiceUrl).toMatch(new RegExp(`^${emulator.url}/checkout/[0-9a-f]{32}$`));
    expect(webhooks.map((webhook) => [webhook.shop, webhook.topic])).toEqual([
      ["plus.myshopify.com", "draft_orders/create"],
      ["plus.myshopify.com", "draft_orders/create"],
    ]);
  });

  it("replaces only the fields an update gives and sends draft_orders/update", async () => {
    const draft = await create({
      lineItems: [custom("Original", "10.00")],
      tags: ["b", "a"],
      note: "keep me",
      customAttributes: [{ key: "contract", value: "C-1" }],
    });
    expect(draft.tags).toEqual(["a", "b"]);
    webhooks = [];
    const { draftOrderUpdate } = await admin(UPDATE, { id: draft.id, input: { tags: ["tranche"], lineItems: [custom("Replaced", "20.00", { quantity: 3 })] } });
    expect(draftOrderUpdate.userErrors).toEqual([]);
    const updated = draftOrderUpdate.draftOrder;
    expect(updated.tags).toEqual(["tranche"]);
    expect(updated.note2).toBe("keep me");
    expect(updated.customAttributes).toEqual([{ key: "contract", value: "C-1" }]);
    expect(updated.lineItems.nodes.map((line: any) => [line.title, line.quantity])).toEqual([["Replaced", 3]]);
    expect(amount(updated.totalPriceSet)).toBe("60.0");
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["draft_orders/update"]);
  });

  it("answers invalid input with Shopify's userErrors and stores nothing", async () => {
    const before = shopState("tax.myshopify.com").draftOrders.length;
    const errorsOf = async (input: Record<string, unknown>) => (await admin(CREATE, { input })).draftOrderCreate.userErrors;
    expect(await errorsOf({ lineItems: [] })).toEqual([{ field: null, message: "Add at least 1 product" }]);
    expect(await errorsOf({ lineItems: [{ title: "X", quantity: 0, originalUnitPrice: "1.00" }] })).toEqual([
      { field: ["lineItems", "0", "quantity"], message: "Quantity must be greater than or equal to 1" },
    ]);
    expect(await errorsOf({ lineItems: [{ variantId: "gid://shopify/ProductVariant/999999", quantity: 1 }] })).toEqual([
      { field: null, message: "Product with ID 999999 is no longer available." },
    ]);
    expect(await errorsOf({ lineItems: [{ quantity: 1, originalUnitPrice: "1.00" }] })).toEqual([{ field: null, message: "Merchandise title is empty." }]);
    expect(await errorsOf({ email: "not-an-email", lineItems: [custom("X", "1.00")] })).toEqual([{ field: ["email"], message: "Email is invalid" }]);
    expect(await errorsOf({ lineItems: [custom("X", "1.00")], appliedDiscount: { value: 120, valueType: "PERCENTAGE" } })).toEqual([
      { field: ["appliedDiscount", "value"], message: "Applied discount value must be less than or equal to 100%" },
    ]);
    expect(shopState("tax.myshopify.com").draftOrders.length).toBe(before);
  });

  it("filters draftOrders by status and tag", async () => {
    const tagged = await create({ lineItems: [custom("Tagged", "5.00")], tags: ["filter-me"] });
    await create({ lineItems: [custom("Other", "5.00")], tags: ["other"] });
    const query = `query ($q: String) { draftOrders(first: 50, query: $q) { nodes { id status tags } } }`;
    const byTag = (await admin(query, { q: "tag:filter-me" })).draftOrders.nodes;
    expect(byTag.map((node: any) => node.id)).toEqual([tagged.id]);
    await admin(COMPLETE, { id: tagged.id, pending: false });
    const completed = (await admin(query, { q: "status:completed" })).draftOrders.nodes;
    expect(completed.map((node: any) => node.id)).toContain(tagged.id);
    expect(completed.every((node: any) => node.status === "COMPLETED")).toBe(true);
    const open = (await admin(query, { q: "status:open tag:filter-me" })).draftOrders.nodes;
    expect(open).toEqual([]);
  });

  it("reads the draft's metafields", async () => {
    const draft = await create({
      lineItems: [custom("M", "1.00")],
      metafields: [{ namespace: "tranche", key: "contract", type: "single_line_text_field", value: "C-9" }],
    });
    const data = await admin(
      `query ($id: ID!) { draftOrder(id: $id) { metafield(namespace: "tranche", key: "contract") { value type } metafields(first: 5) { nodes { key value } } } }`,
      { id: draft.id },
    );
    expect(data.draftOrder.metafield).toEqual({ value: "C-9", type: "single_line_text_field" });
    expect(data.draftOrder.metafields.nodes).toEqual([{ key: "contract", value: "C-9" }]);
  });

  it("checks draft metafields as metafieldsSet does: one bad metafield refuses the draft and stores nothing", async () => {
    const shop = shopState("tax.myshopify.com");
    const [drafts, metafields] = [shop.draftOrders.length, shop.metafields.length];
    const errorsOf = async (metafield: Record<string, unknown>) =>
      (
        await admin(CREATE, {
          input: {
            lineItems: [custom("M", "1.00")],
            metafields: [{ namespace: "tranche", key: "fine", type: "single_line_text_field", value: "ok" }, metafield],
          },
        })
      ).draftOrderCreate;
    expect(await errorsOf({ namespace: "tranche", key: "stage", type: "number_integer", value: "two" })).toEqual({
      draftOrder: null,
      userErrors: [{ field: ["metafields", "1", "value"], message: "Value must be an integer." }],
    });
    expect((await errorsOf({ namespace: "tranche", key: "stage", value: "2" })).userErrors).toEqual([
      { field: ["metafields", "1", "type"], message: "Type can't be blank" },
    ]);
    expect([shop.draftOrders.length, shop.metafields.length]).toEqual([drafts, metafields]);

    const draft = await create({ lineItems: [custom("M", "1.00")], note: "kept" });
    const update = await admin(UPDATE, {
      id: draft.id,
      input: { note: "changed", metafields: [{ namespace: "tranche", key: "stage", type: "number_integer", value: "two" }] },
    });
    expect(update.draftOrderUpdate.userErrors).toEqual([{ field: ["input", "metafields", "0", "value"], message: "Value must be an integer." }]);
    expect(shop.draftOrders.find((candidate) => candidate.id === draft.id)!.note).toBe("kept");
  });

  it("stores $app metafields in the app's namespace and reads them back with their digest", async () => {
    const draft = await create({ lineItems: [custom("M", "1.00")], metafields: [{ namespace: "$app", key: "stage", type: "number_integer", value: "2" }] });
    const data = await admin(
      `query ($id: ID!) { draftOrder(id: $id) { metafield(key: "stage") { namespace key type value jsonValue compareDigest createdAt ownerType } } }`,
      { id: draft.id },
    );
    const metafield = data.draftOrder.metafield;
    expect(metafield).toMatchObject({ key: "stage", type: "number_integer", value: "2", jsonValue: 2, ownerType: "DRAFTORDER" });
    expect(metafield.namespace).toMatch(/^app--/);
    expect(metafield.compareDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(metafield.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const compareAndSet = await admin(`mutation ($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { code } } }`, {
      m: [{ ownerId: draft.id, namespace: "$app", key: "stage", type: "number_integer", value: "3", compareDigest: metafield.compareDigest }],
    });
    expect(compareAndSet.metafieldsSet.userErrors).toEqual([]);
  });

  it("deletes a draft and sends draft_orders/delete", async () => {
    const draft = await create({ lineItems: [custom("Gone", "1.00")] });
    webhooks = [];
    const { draftOrderDelete } = await admin(`mutation ($id: ID!) { draftOrderDelete(input: { id: $id }) { deletedId userErrors { field message } } }`, {
      id: draft.id,
    });
    expect(draftOrderDelete).toEqual({ deletedId: draft.id, userErrors: [] });
    expect((await admin(`query ($id: ID!) { draftOrder(id: $id) { id } }`, { id: draft.id })).draftOrder).toBeNull();
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["draft_orders/delete"]);
  });
});

describe("payment terms, deposits and amounts due", () => {
  const fixed = (dueAt = "2030-01-15T00:00:00Z") => ({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt }] });

  it("lists Shopify's payment terms templates, filtered by type", async () => {
    const all = (await admin("{ paymentTermsTemplates { id name paymentTermsType dueInDays } }")).paymentTermsTemplates;
    expect(all.map((template: any) => template.name)).toEqual([
      "Due on receipt",
      "Due on fulfillment",
      "Net 7",
      "Net 15",
      "Net 30",
      "Net 45",
      "Net 60",
      "Net 90",
      "Fixed",
    ]);
    const net = (await admin("{ paymentTermsTemplates(paymentTermsType: NET) { id name dueInDays } }")).paymentTermsTemplates;
    expect(net).toContainEqual({ id: "gid://shopify/PaymentTermsTemplate/4", name: "Net 30", dueInDays: 30 });
    expect(net).toHaveLength(6);
  });

  it("validates payment terms as Shopify does and dates NET terms from their issue date", async () => {
    const errorsOf = async (paymentTerms: Record<string, unknown>) =>
      (await admin(CREATE, { input: { lineItems: [custom("T", "1.00")], paymentTerms } })).draftOrderCreate.userErrors;
    expect(
      await errorsOf({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ issuedAt: "2030-01-01T00:00:00Z" }] }),
    ).toEqual([{ field: null, message: "A due date is required with fixed or net payment terms." }]);
    expect(await errorsOf({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4", paymentSchedules: [{}] })).toEqual([
      { field: null, message: "A due date is required with fixed or net payment terms." },
    ]);
    expect(await errorsOf({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/1", paymentSchedules: [{ dueAt: "2030-01-01T00:00:00Z" }] })).toEqual([
      { field: null, message: "A due date cannot be set with event payment terms." },
    ]);
    expect(await errorsOf({ paymentSchedules: [{ dueAt: "2030-01-01T00:00:00Z" }] })).toEqual([
      { field: null, message: "Payment terms template id can not be empty." },
    ]);
    expect(await errorsOf({ paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/999" })).toEqual([
      { field: null, message: "Could not find payment terms template." },
    ]);
    expect(
      await errorsOf({
        paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7",
        paymentSchedules: [{ dueAt: "2030-01-01T00:00:00Z" }, { dueAt: "2030-02-01T00:00:00Z" }],
      }),
    ).toEqual([{ field: null, message: "Cannot create payment terms with multiple payment schedules." }]);

    const net = await create({
      lineItems: [custom("T", "1.00")],
      paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4", paymentSchedules: [{ issuedAt: "2030-01-01T00:00:00Z" }] },
    });
    expect(net.paymentTerms).toMatchObject({ paymentTermsName: "Net 30", paymentTermsType: "NET", dueInDays: 30, overdue: false });
    expect(net.paymentTerms.paymentSchedules.nodes[0]).toMatchObject({ issuedAt: "2030-01-01T00:00:00Z", dueAt: "2030-01-31T00:00:00Z", completedAt: null });
    const fixed = await create({
      lineItems: [custom("T", "1.00")],
      paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: "2030-03-01T12:30:00.750Z" }] },
    });
    // Stored as Shopify stores it, to the second.
    expect(shopState("tax.myshopify.com").draftOrders.find((draft) => draft.id === fixed.id)!.paymentTerms!.schedules[0]!.dueAt).toBe("2030-03-01T12:30:00Z");
  });

  it("refuses a deposit on a non-Plus shop", async () => {
    const { draftOrderCreate } = await admin(CREATE, { input: { lineItems: [custom("D", "100.00")], paymentTerms: fixed(), deposit: { percentage: 30 } } });
    expect(draftOrderCreate.draftOrder).toBeNull();
    expect(draftOrderCreate.userErrors).toEqual([{ field: ["deposit"], message: "Deposits are not enabled for this shop." }]);
  });

  it("on Plus, charges the deposit share of the total now and the rest later", async () => {
    const draft = await create({ lineItems: [custom("Machine", "1000.00")], paymentTerms: fixed(), deposit: { percentage: 30 } }, PLUS);
    expect(draft.deposit).toEqual({ percentage: 30 });
    expect(amount(draft.amountDueNowSet)).toBe("300.0");
    expect(amount(draft.amountDueLaterSet)).toBe("700.0");
    expect(draft.paymentTerms.paymentSchedules.nodes[0].dueAt).toBe("2030-01-15T00:00:00Z");

    const halfUp = await create({ lineItems: [custom("Odd", "100.05")], paymentTerms: fixed(), deposit: { percentage: 50 } }, PLUS);
    expect(amount(halfUp.amountDueNowSet)).toBe("50.03");
    expect(amount(halfUp.amountDueLaterSet)).toBe("50.02");
  });

  it("requires payment terms and a percentage of 1–99 for a deposit", async () => {
    const errorsOf = async (input: Record<string, unknown>) =>
      (await admin(CREATE, { input: { lineItems: [custom("D", "100.00")], ...input } }, PLUS)).draftOrderCreate.userErrors;
    expect(await errorsOf({ deposit: { percentage: 30 } })).toEqual([{ field: ["deposit"], message: "Deposit requires a payment terms template." }]);
    expect(await errorsOf({ paymentTerms: fixed(), deposit: { percentage: 100 } })).toEqual([
      { field: ["deposit", "percentage"], message: "Deposit percentage must be between 1 and 99." },
    ]);
  });

  it("is due now in full without terms, and nothing now with terms but no deposit", async () => {
    const noTerms = await create({ lineItems: [custom("N", "80.00")] }, PLUS);
    expect([amount(noTerms.amountDueNowSet), amount(noTerms.amountDueLaterSet)]).toEqual(["80.0", "0.0"]);
    const termsOnly = await create({ lineItems: [custom("N", "80.00")], paymentTerms: fixed() }, PLUS);
    expect([amount(termsOnly.amountDueNowSet), amount(termsOnly.amountDueLaterSet)]).toEqual(["0.0", "80.0"]);
  });
});

describe("invoices", () => {
  it("emails the invoice link, marks the draft INVOICE_SENT and sends draft_orders/update", async () => {
    const draft = await create({ email: "buyer@example.com", lineItems: [custom("Quote", "10.00")] });
    webhooks = [];
    const outboxBefore = emulator.store.outbox.length;
    const { draftOrderInvoiceSend } = await admin(
      `mutation ($id: ID!) { draftOrderInvoiceSend(id: $id, email: { customMessage: "Thanks" }) { draftOrder { status invoiceSentAt invoiceUrl } userErrors { field message } } }`,
      { id: draft.id },
    );
    expect(draftOrderInvoiceSend.userErrors).toEqual([]);
    expect(draftOrderInvoiceSend.draftOrder.status).toBe("INVOICE_SENT");
    expect(draftOrderInvoiceSend.draftOrder.invoiceSentAt).toEqual(expect.any(String));
    const sent = emulator.store.outbox.slice(outboxBefore);
    expect(sent).toEqual([
      expect.objectContaining({ kind: "draft_order_invoice", to: "buyer@example.com", url: draft.invoiceUrl, resourceId: draft.id, shop: "tax.myshopify.com" }),
    ]);
    expect(sent[0]!.body).toContain(draft.invoiceUrl);
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["draft_orders/update"]);
  });

  it("refuses without a recipient, and for a completed draft", async () => {
    const send = `mutation ($id: ID!) { draftOrderInvoiceSend(id: $id) { draftOrder { id status } userErrors { field message } } }`;
    const nobody = await create({ lineItems: [custom("Quote", "10.00")] });
    expect((await admin(send, { id: nobody.id })).draftOrderInvoiceSend.userErrors).toEqual([{ field: null, message: "To can't be blank" }]);
    const paid = await create({ email: "buyer@example.com", lineItems: [custom("Quote", "10.00")] });
    await admin(COMPLETE, { id: paid.id, pending: false });
    const refused = (await admin(send, { id: paid.id })).draftOrderInvoiceSend;
    expect(refused.draftOrder).toEqual({ id: paid.id, status: "COMPLETED" });
    expect(refused.userErrors).toEqual([{ field: null, message: "Draft order Invoice can't be sent. This draft order is already paid." }]);
    expect((await admin(send, { id: "gid://shopify/DraftOrder/1" })).draftOrderInvoiceSend.userErrors).toEqual([
      { field: null, message: "Draft order not found" },
    ]);
  });
});

describe("completing a draft", () => {
  it("without terms: a paid order with a manual SALE, the draft's attributes, and webhooks in order", async () => {
    const draft = await create({
      email: "buyer@example.com",
      lineItems: [custom("Shipped", "60.00"), custom("Service", "40.00", { requiresShipping: false })],
      customAttributes: [{ key: "tranche_contract", value: "C-42" }],
      tags: ["tranche"],
      note: "by phone",
    });
    webhooks = [];
    const { draftOrderComplete } = await admin(COMPLETE_DEFAULT, { id: draft.id });
    expect(draftOrderComplete.userErrors).toEqual([]);
    expect(draftOrderComplete.draftOrder.status).toBe("COMPLETED");
    const order = shopState("tax.myshopify.com").orders.find((candidate) => candidate.id === draftOrderComplete.draftOrder.order.id)!;
    expect(order).toMatchObject({
      draftOrderId: draft.id,
      totalPrice: "100.00",
      customAttributes: [{ key: "tranche_contract", value: "C-42" }],
      tags: ["tranche"],
      note: "by phone",
      sourceName: "shopify_draft_order",
      paymentGatewayNames: ["manual"],
    });
    expect(order.name).toMatch(/^#\d{4,}$/);
    expect(order.transactions).toEqual([expect.objectContaining({ kind: "SALE", status: "SUCCESS", amount: "100.00", gateway: "manual", manual: true })]);
    expect(order.fulfillmentOrders).toHaveLength(1);
    expect(order.fulfillmentOrders[0]!.lineItems).toEqual([
      expect.objectContaining({ lineItemId: order.lineItems[0]!.id, totalQuantity: 1, remainingQuantity: 1 }),
    ]);
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["orders/create", "order_transactions/create", "orders/paid", "draft_orders/update"]);
    expect(webhooks[1]!.subject).toEqual({ type: "transaction", orderId: order.id, transactionId: order.transactions[0]!.id });
  });

  it("with terms: the payment stays pending, the balance is outstanding and the terms are copied with new ids", async () => {
    const draft = await create({
      lineItems: [custom("Net item", "42.00")],
      paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4", paymentSchedules: [{ issuedAt: "2030-01-01T00:00:00Z" }] },
    });
    webhooks = [];
    const { draftOrderComplete } = await admin(COMPLETE_DEFAULT, { id: draft.id });
    const order = shopState("tax.myshopify.com").orders.find((candidate) => candidate.id === draftOrderComplete.draftOrder.order.id)!;
    expect(order.transactions).toEqual([expect.objectContaining({ kind: "SALE", status: "PENDING", amount: "42.00", gateway: "manual" })]);
    expect(order.paymentTerms).toMatchObject({ type: "NET", name: "Net 30", dueInDays: 30 });
    expect(order.paymentTerms!.id).not.toBe(draft.paymentTerms.id);
    expect(order.paymentTerms!.schedules).toEqual([expect.objectContaining({ issuedAt: "2030-01-01T00:00:00Z", dueAt: "2030-01-31T00:00:00Z" })]);
    expect(order.paymentTerms!.schedules[0]!.id).not.toBe(draft.paymentTerms.paymentSchedules.nodes[0].id);
    expect(order.paymentTerms!.schedules[0]!.completedAt).toBeUndefined();
    expect(webhooks.map((webhook) => webhook.topic)).toEqual(["orders/create", "order_transactions/create", "draft_orders/update"]);
    const read = await admin(`query ($id: ID!) { draftOrder(id: $id) { status order { id displayFinancialStatus totalOutstandingSet { ${money} } } } }`, {
      id: draft.id,
    });
    expect(read.draftOrder).toEqual({
      status: "COMPLETED",
      order: { id: order.id, displayFinancialStatus: "PENDING", totalOutstandingSet: { shopMoney: { amount: "42.0", currencyCode: "USD" } } },
    });
  });

  it("with terms and paymentPending false: marked paid", async () => {
    const draft = await create({
      lineItems: [custom("Paid anyway", "42.00")],
      paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: "2030-01-01T00:00:00Z" }] },
    });
    webhooks = [];
    const { draftOrderComplete } = await admin(COMPLETE, { id: draft.id, pending: false });
    const order = shopState("tax.myshopify.com").orders.find((candidate) => candidate.id === draftOrderComplete.draftOrder.order.id)!;
    expect(order.transactions).toEqual([expect.objectContaining({ status: "SUCCESS", amount: "42.00" })]);
    expect(webhooks.map((webhook) => webhook.topic)).toContain("orders/paid");
  });

  it("refuses to complete a completed draft again", async () => {
    const draft = await create({ lineItems: [custom("Once", "5.00")] });
    await admin(COMPLETE, { id: draft.id, pending: false });
    const ordersBefore = shopState("tax.myshopify.com").orders.length;
    const { draftOrderComplete } = await admin(COMPLETE, { id: draft.id, pending: false });
    expect(draftOrderComplete.userErrors).toEqual([{ field: null, message: "This order has been paid" }]);
    expect(draftOrderComplete.draftOrder.status).toBe("COMPLETED");
    expect(shopState("tax.myshopify.com").orders.length).toBe(ordersBefore);
    const view = (await admin(`query ($id: ID!) { draftOrder(id: $id) { status completedAt order { id name } } }`, { id: draft.id })).draftOrder;
    expect(view.order.name).toMatch(/^#\d+$/);
    expect(view.completedAt).toEqual(expect.any(String));
  });
});
