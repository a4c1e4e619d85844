import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { calendarDateAt, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { buildStatement } from "../../../app/domain/documents/statement";
import { formatMoney } from "../../../app/locale/format";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { contractBalance, ledgerTotals } from "../../../app/models/ledger.server";
import { getShopBranding, saveShopBranding } from "../../../app/models/shop-branding.server";
import { PortalPage } from "../../../app/portal/PortalPage";
import { signBuyerLink, statementPdfUrl, verifyBuyerLink } from "../../../app/services/buyer/signed-links.server";
import { statementEventsFor } from "../../../app/services/buyer-documents/statement-events.server";
import type { PortalView } from "../../../app/services/buyer-portal/portal-view";
import { TEST_APP_URL, TEST_LINK_SECRET } from "../../support/buyer-mail";
import { PIXEL_PNG } from "../../support/buyer-document-fixtures";
import { readPdf } from "../../support/pdf-text";
import { invoiceStage, recordMoney, seedBuyerContract, setStageStatus } from "../services/buyer-contract-fixture";
import { createTestDatabase } from "../test-database";

// The routes read the app's URL and the link secret from the environment when they run.
vi.hoisted(() => {
  process.env.SHOPIFY_APP_URL = "https://tranche.test";
  process.env.BUYER_LINK_SECRET = "test-link-secret";
  delete process.env.TRANCHE_LOCAL_MODE;
});

const database = await createTestDatabase();
const db = database.prisma;
// Read when the route runs, not when the mock is made (mocks are hoisted above `database`).
vi.mock("../../../app/db.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  get default() {
    return database.prisma;
  },
}));

const portalRoute = await import("../../../app/routes/portal.$token");
const invoiceRoute = await import("../../../app/routes/portal.$token.invoices.$position[.]pdf");
const statementRoute = await import("../../../app/routes/portal.$token.statement[.]pdf");
const logoRoute = await import("../../../app/routes/brand.$shop.logo");

const SHOP = "portal-route.myshopify.com";
const BARE_SHOP = "portal-bare.myshopify.com";
const ADA = "gid://shopify/Customer/41";
const BOB = "gid://shopify/Customer/42";
const HOSTILE_SELLER = `Oak & <Iron> "Furniture"`;
const HOSTILE_TITLE = `<script>alert("stage")</script>`;

/** Ada's euro contract (deposit paid, payment 2 invoiced with 100.00 paid offline), then her dollar one; Bob's; a guest's. */
let euro: StoredContract;
let dollars: StoredContract;
let bobs: StoredContract;
let guests: StoredContract;

const tokenFor = (contract: StoredContract) =>
  signBuyerLink({ shop: contract.shop, contractId: contract.id, customerId: contract.customerId }, TEST_LINK_SECRET);
const today = () => calendarDateAt(new Date(), "Europe/Berlin");

