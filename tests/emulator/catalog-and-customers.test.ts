import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

let emulator: RunningEmulator;

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": "shpat_catalog" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

async function inspect(path: string, body: unknown) {
  const response = await fetch(`${emulator.url}${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  emulator = await startEmulator({
    shops: [
      {
        domain: "catalog.myshopify.com",
        accessToken: "shpat_catalog",
        products: [{ title: "CNC router", variants: [{ title: "3 kW", sku: "CNC-3", price: "18500.00" }] }],
        customers: [
          { email: "buyer@acme.test", firstName: "Ada", lastName: "Lovelace", defaultAddress: { countryCode: "US", provinceCode: "NY", city: "New York" } },
        ],
        companies: [
          {
            name: "Acme Industrial",
            contactEmails: ["buyer@acme.test"],
            locations: [{ name: "Plant 1", billingAddress: { countryCode: "US", city: "Buffalo" } }],
          },
        ],
      },
    ],
  });
});
afterAll(() => emulator.close());

describe("catalog, customers and companies", () => {
  it("lists products with variants and prices as Shopify writes decimals", async () => {
    const { data } = await admin("{ products(first: 5) { nodes { title variants(first: 5) { nodes { id sku price taxable displayName } } } } }");
    expect(data.products.nodes).toEqual([
      {
        title: "CNC router",
        variants: {
          nodes: [
            {
              id: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\/\d+$/),
              sku: "CNC-3",
              price: "18500.0",
              taxable: true,
              displayName: "CNC router - 3 kW",
            },
          ],
        },
      },
    ]);
  });

  it("finds customers by search words and reads their default address", async () => {
    const { data } = await admin('{ customers(first: 5, query: "ada") { nodes { id email displayName defaultAddress { countryCodeV2 provinceCode city } } } }');
    expect(data.customers.nodes).toEqual([
      {
        id: expect.any(String),
        email: "buyer@acme.test",
        displayName: "Ada Lovelace",
        defaultAddress: { countryCodeV2: "US", provinceCode: "NY", city: "New York" },
      },
    ]);
    const { data: byId } = await admin("query($id: ID!) { customer(id: $id) { email } }", { id: data.customers.nodes[0].id });
    expect(byId.customer.email).toBe("buyer@acme.test");
    expect((await admin('{ customer(id: "gid://shopify/Customer/1") { email } }')).data.customer).toBeNull();
  });

  it("reads B2B companies, their locations and contacts", async () => {
    const { data } = await admin(
      "{ companies(first: 5) { nodes { name locations(first: 5) { nodes { id name billingAddress { city countryCode } } } contacts(first: 5) { nodes { customer { email } } } } } }",
    );
    const company = data.companies.nodes[0];
    expect(company).toMatchObject({ name: "Acme Industrial", contacts: { nodes: [{ customer: { email: "buyer@acme.test" } }] } });
    expect(company.locations.nodes[0]).toMatchObject({ name: "Plant 1", billingAddress: { city: "Buffalo", countryCode: "US" } });
    const { data: location } = await admin("query($id: ID!) { companyLocation(id: $id) { name company { name } } }", { id: company.locations.nodes[0].id });
    expect(location.companyLocation).toEqual({ name: "Plant 1", company: { name: "Acme Industrial" } });
  });

  it("adds shops and switches plans through the inspection API", async () => {
    expect((await inspect("/_emulator/shops", { domain: "new.myshopify.com", accessToken: "shpat_new" })).status).toBe(201);
    expect((await inspect("/_emulator/shops", { domain: "new.myshopify.com" })).status).toBe(409);
    expect((await inspect("/_emulator/shops", { domain: "bad" })).status).toBe(400);
    expect((await inspect("/_emulator/shops/catalog.myshopify.com/plan", { plan: "plus" })).body).toEqual({ domain: "catalog.myshopify.com", plan: "plus" });
    expect((await admin("{ shop { plan { shopifyPlus } } }")).data.shop.plan.shopifyPlus).toBe(true);
    expect((await inspect("/_emulator/shops/catalog.myshopify.com/plan", { plan: "gold" })).status).toBe(400);
  });
});

describe("node lookups", () => {
  it("finds customers, orders and drafts by id and names the types it does not look up", async () => {
    const { data: customers } = await admin("{ customers(first: 1) { nodes { id } } }");
    const customerId = customers.customers.nodes[0].id;
    const { data } = await admin("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Customer { email } } }", {
      ids: [customerId, "gid://shopify/Order/424242"],
    });
    expect(data.nodes).toEqual([{ __typename: "Customer", id: customerId, email: "buyer@acme.test" }, null]);
    const created = await admin(
      'mutation { draftOrderCreate(input: { lineItems: [{ title: "Crate", quantity: 1, originalUnitPriceWithCurrency: { amount: "90.00", currencyCode: USD } }] }) { draftOrder { id } userErrors { message } } }',
    );
    const draftId = created.data.draftOrderCreate.draftOrder.id;
    expect((await admin("query($id: ID!) { node(id: $id) { ... on DraftOrder { id status } } }", { id: draftId })).data.node).toEqual({
      id: draftId,
      status: "OPEN",
    });
    const product = await admin('{ node(id: "gid://shopify/Product/1") { id } }');
    expect(product.errors[0].message).toBe("The Tranche emulator does not implement node lookups of Product");
  });
});
