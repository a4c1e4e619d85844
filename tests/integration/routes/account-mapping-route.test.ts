import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { readAccountMappings } from "../../../app/models/account-mapping.server";
import { action, loader } from "../../../app/routes/app.settings_.accounts";
import type { StaffContext } from "../../../app/staff-context.server";
import { seedBooksShop } from "../books/books-seed";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "mapping.myshopify.com";

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:7",
    deps: { db, now: () => new Date("2027-04-01T10:00:00Z") } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

beforeAll(() => seedBooksShop(db, SHOP));

const load = async () =>
  (await (loader({ request: new Request("https://app.test/app/settings/accounts"), params: {}, context: {} }) as Promise<Response>)).json();
const post = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return action({ request: new Request("https://app.test/app/settings/accounts", { method: "POST", body }), params: {}, context: {} }) as Promise<Response>;
};

/** The form as the page posts it, with every account at its default. */
const DEFAULT_FORM: Record<string, string> = {
  "code.cashClearing": "1210",
  "name.cashClearing": "Shopify clearing",
  "code.accountsReceivable": "1200",
  "name.accountsReceivable": "Accounts receivable",
  "code.contractLiability": "2400",
  "name.contractLiability": "Customer deposits (deferred revenue)",
  "code.revenue": "4000",
  "name.revenue": "Sales",
  "code.salesReturns": "4010",
  "name.salesReturns": "Refunds",
  "code.salesDiscounts": "4020",
  "name.salesDiscounts": "Early-payment discounts",
  "code.lateFeeIncome": "4900",
  "name.lateFeeIncome": "Late fees and interest",
  "code.taxPayable": "2200",
  "name.taxPayable": "Sales tax payable",
  "code.customerCredit": "2410",
  "name.customerCredit": "Customer credit",
  "taxTitle.0": "City tax",
  "taxCode.0": "",
  "taxName.0": "",
};

describe("/app/settings/accounts", () => {
  it("shows the defaults and the tax titles of the shop's stages", async () => {
    const page = await load();
    expect(page.accounts[3]).toEqual({ account: "revenue", code: "4000", name: "Sales" });
    expect(page.taxAccounts.map((tax: { title: string }) => tax.title)).toEqual(["City tax", "Consumption tax 10%", "State tax"]);
  });

  it("saves the merchant's accounts, with an account of its own for one tax title, audited", async () => {
    const response = await post({
      ...DEFAULT_FORM,
      "code.revenue": " 400 ",
      "name.revenue": "Sales - equipment",
      "taxCode.0": "2210",
      "taxName.0": "City tax payable",
    });
    expect(response.status).toBe(200);
    const rows = await readAccountMappings(db, SHOP);
    expect(rows.find((row) => row.account === "revenue")).toEqual({ account: "revenue", taxTitle: "", code: "400", name: "Sales - equipment" });
    expect(rows.find((row) => row.taxTitle === "City tax")).toEqual({ account: "taxPayable", taxTitle: "City tax", code: "2210", name: "City tax payable" });
    const page = await load();
    expect(page.taxAccounts[0]).toEqual({ title: "City tax", code: "2210", name: "City tax payable" });
    expect(await db.auditLog.count({ where: { shop: SHOP, action: "accountMapping.saved", actor: "staff:7" } })).toBe(1);
  });

  it("refuses an empty code, a formula-like code and a tax account with a code but no name, in words, and saves nothing", async () => {
    const before = await readAccountMappings(db, SHOP);
    const response = await post({ ...DEFAULT_FORM, "code.revenue": "", "code.salesReturns": "=SUM(A1)", "taxCode.0": "2210" });
    expect(response.status).toBe(422);
    expect((await response.json()).fieldErrors).toEqual({
      "code.revenue": "Type the account code for revenue",
      "code.salesReturns": "The account code for sales returns must not start with a space, =, +, - or @",
      "taxName.0": "Type the account name for City tax",
    });
    expect(await readAccountMappings(db, SHOP)).toEqual(before);
  });
});