beforeAll(async () => {
  await saveShopBranding(
    db,
    SHOP,
    { sellerName: HOSTILE_SELLER, sellerEmail: "", sellerAddress: "", primaryColor: "#0a5c36", accentColor: "#f2b705", footer: "Mill Lane 12 · Austin" },
    PIXEL_PNG,
    "system",
  );
  euro = await seedBuyerContract(db, { shop: SHOP, quoteName: "#D101", customerId: ADA });
  await invoiceStage(db, SHOP, euro.id, 1);
  await recordMoney(db, SHOP, euro.id, { position: 1, kind: "payment", amountMinor: 360_00n, at: "2026-10-01T09:00:00Z" });
  await setStageStatus(db, SHOP, euro.id, 1, "paid");
  await invoiceStage(db, SHOP, euro.id, 2, { issueDate: "2026-10-20" as CalendarDate, dueDate: "2026-11-19" as CalendarDate });
  await recordMoney(db, SHOP, euro.id, { position: 2, kind: "manualPayment", amountMinor: 100_00n, at: "2026-10-25T12:00:00Z", reference: "WT-778" });
  // Stage titles come from the merchant's plan: the page must show them as text.
  await db.stage.update({ where: { id: euro.stages[2]!.id }, data: { title: HOSTILE_TITLE } });
  euro = (await getContract(db, SHOP, euro.id))!;
  dollars = await seedBuyerContract(db, { shop: SHOP, quoteName: "#D102", customerId: ADA, currency: "USD", total: "500.00", orderDate: "2026-11-01" });
  dollars = await invoiceStage(db, SHOP, dollars.id, 1);
  bobs = await seedBuyerContract(db, { shop: SHOP, quoteName: "#D103", customerId: BOB });
  guests = await seedBuyerContract(db, { shop: SHOP, quoteName: "#D104" });
  guests = await invoiceStage(db, SHOP, guests.id, 1);
  await seedBuyerContract(db, { shop: BARE_SHOP, quoteName: "#D1" });
});
afterAll(() => database.cleanup());

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function get(loader: Loader, path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await loader({ request: new Request(`${TEST_APP_URL}${path}`, { headers }), params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const page = (token: string, query = "", headers: Record<string, string> = {}) =>
  get(portalRoute.loader as Loader, `/portal/${token}${query}`, { token }, headers);
const invoicePdf = (token: string, position: string) => get(invoiceRoute.loader as Loader, `/portal/${token}/invoices/${position}.pdf`, { token, position });
const statementPdf = (token: string, query: string) => get(statementRoute.loader as Loader, `/portal/${token}/statement.pdf${query}`, { token });

function expectPortalHeaders(response: Response): void {
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
  expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
}

/** A token whose signature no longer matches: one character of its body changed. */
function altered(token: string): string {
  const flipped = token[3] === "A" ? "B" : "A";
  return `${token.slice(0, 3)}${flipped}${token.slice(4)}`;
}

describe("GET /portal/<token>", () => {
  it("lists every contract of the link's customer, newest first, with amounts equal to the ledger", async () => {
    const response = await page(tokenFor(euro));
    expect(response.status).toBe(200);
    expectPortalHeaders(response);
    const view = (await response.json()) as PortalView;
    expect(view.contracts.map((contract) => contract.id)).toEqual([dollars.id, euro.id]);

    const shown = view.contracts.find((contract) => contract.id === euro.id)!;
    const ledger = await ledgerTotals(db, SHOP, { contractId: euro.id });
    const balance = (await contractBalance(db, SHOP, euro.id))!;
    const money = (minor: bigint) => formatMoney(minor, "EUR", "en");
    expect(shown).toMatchObject({
      quoteName: "#D101",
      status: "pending",
      total: money(1200_00n),
      paid: money(ledger.netMinor),
      outstanding: money(balance.outstandingMinor),
    });
    // Still to pay: what payment 2 lacks, and payment 3, not invoiced yet.
    expect(balance.outstandingMinor).toBe(600_00n - 100_00n + 240_00n);
    expect(shown.stages.map((stage) => [stage.position, stage.amount, stage.state])).toEqual([
      [1, money(360_00n), "paid"],
      [2, money(600_00n), "partlyPaid"],
      [3, money(240_00n), "scheduled"],
    ]);
    expect(shown.stages[1]).toMatchObject({ dueDate: "November 19, 2026", payUrl: `https://pay.test/${euro.id}/2` });
    expect(shown.stages[1]!.taxLines).toEqual([{ title: "VAT 19%", amount: expect.stringMatching(/^€/) }]);
    expect(shown.stages[2]).toMatchObject({ dueDate: null, waitsFor: expect.any(String), invoice: null, payUrl: null });

    // Each contract's invoice links carry that contract's own token: no link opens another contract's invoices.
    for (const contract of view.contracts) {
      for (const stage of contract.stages.filter((candidate) => candidate.invoice !== null)) {
        const url = new URL(stage.invoice!.url);
        expect(url.origin).toBe(TEST_APP_URL);
        expect(verifyBuyerLink(decodeURIComponent(url.pathname.split("/")[2]!), TEST_LINK_SECRET).contractId).toBe(contract.id);
      }
    }
    expect(view.seller).toEqual({
      name: HOSTILE_SELLER,
      primaryColor: "#0a5c36",
      logoUrl: `${TEST_APP_URL}/brand/${SHOP}/logo?v=${(await getShopBranding(db, SHOP)).logo!.version}`,
      footer: "Mill Lane 12 · Austin",
    });
  });

  it("shows another customer's contracts to no one else, and a guest's link only its own contract", async () => {
    const bobsView = (await (await page(tokenFor(bobs))).json()) as PortalView;
    expect(bobsView.contracts.map((contract) => contract.id)).toEqual([bobs.id]);
    const guestsView = (await (await page(tokenFor(guests))).json()) as PortalView;
    expect(guestsView.contracts.map((contract) => contract.id)).toEqual([guests.id]);
    // Signed by us, but naming Bob's contract for Ada: the contract is not hers.
    const crossed = signBuyerLink({ shop: SHOP, contractId: bobs.id, customerId: ADA }, TEST_LINK_SECRET);
    expect((await page(crossed)).status).toBe(404);
  });

  it("answers an altered, foreign or unreadable link with the not-found page, in the visitor's language", async () => {
    for (const token of [
      altered(tokenFor(euro)),
      signBuyerLink({ shop: SHOP, contractId: euro.id, customerId: ADA }, "another-secret"),
      "not-a-token",
      signBuyerLink({ shop: SHOP, contractId: "gone", customerId: null }, TEST_LINK_SECRET),
    ]) {
      const response = await page(token, "", { "Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5" });
      expect(response.status).toBe(404);
      expectPortalHeaders(response);
      expect(await response.json()).toEqual({ locale: "fr-CH" });
    }
  });

  it("speaks the contract's language, else the browser's", async () => {
    const german = (await (await page(tokenFor(guests), "", { "Accept-Language": "de-DE,de;q=0.9,en;q=0.8" })).json()) as PortalView;
    expect(german.locale).toBe("de-DE");
    expect(german.contracts[0]!.total).toBe(formatMoney(1200_00n, "EUR", "de-DE"));
    expect(german.contracts[0]!.total).toMatch(/^1\.200,00\s€$/);
    await db.contract.update({ where: { id: guests.id }, data: { buyerLocale: "fr-FR" } });
    const french = (await (await page(tokenFor(guests), "", { "Accept-Language": "de-DE" })).json()) as PortalView;
    expect(french.locale).toBe("fr-FR");
    await db.contract.update({ where: { id: guests.id }, data: { buyerLocale: null } });
  });

  it("shows the statement asked for, equal to the one built from the ledger, with its PDF link", async () => {
    const token = tokenFor(euro);
    const response = await page(token, "?from=2026-10-21&to=2026-11-30&currency=EUR");
    const view = (await response.json()) as PortalView;
    const period = { from: "2026-10-21" as CalendarDate, to: "2026-11-30" as CalendarDate };
    const events = await statementEventsFor(db, SHOP, [euro.id, dollars.id]);
    const expected = buildStatement(
      "EUR",
      events.filter((event) => event.currency === "EUR"),
      period,
    );
    const money = (minor: bigint) => formatMoney(minor, "EUR", "en");
    expect(view.statement.currencies).toEqual(["EUR", "USD"]);
    expect(view.statement.issues).toEqual([]);
    expect(view.statement.shown).toMatchObject({
      currency: "EUR",
      from: "October 21, 2026",
      to: "November 30, 2026",
      opening: money(expected.openingMinor),
      closing: money(expected.closingMinor),
      inCredit: false,
      pdfUrl: statementPdfUrl(TEST_APP_URL, token, { from: "2026-10-21", to: "2026-11-30", currency: "EUR" }),
    });
    // Payment 2 was invoiced before the period; 100.00 came in during it.
    expect([expected.openingMinor, expected.closingMinor]).toEqual([600_00n, 500_00n]);
    expect(view.statement.shown!.lines).toEqual([
      {
        date: "October 25, 2026",
        reference: "WT-778",
        description: expect.stringContaining("Payment 2 of 3"),
        debit: null,
        credit: money(100_00n),
        balance: money(500_00n),
      },
    ]);
  });

  it("by default shows the linked contract's currency from the earliest contract's start to today", async () => {
    const view = (await (await page(tokenFor(dollars))).json()) as PortalView;
    expect(view.statement.form).toEqual({ from: "2026-10-01", to: today(), currency: "USD" });
    expect(view.statement.shown?.closing).toBe(formatMoney(150_00n, "USD", "en"));
  });

  it("answers a statement request that is not valid with the page and each field's problem (400)", async () => {
    const response = await page(tokenFor(euro), "?from=2026-02-30&to=2026-01-01&currency=GBP");
    expect(response.status).toBe(400);
    const view = (await response.json()) as PortalView;
    expect(view.statement.issues).toEqual([
      { field: "from", problem: "notADate" },
      { field: "currency", problem: "notABuyerCurrency" },
    ]);
    expect(view.statement.form).toEqual({ from: "2026-02-30", to: "2026-01-01", currency: "GBP" });
    expect(view.statement.shown).toBeNull();
  });

  it("renders the page with every merchant text escaped, in the buyer's language", async () => {
    const view = (await (await page(tokenFor(euro))).json()) as PortalView;
    const html = renderToString(createElement(PortalPage, { view }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<Iron>");
    expect(html).toContain("&lt;script&gt;alert(&quot;stage&quot;)&lt;/script&gt;");
    expect(html).toContain("Oak &amp; &lt;Iron&gt; &quot;Furniture&quot;");
    expect(html).toContain('lang="en"');
    expect(html).toContain("--brand:#0a5c36");
    expect(html).toContain(`href="https://pay.test/${euro.id}/2"`);
    expect(html).toContain("Download PDF");
  });
});

describe("GET /portal/<token>/invoices/<position>.pdf", () => {
  it("serves the stage's invoice: its number and amounts, inline, named by its number", async () => {
    const response = await invoicePdf(tokenFor(euro), "2");
    expect(response.status).toBe(200);
    expectPortalHeaders(response);
    const invoiceNumber = euro.stages[1]!.invoiceNumber!;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`inline; filename="${invoiceNumber}.pdf"`);
    const text = (await readPdf(new Uint8Array(await response.arrayBuffer()))).pages.join(" ");
    expect(text).toContain(`Invoice ${invoiceNumber}`);
    expect(text).toContain("Issue date October 20, 2026");
    expect(text).toContain("€600.00");
    expect(text).toContain("€100.00");
  });

  it("answers 404 for a stage not invoiced, a position the contract lacks, and an altered link", async () => {
    const token = tokenFor(euro);
    for (const response of [await invoicePdf(token, "3"), await invoicePdf(token, "9"), await invoicePdf(token, "0"), await invoicePdf(altered(token), "1")]) {
      expect(response.status).toBe(404);
      expectPortalHeaders(response);
      expect(await response.text()).toMatch(/^The link is incomplete/);
    }
  });

  it("opens only the token's own contract: the customer's link does not open her other contract's invoice", async () => {
    // Ada's dollar contract has invoice 1; her euro link asks for position 1 of the euro contract, never the dollar one.
    const fromEuroLink = await invoicePdf(tokenFor(euro), "1");
    const text = (await readPdf(new Uint8Array(await fromEuroLink.arrayBuffer()))).pages.join(" ");
    expect(text).toContain("#D101");
    expect(text).not.toContain("#D102");
  });
});

describe("GET /portal/<token>/statement.pdf", () => {
  it("opens and closes at the balances the ledger gives", async () => {
    const response = await statementPdf(tokenFor(euro), "?from=2026-10-21&to=2026-11-30&currency=EUR");
    expect(response.status).toBe(200);
    expectPortalHeaders(response);
    expect(response.headers.get("Content-Disposition")).toBe('inline; filename="statement-EUR-2026-10-21-2026-11-30.pdf"');
    const text = (await readPdf(new Uint8Array(await response.arrayBuffer()))).pages.join(" ");
    // Invoiced before the period: the deposit and payment 2; paid before it: the deposit. Paid in it: 100.00.
    const received = (await ledgerTotals(db, SHOP, { contractId: euro.id })).receivedMinor;
    expect(received).toBe(460_00n);
    expect(text).toContain(`Opening balance ${formatMoney(360_00n + 600_00n - 360_00n, "EUR", "en")}`);
    expect(text).toContain(`Closing balance ${formatMoney(360_00n + 600_00n - received, "EUR", "en")}`);
  });

  it.each([
    ["?from=2026-13-01&to=2026-11-30&currency=EUR", 'from="2026-13-01": Enter a date as YYYY-MM-DD.'],
    ["?from=2026-11-30&to=2026-10-01&currency=EUR", 'to="2026-10-01": The end of the period is before its start.'],
    ["?from=2020-01-01&to=2026-11-30&currency=EUR", 'to="2026-11-30": Choose a period of at most five years.'],
    ["?from=2026-10-01&to=2026-11-30&currency=GBP", 'currency="GBP": Choose one of your currencies.'],
  ])("answers %s with 400 naming the field", async (query, message) => {
    const response = await statementPdf(tokenFor(euro), query);
    expect(response.status).toBe(400);
    expectPortalHeaders(response);
    expect(await response.text()).toBe(message);
  });

  it("answers an altered link with 404", async () => {
    expect((await statementPdf(altered(tokenFor(euro)), "")).status).toBe(404);
  });
});

describe("GET /brand/<shop>/logo", () => {
  const logo = (shop: string, query = "") => get(logoRoute.loader as Loader, `/brand/${shop}/logo${query}`, { shop });

  it("serves the shop's logo, cached for a year under its version", async () => {
    const { version } = (await getShopBranding(db, SHOP)).logo!;
    const response = await logo(SHOP, `?v=${version}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PIXEL_PNG);
    expect((await logo(SHOP, "?v=old")).headers.get("Cache-Control")).toBe("public, max-age=3600");
  });

  it("answers 404 for a shop without a logo and for a name that is no shop", async () => {
    expect((await logo(BARE_SHOP)).status).toBe(404);
    expect((await logo("not a shop")).status).toBe(404);
  });
});
