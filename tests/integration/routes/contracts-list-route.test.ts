import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { StaffContext } from "../../../app/staff-context.server";
import { loader as dashboardLoader } from "../../../app/routes/app._index";
import { loader as listLoader } from "../../../app/routes/app.contracts._index";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "../models/bulk-portfolio-seed";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
afterAll(() => database.cleanup());
// 153 bulk contracts: 51 for each shop. This one is in UTC, where BULK_NOW is Wednesday 31 March 2027.
const SHOP = BULK_SHOPS[0].shop;
beforeAll(() => seedBulkPortfolio(database.prisma, 153));

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    // The list and the dashboard only read the database at an instant; nothing else of the deps is reached.
    deps: {
      db: database.prisma,
      now: () => BULK_NOW,
      buyerMail: testBuyerMail(),
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

interface ListData {
  rows: { id: string; status: string; currency: string }[];
  countLabel: string;
  shown: string;
  page: number;
  pageCount: number;
  previousUrl: string | null;
  nextUrl: string | null;
  totals: { currency: string; contracts: string; total: string; paid: string }[];
  cancelledLeftOut: string | null;
}

const list = async (query: string) =>
  (await (await listLoader({ request: new Request(`https://app.test/app/contracts${query}`), params: {}, context: {} })).json()) as ListData;

describe("the contracts list page", () => {
  it("pages through every contract, 50 at a time, with links that keep the filters", async () => {
    const first = await list("");
    expect(first).toMatchObject({ countLabel: "51 contracts", shown: "1–50", page: 1, pageCount: 2, previousUrl: null, nextUrl: "/app/contracts?page=2" });
    expect(first.rows).toHaveLength(50);
    const second = await list("?page=2");
    expect(second).toMatchObject({ shown: "51–51", page: 2, previousUrl: "/app/contracts", nextUrl: null });
    expect(new Set([...first.rows, ...second.rows].map((row) => row.id)).size).toBe(51);
    // A page past the end shows the last one; a page that is not a number, the first.
    expect((await list("?page=99")).page).toBe(2);
    expect((await list("?page=x")).page).toBe(1);

    const filtered = await list("?status=completed&customer=buyer&page=1");
    expect(filtered.rows.every((row) => row.status === "completed")).toBe(true);
    expect(filtered).toMatchObject({ page: 1, pageCount: 1, previousUrl: null, nextUrl: null });
  });

  it("says how many contracts match, in the singular for one", async () => {
    expect((await list("?customer=unique%20buyer")).countLabel).toBe("0 contracts");
    const contract = await database.prisma.contract.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    await database.prisma.contract.update({ where: { id: contract.id }, data: { customerName: "Unique Buyer Ltd" } });
    expect((await list("?customer=unique%20buyer")).countLabel).toBe("1 contract");
  });

  it("totals each currency over every matching contract but the cancelled ones", async () => {
    const everything = await list("");
    const cancelled = await database.prisma.contract.count({ where: { shop: SHOP, status: "cancelled" } });
    expect(cancelled).toBeGreaterThan(0);
    expect(everything.cancelledLeftOut).toBe(`${cancelled} contracts cancelled, not in the totals`);
    expect(everything.totals.map((line) => line.currency).sort()).toEqual(["EUR", "JPY", "KWD", "USD"]);
    // Formatted in each currency's own exponent.
    expect(everything.totals.find((line) => line.currency === "JPY")?.total).toMatch(/^\d+$/);
    expect(everything.totals.find((line) => line.currency === "KWD")?.total).toMatch(/^\d+\.\d{3}$/);
    const contractsInTotals = everything.totals.reduce((sum, line) => sum + Number(line.contracts.split(" ")[0]), 0);
    expect(contractsInTotals + cancelled).toBe(51);

    const onlyCancelled = await list("?status=cancelled");
    expect(onlyCancelled.totals).toEqual([]);
    expect(onlyCancelled.countLabel).toBe(`${cancelled} contracts`);
  });
});

describe("the dashboard page", () => {
  it("shows every contract by status and each currency's figures, formatted in its exponent", async () => {
    const data = (await (await dashboardLoader({ request: new Request("https://app.test/app"), params: {}, context: {} })).json()) as {
      today: string;
      contractCount: number;
      byStatus: Record<string, number>;
      money: { currency: string; overdue: string; dueThisWeek: string; anyOverdue: boolean }[];
    };
    expect(data.today).toBe("2027-03-31");
    expect(data.contractCount).toBe(51);
    expect(Object.values(data.byStatus).reduce((sum, count) => sum + count, 0)).toBe(51);
    expect(data.money.map((line) => line.currency).sort()).toEqual(["EUR", "JPY", "KWD", "USD"]);
    expect(data.money.find((line) => line.currency === "KWD")?.overdue).toMatch(/^\d+\.\d{3}$/);
    expect(data.money.every((line) => line.anyOverdue)).toBe(true);
  });
});
