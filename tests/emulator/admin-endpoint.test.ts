import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

let emulator: RunningEmulator;
const token = "shpat_basic";

async function admin(query: string, variables: Record<string, unknown> = {}, accessToken = token) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  emulator = await startEmulator({
    shops: [
      { domain: "basic.myshopify.com", accessToken: token, plan: "basic", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" },
      { domain: "plus.myshopify.com", accessToken: "shpat_plus", plan: "plus" },
    ],
  });
});
afterAll(() => emulator.close());

describe("the Admin GraphQL endpoint", () => {
  it("answers a query against the real schema with its cost", async () => {
    const { status, body } = await admin("{ shop { name currencyCode ianaTimezone plan { shopifyPlus } } }");
    expect(status).toBe(200);
    expect(body.data.shop).toEqual({ name: "basic", currencyCode: "EUR", ianaTimezone: "Europe/Berlin", plan: { shopifyPlus: false } });
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 2, actualQueryCost: 2, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
  });

  it("tells shops apart by access token and refuses an unknown one", async () => {
    expect((await admin("{ shop { plan { shopifyPlus } } }", {}, "shpat_plus")).body.data.shop.plan.shopifyPlus).toBe(true);
    const refused = await admin("{ shop { name } }", {}, "shpat_wrong");
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toMatch(/Invalid API key or access token/);
  });

  it("rejects a field the real schema does not have, naming it", async () => {
    const { body } = await admin("{ shop { nmae } }");
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toBe('Cannot query field "nmae" on type "Shop". Did you mean "name"?');
  });

  it("answers a real field the emulator does not implement with an error naming it, not a null", async () => {
    const { body } = await admin("{ shop { name contactEmail } }");
    expect(body.errors[0]).toMatchObject({
      message: "The Tranche emulator does not implement Shop.contactEmail",
      path: ["shop", "contactEmail"],
      extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR" },
    });
  });

  it("answers a root field the emulator does not implement with an error naming it", async () => {
    const { body } = await admin("{ appInstallation { id } }");
    expect(body.errors[0].message).toBe("The Tranche emulator does not implement QueryRoot.appInstallation");
  });

  it("refuses a query above the single-query cost limit", async () => {
    const { body } = await admin("{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }");
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });

  it("throttles when the bucket is empty, with the throttle status", async () => {
    // Each costs 10 points; 2,000 points hold 200 of them, restored at 100 per second.
    const calls = await Promise.all(
      Array.from({ length: 260 }, () =>
        admin('mutation { webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { deletedWebhookSubscriptionId } }'),
      ),
    );
    const throttled = calls.filter((call) => call.body.errors?.[0]?.extensions?.code === "THROTTLED");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.status).toBe(200);
    expect(throttled[0]!.body.extensions.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });
});
