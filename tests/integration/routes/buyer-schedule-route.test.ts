import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { updateContract, updateStage, type StoredContract } from "../../../app/models/contracts.server";
import { verifyBuyerLink } from "../../../app/services/buyer/signed-links.server";
import { recordLedgerEntry } from "../../../app/models/ledger.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import type { Order } from "../../../emulator/state/model";
import { insertOrder } from "../../emulator/order-fixture";
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
// Read when the route runs, not when the mock is made (mocks are hoisted above `database`).
vi.mock("../../../app/db.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  get default() {
    return database.prisma;
  },
}));

const { loader } = await import("../../../app/routes/api.buyer.schedule");

const SHOP = "buyer-route.myshopify.com";
const ACCESS_TOKEN = "shpat_buyer_route";
const BUYER = "gid://shopify/Customer/31";
let emulator: RunningEmulator;
/** The main order in Shopify (the emulator), with the confirmation number its buyer was shown. */
let mainOrder: Order;
let contract: StoredContract;

beforeAll(async () => {
  // Guests are checked against Shopify: the shop's offline session reaches the emulator.
  emulator = await startEmulator({ shops: [{ domain: SHOP, accessToken: ACCESS_TOKEN, plan: "basic", currencyCode: "EUR" }] });
  process.env.SHOPIFY_ADMIN_API_URL = emulator.adminUrl();
  await database.prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "s", isOnline: false, accessToken: ACCESS_TOKEN } });
  mainOrder = insertOrder(emulator.store, SHOP).order;
  contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/77");
  contract = await updateContract(database.prisma, SHOP, {
    id: contract.id,
    version: contract.version,
    changes: { mainOrderId: mainOrder.id, status: "awaitingDeposit", customerId: BUYER },
    actor: "system",
  });
  contract = await updateStage(database.prisma, SHOP, {
    contractId: contract.id,
    stageId: contract.stages[0]!.id,
    version: contract.version,
    changes: { status: "invoiced", payUrl: "https://pay.test/1", invoiceNumber: "TR-000004" },
    actor: "system",
  });
});
afterAll(async () => {
  await emulator?.close();
  await database.cleanup();
});

/** A checkout extension's session token: a JWT signed with the app's secret, naming the shop in `dest`. */
function sessionToken(shop: string, secret = API_SECRET, customer: string | null = BUYER, dest: unknown = `https://${shop}`): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iss: `https://${shop}/admin`, dest, aud: "buyer-route-key", ...(customer ? { sub: customer } : {}), exp: now + 60, nbf: now - 5, iat: now, jti: "t1", sid: "s1" })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

const guestToken = () => sessionToken(SHOP, API_SECRET, null);
const orderNumber = (orderId: string) => orderId.split("/").pop()!;

