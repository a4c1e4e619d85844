import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { listAudit } from "../../../app/models/audit-log.server";
import { getCustomerTerms } from "../../../app/models/customer-terms.server";
import { action as companyAction, loader as companyLoader } from "../../../app/routes/app.companies.$id";
import { loader as customerLoader } from "../../../app/routes/app.customers.$id";
import type { AdminClient } from "../../../app/shopify/admin-client.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { testBuyerMail } from "../../support/buyer-mail";
import { seedHistoryContract } from "../customers/customer-history-seed";
import { createTestDatabase } from "../test-database";

/** The company terms page (issue 14): a B2B company's and its locations' terms, score, exposure and limit. */

const database = await createTestDatabase();
afterAll(() => database.cleanup());

const SHOP = "company-route.myshopify.com";
const NOW = new Date("2027-03-10T12:00:00Z");
const ACME = "gid://shopify/Company/9001";
const DALLAS = "gid://shopify/CompanyLocation/9002";
const AUSTIN = "gid://shopify/CompanyLocation/9003";
const BUYER = "gid://shopify/Customer/7101";

/** Shopify as the page sees it: the company and its two locations, or unreachable; every other call fails. */
let shopifyUp = true;
const shopify = {
  request: async (operation: { name: string }, variables?: { id?: string }) => {
    if (!shopifyUp) throw new Error("Shopify is unreachable");
    if (operation.name === "Company" && variables?.id === ACME) {
      return {
        company: {
          id: ACME,
          name: "Acme Corp",
          locations: {
            nodes: [
              { id: DALLAS, name: "Dallas" },
              { id: AUSTIN, name: "Austin" },
            ],
          },
        },
      };
    }
    if (operation.name === "Company") return { company: null };
    throw new Error(`no ${operation.name} here`);
  },
} as unknown as AdminClient;

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:12",
    deps: {
      db: database.prisma,
      now: () => NOW,
      buyerMail: testBuyerMail(),
      adminFor: async () => shopify,
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

beforeAll(async () => {
  const db = database.prisma;
  // Dallas owes 400.00 USD, 100.00 of it overdue 10 days; Austin has no contract yet.
  const dallas = await seedHistoryContract(db, {
    shop: SHOP,
    customerId: BUYER,
    customerName: "Bea Buyer",
    createdAt: "2027-02-01T10:00:00Z",
    stages: [
      { amountMinor: 100_000n, dueDate: "2027-02-01", status: "paid", payments: [{ at: "2027-02-01T09:00:00Z", amountMinor: 100_000n }] },
      { amountMinor: 10_000n, dueDate: "2027-02-28", status: "overdue" },
      { amountMinor: 30_000n, dueDate: "2027-04-01", status: "scheduled" },
    ],
  });
  await db.contract.update({ where: { id: dallas.contractId }, data: { companyId: ACME, companyLocationId: DALLAS } });
  // The company's limit (USD 500.00) and a saved name for when Shopify is away.
  await db.customerTerms.create({
    data: { shop: SHOP, subjectKind: "company", subjectId: ACME, subjectName: "Acme (saved)", creditLimitMinor: 35_000n, creditLimitCurrency: "USD" },
  });
});

const load = async <T>(loader: typeof companyLoader | typeof customerLoader, path: string, id: string): Promise<T> =>
  (await (await loader({ request: new Request(`https://app.test${path}`), params: { id }, context: {} })).json()) as T;

interface SubjectData {
  terms: { netDays: number | null; depositPercent: string | null; creditLimit: { amount: string; currency: string } | null; mirrored: boolean };
  standing: { kind: string; band?: string; score?: number; worstDaysLate?: number };
  exposure: { currency: string; unpaid: string; overdue: string; contracts: number }[];
  creditLimit: { currency: string; limit: string; left: string; over: boolean } | null;
}
interface CompanyData {
  company: { id: string; name: string; fromShopify: boolean };
  termsCurrency: string;
  own: SubjectData;
  locations: (SubjectData & { id: string; name: string })[];
}

describe("a company's page", () => {
  it("shows the company's and each location's terms, score, exposure and limit, named as Shopify names them", async () => {
    const data = await load<CompanyData>(companyLoader, "/app/companies/9001", "9001");
    expect(data.company).toEqual({ id: "9001", name: "Acme Corp", fromShopify: true });
    expect(data.termsCurrency).toBe("USD");
    expect(data.own.exposure).toEqual([{ currency: "USD", unpaid: "400.00", overdue: "100.00", contracts: 1 }]);
    expect(data.own.creditLimit).toEqual({ currency: "USD", limit: "350.00", left: "50.00", over: true });
    expect(data.own.standing).toMatchObject({ kind: "scored", worstDaysLate: 10 });
    expect(data.locations.map((location) => [location.id, location.name])).toEqual([
      [DALLAS, "Dallas"],
      [AUSTIN, "Austin"],
    ]);
    const [dallas, austin] = data.locations;
    expect(dallas!.exposure).toEqual(data.own.exposure);
    expect(dallas!.creditLimit).toBeNull();
    expect(austin!.exposure).toEqual([]);
    expect(austin!.standing).toEqual({ kind: "noHistory", notYetDue: 0 });
  });

  it("still shows what the app knows when Shopify cannot be asked: the saved name, and the locations contracts name", async () => {
    shopifyUp = false;
    try {
      const data = await load<CompanyData>(companyLoader, "/app/companies/9001", "9001");
      expect(data.company).toEqual({ id: "9001", name: "Acme (saved)", fromShopify: false });
      expect(data.locations.map((location) => [location.id, location.name])).toEqual([[DALLAS, "Location 9002"]]);
    } finally {
      shopifyUp = true;
    }
  });

  it("is not found for a company without contracts here, or an id that is not one", async () => {
    for (const id of ["9999", "abc", "0"]) {
      const answer = await companyLoader({ request: new Request(`https://app.test/app/companies/${id}`), params: { id }, context: {} }).catch(
        (error: unknown) => error,
      );
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
    }
  });

  it("is linked from the page of a customer who buys for it", async () => {
    const data = await load<{ companies: { name: string; url: string }[] }>(customerLoader, "/app/customers/7101", "7101");
    expect(data.companies).toEqual([{ name: "Acme Corp", url: "/app/companies/9001" }]);
  });
});

describe("terms saved from a company's page", () => {
  const save = (fields: Record<string, string>) =>
    companyAction({
      request: new Request("https://app.test/app/companies/9001", { method: "POST", body: new URLSearchParams({ intent: "customerTerms", ...fields }) }),
      params: { id: "9001" },
      context: {},
    }) as Promise<Response>;
  const answerOf = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as { ok: boolean; message: string; fieldErrors: Record<string, string> }),
  });

  it("refuses what staff mistyped at its field, and saves nothing", async () => {
    const answer = await answerOf(await save({ subject: DALLAS, depositPercent: "120", netDays: "45" }));
    expect(answer).toMatchObject({ status: 400, ok: false, fieldErrors: { depositPercent: "Type a deposit above 0% and below 100%, like 25" } });
    const bad = await answerOf(await save({ subject: "company", creditLimit: "lots", creditLimitCurrency: "USD" }));
    expect(bad).toMatchObject({ status: 400, ok: false });
    expect(Object.keys(bad.fieldErrors)).toEqual(["creditLimit"]);
    expect(await getCustomerTerms(database.prisma, SHOP, { kind: "companyLocation", companyLocationId: DALLAS })).toBeNull();
    expect((await getCustomerTerms(database.prisma, SHOP, { kind: "company", companyId: ACME }))?.fields.creditLimit).toEqual({
      minor: 35_000n,
      currency: "USD",
    });
  });

  it("refuses a subject that is not the company or one of its locations", async () => {
    const answer = await answerOf(await save({ subject: "gid://shopify/CompanyLocation/1", netDays: "45" }));
    expect(answer).toMatchObject({ status: 400, ok: false, fieldErrors: { subject: "Not this company or one of its locations" } });
  });

  it("saves a location's terms and the company's (audited), kept when Shopify does not take them, and shows them", async () => {
    const location = await answerOf(await save({ subject: AUSTIN, subjectName: "Acme Corp (Austin)", depositPercent: "40", netDays: "60" }));
    expect(location).toMatchObject({ status: 200, ok: true, message: expect.stringMatching(/^Terms saved, but not in Shopify yet/) });
    const company = await answerOf(await save({ subject: "company", subjectName: "Acme Corp", creditLimit: "1,000.00", creditLimitCurrency: "USD" }));
    expect(company).toMatchObject({ status: 200, ok: true });

    const data = await load<CompanyData>(companyLoader, "/app/companies/9001", "9001");
    expect(data.own.terms).toMatchObject({ creditLimit: { amount: "1000.00", currency: "USD" }, netDays: null, mirrored: false });
    expect(data.own.creditLimit).toEqual({ currency: "USD", limit: "1000.00", left: "600.00", over: false });
    expect(data.locations.find((row) => row.id === AUSTIN)!.terms).toMatchObject({ depositPercent: "40", netDays: 60, creditLimit: null });
    expect(data.locations.find((row) => row.id === DALLAS)!.terms).toMatchObject({ depositPercent: null, netDays: null });

    const audit = await listAudit(database.prisma, SHOP);
    const saved = audit.filter((entry) => entry.action === "customerTerms.saved").map((entry) => entry.details as { subject: unknown });
    expect(saved.map((entry) => entry.subject)).toEqual(
      expect.arrayContaining([
        { kind: "companyLocation", companyLocationId: AUSTIN },
        { kind: "company", companyId: ACME },
      ]),
    );
  });
});
