import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { loader as pageLoader } from "../../../app/routes/app.exports";
import { loader as downloadLoader } from "../../../app/routes/app.exports.$format";
import { EXPORT_FORMATS } from "../../../app/services/accounting-export/export-formats";
import type { StaffContext } from "../../../app/staff-context.server";
import { seedBooksShop } from "../books/books-seed";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "exports.myshopify.com";
const NOW = new Date("2027-04-15T10:00:00Z");

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    // The exports only read the database: no Shopify call.
    deps: {
      db,
      now: () => NOW,
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

beforeAll(async () => {
  await db.shopProfile.create({ data: { shop: SHOP, locale: "en-US", timeZone: "America/New_York", refreshedAt: NOW } });
  await seedBooksShop(db, SHOP);
});

const download = (format: string, query: string) =>
  downloadLoader({ request: new Request(`https://app.test/app/exports/${format}?${query}`), params: { format }, context: {} }) as Promise<Response>;

describe("/app/exports/<format>", () => {
  it.each(EXPORT_FORMATS)("%s downloads as a CSV file named for its range", async (format) => {
    const response = await download(format, "from=2027-02-01&to=2027-02-28&currency=USD");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${format}-2027-02-01-to-2027-02-28-USD.csv"`);
    const rows = parse(await response.text(), { bom: true }) as string[][];
    expect(rows.length).toBeGreaterThan(1);
  });

  it("the Xero files carry the shop's own no-tax rate", async () => {
    const rows = parse(await (await download("xero-journals", "from=2027-02-01&to=2027-02-28&currency=USD&xeroNoTaxRate=No%20VAT")).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(new Set(rows.map((row) => row.TaxRate))).toEqual(new Set(["No VAT"]));
  });

  it("refuses every currency in a file with no currency column when the range has several, in words", async () => {
    const response = await download("quickbooks-journal", "from=2027-02-01&to=2027-02-28");
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      "QuickBooks Online: journal entries has no currency column, and this range has entries in JPY and USD: " +
        "choose one currency (the one your books are kept in) and export each currency on its own.",
    );
  });

  it("refuses a range that ends before it starts, in words", async () => {
    const response = await download("journal", "from=2027-03-01&to=2027-02-01");
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("The last date must not be before the first");
  });

  it("refuses a date that is not a date, and an unknown format", async () => {
    expect(await (await download("journal", "from=2027-02-30&to=2027-03-01")).text()).toBe("The first date must be a real date in the form YYYY-MM-DD");
    const unknown = await download("sage", "from=2027-02-01&to=2027-03-01");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe("Choose one of the export formats on the page");
  });
});

describe("/app/exports", () => {
  it("offers last month in the shop's zone and the currencies of its contracts", async () => {
    const response = (await pageLoader({ request: new Request("https://app.test/app/exports"), params: {}, context: {} })) as Response;
    expect(await response.json()).toEqual({ from: "2027-03-01", to: "2027-03-31", currencies: ["JPY", "USD"] });
  });
});
