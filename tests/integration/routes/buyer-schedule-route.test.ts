import { createHmac } from "node:crypto";

import { afterAll, describe, expect, it, vi } from "vitest";

import { updateContract, updateStage } from "../../../app/models/contracts.server";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

// shopify.server reads the app's key and secret when it is imported: set them first.
const { API_SECRET } = vi.hoisted(() => {
  process.env.SHOPIFY_API_KEY = "buyer-route-key";
  process.env.SHOPIFY_API_SECRET = "buyer-route-secret";
  process.env.SHOPIFY_APP_URL = "https://tranche.test";
  return { API_SECRET: "buyer-route-secret" };
});

const database = await createTestDatabase();
afterAll(() => database.cleanup());
// Read when the route runs, not when the mock is made (mocks are hoisted above `database`).
vi.mock("../../../app/db.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  get default() {
    return database.prisma;
  },
}));

const { loader } = await import("../../../app/routes/api.buyer.schedule");

const SHOP = "buyer-route.myshopify.com";
const MAIN_ORDER = "gid://shopify/Order/5550001";
const BUYER = "gid://shopify/Customer/31";

/** A checkout extension's session token: a JWT signed with the app's secret, naming the shop in `dest`. */
function sessionToken(shop: string, secret = API_SECRET, customer: string | null = BUYER): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: "buyer-route-key", ...(customer ? { sub: customer } : {}), exp: now + 60, nbf: now - 5, iat: now, jti: "t1", sid: "s1" })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

async function ask(orderId: string, token = sessionToken(SHOP)): Promise<Response> {
  const request = new Request(`https://tranche.test/api/buyer/schedule?orderId=${encodeURIComponent(orderId)}`, {
    headers: { Authorization: `Bearer ${token}`, Origin: "https://extensions.shopifycdn.com" },
  });
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("GET /api/buyer/schedule (thank-you and order-status blocks)", () => {
  it("answers the schedule of the order's contract: what is paid, and the link of the stage that is due", async () => {
    let contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/77");
    contract = await updateContract(database.prisma, SHOP, {
      id: contract.id,
      version: contract.version,
      changes: { mainOrderId: MAIN_ORDER, status: "awaitingDeposit", customerId: BUYER },
      actor: "system",
    });
    await updateStage(database.prisma, SHOP, {
      contractId: contract.id,
      stageId: contract.stages[0]!.id,
      version: contract.version,
      changes: { status: "invoiced", payUrl: "https://pay.test/1" },
      actor: "system",
    });

    // The thank-you page names the order by its OrderIdentity id: the number is what counts.
    const response = await ask("gid://shopify/OrderIdentity/5550001");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await response.json()) as {
      contract: { status: string; stages: { position: number; status: string; payUrl: string | null; amount: string }[] };
    };
    expect(body.contract.status).toBe("awaitingDeposit");
    expect(body.contract.stages.map((stage) => [stage.position, stage.status, stage.payUrl])).toEqual([
      [1, "invoiced", "https://pay.test/1"],
      [2, "scheduled", null],
      [3, "scheduled", null],
    ]);
  });

  it("answers 404 for an order without a schedule, and for another shop's order", async () => {
    expect((await ask("gid://shopify/Order/999")).status).toBe(404);
    expect((await ask(MAIN_ORDER, sessionToken("another-shop.myshopify.com"))).status).toBe(404);
  });

  it("shows a signed-in buyer only their own contracts, and a guest no pay links", async () => {
    expect((await ask(MAIN_ORDER, sessionToken(SHOP, API_SECRET, "gid://shopify/Customer/32"))).status).toBe(404);
    const guest = await ask(MAIN_ORDER, sessionToken(SHOP, API_SECRET, null));
    expect(guest.status).toBe(200);
    const body = (await guest.json()) as { contract: { stages: { payUrl: string | null }[] } };
    expect(body.contract.stages.map((stage) => stage.payUrl)).toEqual([null, null, null]);
  });

  it("refuses a token not signed with the app's secret", async () => {
    expect((await ask(MAIN_ORDER, sessionToken(SHOP, "forged"))).status).toBe(401);
  });
});
