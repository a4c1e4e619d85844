import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { updateContract, updateStage, type StoredContract } from "../../../app/models/contracts.server";
import { verifyBuyerLink } from "../../../app/services/buyer/signed-links.server";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

// shopify.server reads the app's key and secret when it is imported: set them first.
const { API_SECRET } = vi.hoisted(() => {
  process.env.SHOPIFY_API_KEY = "buyer-contracts-key";
  process.env.SHOPIFY_API_SECRET = "buyer-contracts-secret";
  process.env.SHOPIFY_APP_URL = "https://tranche.test";
  return { API_SECRET: "buyer-contracts-secret" };
});

const database = await createTestDatabase();
vi.mock("../../../app/db.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  get default() {
    return database.prisma;
  },
}));

const { loader } = await import("../../../app/routes/api.buyer.contracts");

const SHOP = "buyer-contracts.myshopify.com";
const OTHER_SHOP = "other-contracts.myshopify.com";
const BUYER = "gid://shopify/Customer/41";
const SOMEONE_ELSE = "gid://shopify/Customer/42";
let mine: StoredContract;
let older: StoredContract;

async function contractFor(shop: string, draft: string, customerId: string, name: string): Promise<StoredContract> {
  const seeded = await seedContract(database.prisma, shop, draft);
  return updateContract(database.prisma, shop, {
    id: seeded.id,
    version: seeded.version,
    changes: { customerId, status: "awaitingDeposit", mainOrderName: name },
    actor: "system",
  });
}

beforeAll(async () => {
  older = await contractFor(SHOP, "gid://shopify/DraftOrder/1", BUYER, "#1001");
  mine = await contractFor(SHOP, "gid://shopify/DraftOrder/2", BUYER, "#1002");
  mine = await updateStage(database.prisma, SHOP, {
    contractId: mine.id,
    stageId: mine.stages[0]!.id,
    version: mine.version,
    changes: { status: "invoiced", payUrl: "https://pay.test/1", invoiceNumber: "TR-000004" },
    actor: "system",
  });
  await contractFor(SHOP, "gid://shopify/DraftOrder/3", SOMEONE_ELSE, "#1003");
  await contractFor(OTHER_SHOP, "gid://shopify/DraftOrder/4", BUYER, "#2001");
});
afterAll(async () => {
  await database.cleanup();
});

/** A customer account extension's session token: a JWT signed with the app's secret, naming the shop and the customer. */
function sessionToken(shop: string, customer: string | null = BUYER, secret = API_SECRET): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: "buyer-contracts-key", ...(customer ? { sub: customer } : {}), exp: now + 60, nbf: now - 5, iat: now, jti: "t1", sid: "s1" })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

async function ask(token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Origin: "https://extensions.shopifycdn.com" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const request = new Request("https://tranche.test/api/buyer/contracts", { headers });
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type ContractsBody = {
  portalUrl: string | null;
  contracts: {
    name: string | null;
    status: string;
    total: string;
    remaining: string;
    portalUrl: string;
    stages: { position: number; status: string; payUrl: string | null; invoiceNumber?: string; invoicePdfUrl?: string }[];
  }[];
};

describe("GET /api/buyer/contracts (customer account page)", () => {
  it("lists the signed-in customer's contracts in the shop, newest first, with pay links, invoice PDFs and the portal", async () => {
    const response = await ask(sessionToken(SHOP));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await response.json()) as ContractsBody;
    expect(body.contracts.map((contract) => contract.name)).toEqual(["#1002", "#1001"]);
    const [newest] = body.contracts;
    expect(newest!.status).toBe("awaitingDeposit");
    expect(newest!.remaining).toBe("1200.00");
    expect(newest!.stages[0]).toMatchObject({ status: "invoiced", payUrl: "https://pay.test/1", invoiceNumber: "TR-000004" });
    const token = /\/portal\/([^/]+)\/invoices\/1\.pdf$/.exec(newest!.stages[0]!.invoicePdfUrl ?? "")?.[1];
    expect(verifyBuyerLink(token!, API_SECRET)).toEqual({ shop: SHOP, contractId: mine.id, customerId: BUYER });
    expect(newest!.stages.slice(1).every((stage) => stage.invoicePdfUrl === undefined)).toBe(true);
    expect(body.portalUrl).toBe(`https://tranche.test/portal/${token}`);
    expect(verifyBuyerLink(/\/portal\/([^/]+)$/.exec(body.contracts[1]!.portalUrl)![1]!, API_SECRET).contractId).toBe(older.id);
  });

  it("shows a customer only their own contracts, and those of the shop asking", async () => {
    const other = (await (await ask(sessionToken(SHOP, SOMEONE_ELSE))).json()) as ContractsBody;
    expect(other.contracts.map((contract) => contract.name)).toEqual(["#1003"]);
    const elsewhere = (await (await ask(sessionToken(OTHER_SHOP))).json()) as ContractsBody;
    expect(elsewhere.contracts.map((contract) => contract.name)).toEqual(["#2001"]);
    const nobody = (await (await ask(sessionToken(SHOP, "gid://shopify/Customer/99"))).json()) as ContractsBody;
    expect(nobody).toEqual({ contracts: [], portalUrl: null });
  });

  it("refuses (401) a request without a session token, with a forged one, or one naming no customer", async () => {
    for (const token of [null, sessionToken(SHOP, BUYER, "forged"), sessionToken(SHOP, null)]) {
      const answer = await ask(token);
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain("#100");
    }
  });
});
