import { describe, expect, it } from "vitest";

import { attachOptions } from "../../app/services/attach/attach-flow.server";
import type { AdminClient } from "../../app/shopify/admin-client.server";
import { useEmulatorServices } from "../support/emulator-services";

let failNextAdminRequest = false;
const adminCalls: string[] = [];

const { shop, database, emulator, deps, admin, customer, createQuote, payDraftInvoice } = useEmulatorServices({
  plan: "plus",
  offlineSessions: true,
  linkEmailsBy: "shopify",
  wrapAdminClient: (client, domain) => {
    const request: AdminClient["request"] = async (operation, ...variables) => {
      adminCalls.push(domain);
      if (failNextAdminRequest) {
        failNextAdminRequest = false;
        throw new Error("injected fault");
      }
      return client.request(operation, ...variables);
    };
    return { ...client, request };
  },
});

describe("the emulator services of a test file", () => {
  it("start the chosen demo shop with its offline session and link-email setting", async () => {
    expect(shop.plan).toBe("plus");
    expect([...emulator.store.shops.keys()]).toEqual([shop.domain]);
    expect(await database.prisma.session.findUnique({ where: { id: `offline_${shop.domain}` } })).toMatchObject({ shop: shop.domain, isOnline: false });
    expect(await database.prisma.shopSettings.findUnique({ where: { shop: shop.domain } })).toMatchObject({ linkEmailsBy: "shopify" });
  });

  it("create a quote for the customer and quantity asked, and give the services an Admin client through the wrapper", async () => {
    const draftOrderId = await createQuote({ customerId: customer(0).id, quantity: 3 });
    const { draftOrder } = await admin<{ draftOrder: { customer: { id: string }; lineItems: { nodes: { quantity: number }[] } } }>(
      "query Draft($id: ID!) { draftOrder(id: $id) { customer { id } lineItems(first: 5) { nodes { quantity } } } }",
      { id: draftOrderId },
    );
    expect(draftOrder).toEqual({ customer: { id: customer(0).id }, lineItems: { nodes: [{ quantity: 3 }] } });

    failNextAdminRequest = true;
    await expect(attachOptions(deps(), shop.domain, draftOrderId)).rejects.toThrow("injected fault");
    expect((await attachOptions(deps(), shop.domain, draftOrderId)).draftOrder.id).toBe(draftOrderId);
    expect(new Set(adminCalls)).toEqual(new Set([shop.domain]));
  });

  it("say what is wrong when asked for a shop, customer or invoice they do not have", async () => {
    await expect(deps().adminFor("elsewhere.myshopify.com")).rejects.toThrow(
      "emulator services: elsewhere.myshopify.com is not one of the shops the emulator was started with",
    );
    expect(() => customer(99)).toThrow(`emulator services: ${shop.domain} has no fixture customer at position 99`);
    await expect(payDraftInvoice("gid://shopify/DraftOrder/404")).rejects.toThrow("no invoice was emailed for gid://shopify/DraftOrder/404");
  });
});