async function ask(orderId: string, token = sessionToken(SHOP), confirmationNumber?: string): Promise<Response> {
  const query = new URLSearchParams({ orderId, ...(confirmationNumber === undefined ? {} : { confirmationNumber }) });
  const request = new Request(`https://tranche.test/api/buyer/schedule?${query.toString()}`, {
    headers: { Authorization: `Bearer ${token}`, Origin: "https://extensions.shopifycdn.com" },
  });
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type TaxBody = { title: string; amount: string }[];
type ScheduleBody = {
  contract: {
    status: string;
    remaining: string;
    paidOnOrder: { positions: number[]; amount: string; tax: TaxBody; discount: { amount: string; percent: string | null } | null } | null;
    portalUrl?: string;
    stages: {
      position: number;
      status: string;
      payUrl: string | null;
      amount: string;
      tax: TaxBody;
      dueDate: string | null;
      trigger?: unknown;
      invoiceNumber?: string;
      invoicePdfUrl?: string;
    }[];
  };
};

describe("GET /api/buyer/schedule (thank-you and order-status blocks)", () => {
  it("answers the schedule of the order's contract: what is paid, and the link of the stage that is due", async () => {
    // The thank-you page names the order by its OrderIdentity id: the number is what counts.
    const response = await ask(`gid://shopify/OrderIdentity/${orderNumber(mainOrder.id)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await response.json()) as ScheduleBody;
    expect(body.contract.status).toBe("awaitingDeposit");
    expect(body.contract.stages.map((stage) => [stage.position, stage.status, stage.payUrl])).toEqual([
      [1, "invoiced", "https://pay.test/1"],
      [2, "scheduled", null],
      [3, "scheduled", null],
    ]);
  });

  it("gives a signed-in buyer the invoice PDF of each invoiced stage and their portal, as signed links", async () => {
    const body = (await (await ask(mainOrder.id)).json()) as ScheduleBody;
    const [invoiced, ...others] = body.contract.stages;
    expect(invoiced?.invoiceNumber).toBe("TR-000004");
    const pdf = /^https:\/\/tranche\.test\/portal\/([^/]+)\/invoices\/1\.pdf$/.exec(invoiced?.invoicePdfUrl ?? "");
    expect(pdf, invoiced?.invoicePdfUrl).not.toBeNull();
    expect(verifyBuyerLink(pdf![1]!, API_SECRET)).toEqual({ shop: SHOP, contractId: contract.id, customerId: BUYER });
    // Stages without an invoice number have no PDF.
    for (const stage of others) expect(stage).not.toHaveProperty("invoicePdfUrl");
    expect(body.contract.portalUrl).toBe(`https://tranche.test/portal/${pdf![1]!}`);
  });

  it("answers 404 for an order without a schedule, and for another shop's order", async () => {
    expect((await ask("gid://shopify/Order/999")).status).toBe(404);
    expect((await ask(mainOrder.id, sessionToken("another-shop.myshopify.com"))).status).toBe(404);
  });

  it("shows a signed-in buyer only their own contracts", async () => {
    expect((await ask(mainOrder.id, sessionToken(SHOP, API_SECRET, "gid://shopify/Customer/32"))).status).toBe(404);
  });

  it("tells a guest who guessed an order's id nothing: without the order's confirmation number, or with another", async () => {
    const other = insertOrder(emulator.store, SHOP).order;
    const answers = [
      await ask(mainOrder.id, guestToken()),
      await ask(`gid://shopify/OrderIdentity/${orderNumber(mainOrder.id)}`, guestToken()),
      await ask(mainOrder.id, guestToken(), "WRONG1234"),
      await ask(mainOrder.id, guestToken(), other.confirmationNumber),
      await ask(mainOrder.id, guestToken(), mainOrder.confirmationNumber!.toLowerCase()),
      await ask(mainOrder.id, guestToken(), ""),
    ];
    for (const answer of answers) {
      expect([404, 400]).toContain(answer.status);
      expect(JSON.stringify(await answer.json())).not.toMatch(/contract|stages|pay\.test/);
    }
    expect(answers.slice(0, 5).map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
  });

  it("shows a guest holding the order's confirmation number the schedule, without pay links", async () => {
    expect(mainOrder.confirmationNumber).toMatch(/^[A-Z0-9]{9}$/);
    const guest = await ask(`gid://shopify/OrderIdentity/${orderNumber(mainOrder.id)}`, guestToken(), mainOrder.confirmationNumber);
    expect(guest.status).toBe(200);
    const body = (await guest.json()) as ScheduleBody;
    expect(body.contract.status).toBe("awaitingDeposit");
    expect(body.contract.stages.map((stage) => stage.payUrl)).toEqual([null, null, null]);
    // Nor invoice PDFs or the portal: those links open the buyer's documents without signing in.
    expect(body.contract).not.toHaveProperty("portalUrl");
    for (const stage of body.contract.stages) expect(stage).not.toHaveProperty("invoicePdfUrl");
    expect(JSON.stringify(body)).not.toContain("/portal/");
  });

  it("refuses a token not signed with the app's secret", async () => {
    expect((await ask(mainOrder.id, sessionToken(SHOP, "forged"))).status).toBe(401);
  });

  it("refuses (401, never 500) a signed token whose dest is not a shop's URL", async () => {
    for (const dest of ["not a url", "https://evil.example", `http://${SHOP}`, `https://${SHOP}.evil.example`, `https://${SHOP}/admin`, "", 42, null]) {
      const answer = await ask(mainOrder.id, sessionToken(SHOP, API_SECRET, BUYER, dest));
      expect(answer.status, JSON.stringify(dest)).toBe(401);
      expect(answer.headers.get("Access-Control-Allow-Origin"), JSON.stringify(dest)).toBe("*");
    }
  });

  it("says what is wrong with a malformed order id", async () => {
    const answer = await ask("not-an-order");
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: expect.stringContaining("orderId must be an order's id") });
  });

  it("says each stage's tax share and what it waits for, what is left to pay, and what was paid with the order asked about", async () => {
    const eur = (minor: bigint) => formatMinorUnits(minor, currencyFor("EUR"));
    const shares = contract.stages.map((stage) => stage.taxShares.map((line) => ({ title: line.title, amount: eur(line.amount) })));
    const before = ((await (await ask(mainOrder.id)).json()) as ScheduleBody).contract;
    expect(before.stages.map((stage) => stage.tax)).toEqual(shares);
    expect(shares.flat().map((line) => line.title)).toEqual(["VAT 19%", "VAT 19%", "VAT 19%"]);
    expect(before.stages.map((stage) => [stage.dueDate, stage.trigger])).toEqual([
      ["2027-01-15", undefined],
      [null, { event: "milestone", milestone: "Ready to ship" }],
      [null, { event: "orderFulfilled", after: ["30d"] }],
    ]);
    expect(before.remaining).toBe("1200.00");
    expect(before.paidOnOrder).toBeNull();

    // The buyer pays the deposit (360.00) through its own stage order, as in stage-order mode.
    const depositOrder = insertOrder(emulator.store, SHOP).order;
    const deposit = contract.stages[0]!;
    const { contractVersion } = await recordLedgerEntry(database.prisma, SHOP, {
      contractId: contract.id,
      stageId: deposit.id,
      kind: "payment",
      amountMinor: deposit.amountMinor,
      currency: "EUR",
      shopifyRef: "gid://shopify/OrderTransaction/901",
      occurredAt: new Date("2027-01-15T10:00:00Z"),
      actor: "system",
    });
    contract = await updateStage(database.prisma, SHOP, {
      contractId: contract.id,
      stageId: deposit.id,
      version: contractVersion,
      changes: { status: "paid", stageOrderId: depositOrder.id },
      actor: "system",
    });

    // The thank-you page of the deposit's order (a guest holding its confirmation number sees the same).
    const asked = [
      await ask(`gid://shopify/OrderIdentity/${orderNumber(depositOrder.id)}`),
      await ask(depositOrder.id, guestToken(), depositOrder.confirmationNumber),
    ];
    for (const answer of asked) {
      const onDeposit = ((await answer.json()) as ScheduleBody).contract;
      expect(onDeposit.paidOnOrder).toEqual({ positions: [1], amount: "360.00", tax: shares[0], discount: null });
      expect(onDeposit.remaining).toBe("840.00");
      expect(onDeposit.stages.map((stage) => stage.payUrl)).toEqual([null, null, null]);
    }
    // The main order took no payment of its own in stage-order mode.
    expect(((await (await ask(mainOrder.id)).json()) as ScheduleBody).contract.paidOnOrder).toBeNull();
  });
});
