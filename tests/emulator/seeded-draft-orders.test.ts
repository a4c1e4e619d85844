import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../emulator/fixtures/demo-fixture";
import { EmulatorStore } from "../../emulator/state/emulator-store";
import { staffAdminRequest } from "../../emulator/staff-and-buyer-actions";

const BASIC = { domain: "northwind-furniture.myshopify.com", token: "shpat_demo_basic" };
const PLUS = { domain: "kessler-industrie.myshopify.com", token: "shpat_demo_plus" };

const money = "shopMoney { amount currencyCode }";
const PRICED = `name status email poNumber
  customer { email }
  purchasingEntity { __typename ... on PurchasingCompany { location { name } } }
  shippingAddress { city countryCodeV2 }
  lineItems(first: 10) { nodes { title quantity sku } }
  shippingLine { title }
  subtotalPriceSet { ${money} } totalShippingPriceSet { ${money} } totalTaxSet { ${money} } totalPriceSet { ${money} }
  taxLines { title priceSet { ${money} } }`;
const DRAFTS = `{ draftOrders(first: 10) { nodes { ${PRICED} } } }`;
const CREATE = `mutation ($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { ${PRICED} } userErrors { field message } } }`;

type PricedDraft = Record<string, any>;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ shops: readShopsFixture(DEMO_FIXTURE_FILE) });
});
afterAll(() => emulator.close());

const admin = <Data>(shop: { token: string }, query: string, variables: Record<string, unknown> = {}) =>
  staffAdminRequest<Data>(emulator.adminUrl(), shop.token, query, variables);
const seeded = async (shop: { token: string }) => (await admin<{ draftOrders: { nodes: PricedDraft[] } }>(shop, DRAFTS)).draftOrders.nodes;
const variantId = (domain: string, sku: string) =>
  emulator.store
    .shop(domain)
    .products.flatMap((product) => product.variants)
    .find((variant) => variant.sku === sku)!.id;

/** What makes two drafts the same quote, priced: everything but the name. */
const pricing = ({ name: _name, ...draft }: PricedDraft) => draft;

describe("the demo shops' draft orders", () => {
  it("exist from startup, open, named #D1… per shop, with customers, several lines and shipping", async () => {
    for (const shop of [BASIC, PLUS]) {
      const drafts = await seeded(shop);
      expect(drafts.map((draft) => draft.name)).toEqual(["#D1", "#D2", "#D3"]);
      for (const draft of drafts) {
        expect(draft.status).toBe("OPEN");
        expect(draft.email).toMatch(/@/);
        expect(draft.lineItems.nodes.length).toBeGreaterThan(1);
        expect(Number(draft.totalTaxSet.shopMoney.amount)).toBeGreaterThan(0);
      }
      expect(drafts.some((draft) => draft.shippingLine)).toBe(true);
    }
    const [b2b] = await seeded(PLUS);
    expect(b2b!.purchasingEntity).toEqual({ __typename: "PurchasingCompany", location: { name: "Werk Stuttgart" } });
    expect(b2b!.taxLines.map((line: { title: string }) => line.title)).toEqual(["MwSt"]);
  });

  it("are priced and taxed exactly as the same draftOrderCreate prices them", async () => {
    const [lawFirm] = await seeded(BASIC);
    const customerId = emulator.store.shop(BASIC.domain).customers.find((customer) => customer.email === "maria.gonzalez@lonestar-law.example")!.id;
    const created = await admin<{ draftOrderCreate: { draftOrder: PricedDraft; userErrors: unknown[] } }>(BASIC, CREATE, {
      input: {
        customerId,
        useCustomerDefaultAddress: true,
        lineItems: [
          { variantId: variantId(BASIC.domain, "NW-CT-480"), quantity: 1 },
          { variantId: variantId(BASIC.domain, "NW-LC-LTH"), quantity: 6 },
        ],
        shippingLine: { title: "White-glove delivery and installation", priceWithCurrency: { amount: "650.00", currencyCode: "USD" } },
        poNumber: "LSL-2026-014",
      },
    });
    expect(created.draftOrderCreate.userErrors).toEqual([]);
    expect(created.draftOrderCreate.draftOrder.name).toBe("#D4");
    expect(pricing(created.draftOrderCreate.draftOrder)).toEqual(pricing(lawFirm!));
    expect(lawFirm!.totalPriceSet.shopMoney).toEqual({ amount: "22769.38", currencyCode: "USD" });

    const [b2b] = await seeded(PLUS);
    const state = emulator.store.shop(PLUS.domain);
    const company = state.companies[0]!;
    const stuttgart = company.locations[0]!;
    const createdB2b = await admin<{ draftOrderCreate: { draftOrder: PricedDraft } }>(PLUS, CREATE, {
      input: {
        purchasingEntity: {
          purchasingCompany: {
            companyId: company.id,
            companyLocationId: stuttgart.id,
            companyContactId: company.contactCustomerIds[0]!.replace("/Customer/", "/CompanyContact/"),
          },
        },
        email: "einkauf@mueller-metallbau.example",
        shippingAddress: stuttgart.billingAddress,
        billingAddress: stuttgart.billingAddress,
        lineItems: [
          { variantId: variantId(PLUS.domain, "KI-VMC-850"), quantity: 1 },
          { variantId: variantId(PLUS.domain, "KI-SVC-INST"), quantity: 3 },
        ],
        shippingLine: { title: "Schwerlastspedition", priceWithCurrency: { amount: "2400.00", currencyCode: "EUR" } },
        poNumber: "MMB-2026-0471",
      },
    });
    expect(pricing(createdB2b.draftOrderCreate.draftOrder)).toEqual(pricing(b2b!));
  });

  it("refuses a fixture draft that names a product or customer the shop does not have", () => {
    const [basic] = readShopsFixture(DEMO_FIXTURE_FILE);
    const store = new EmulatorStore();
    expect(() => store.addShop({ ...basic!, draftOrders: [{ customer: basic!.customers![0]!.email, lines: [{ sku: "NO-SUCH-SKU", quantity: 1 }] }] })).toThrow(
      /draftOrders\[0\]: no variant with SKU NO-SUCH-SKU/,
    );
    expect(() => store.addShop({ ...basic!, draftOrders: [{ customer: "nobody@example.com", lines: [{ sku: "NW-DESK-OAK", quantity: 1 }] }] })).toThrow(
      /no customer nobody@example.com/,
    );
  });
});
