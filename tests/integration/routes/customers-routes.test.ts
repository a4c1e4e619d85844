import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { StaffContext } from "../../../app/staff-context.server";
import { action as customerAction, loader as customerLoader } from "../../../app/routes/app.customers.$id";
import { loader as customersLoader } from "../../../app/routes/app.customers._index";
import { seedHistoryContract } from "../customers/customer-history-seed";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
afterAll(() => database.cleanup());

const SHOP = "customers-route.myshopify.com";
// Wednesday 10 March 2027, 12:00 UTC: the shop's day in UTC (its profile cannot be read: no Shopify here).
const NOW = new Date("2027-03-10T12:00:00Z");

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    deps: {
      db: database.prisma,
      now: () => NOW,
      buyerMail: testBuyerMail(),
      adminFor: () => {
        throw new Error("no Shopify call is expected here");
      },
    } as Partial<StaffContext["deps"]> as StaffContext["deps"],
    localMode: true,
    cors: (response) => response,
  }),
}));

const RELIABLE = "gid://shopify/Customer/7001";
const LATE = "gid://shopify/Customer/7002";

beforeAll(async () => {
  const db = database.prisma;
  await seedHistoryContract(db, {
    shop: SHOP,
    customerId: RELIABLE,
    customerName: "Ada Reliable",
    customerEmail: "ada@example.com",
    createdAt: "2027-01-02T10:00:00Z",
    stages: [
      { amountMinor: 30_000n, dueDate: "2027-01-05", status: "paid", payments: [{ at: "2027-01-05T09:00:00Z", amountMinor: 30_000n }] },
      { amountMinor: 70_000n, dueDate: "2027-04-05", status: "scheduled" },
    ],
  });
  // 40 days overdue on a 500.000 KWD stage, plus 24 stages paid on time: 26 history rows in two pages.
  await seedHistoryContract(db, {
    shop: SHOP,
    customerId: LATE,
    customerName: "Lars Late",
    currency: "KWD",
    createdAt: "2027-01-03T10:00:00Z",
    stages: [
      { amountMinor: 500_000n, dueDate: "2027-01-29", status: "overdue" },
      ...Array.from({ length: 24 }, (_, index) => {
        const due = new Date(Date.UTC(2026, 0, 1 + index * 7)).toISOString().slice(0, 10);
        return { amountMinor: 1_000n, dueDate: due, status: "paid", payments: [{ at: `${due}T08:00:00Z`, amountMinor: 1_000n }] };
      }),
      { amountMinor: 2_000n, dueDate: "2027-05-01", status: "scheduled" },
    ],
  });
  // Terms as the terms card saves them: a limit in KWD below what Lars owes, and one in another currency for Ada.
  await db.customerTerms.create({ data: { shop: SHOP, subjectKind: "customer", subjectId: LATE, creditLimitMinor: 400_000n, creditLimitCurrency: "KWD" } });
  await db.customerTerms.create({ data: { shop: SHOP, subjectKind: "customer", subjectId: RELIABLE, creditLimitMinor: 100_000n, creditLimitCurrency: "EUR" } });
});

const load = async <T>(loader: typeof customersLoader | typeof customerLoader, path: string, params: Record<string, string> = {}): Promise<T> =>
  (await (await loader({ request: new Request(`https://app.test${path}`), params, context: {} })).json()) as T;

interface ListData {
  count: number;
  rows: {
    id: string;
    name: string;
    contracts: number;
    exposure: { currency: string; unpaid: string; overdue: string | null }[];
    standing: { kind: string; band?: string; score?: number };
  }[];
}

describe("the customers page", () => {
  it("lists customers with what they owe, what is overdue and their score", async () => {
    const data = await load<ListData>(customersLoader, "/app/customers");
    expect(data.count).toBe(2);
    expect(data.rows).toEqual([
      {
        id: "7001",
        name: "Ada Reliable",
        email: "ada@example.com",
        contracts: 1,
        exposure: [{ currency: "USD", unpaid: "700.00", overdue: null }],
        standing: expect.objectContaining({ kind: "scored", score: 100, band: "reliable" }),
      },
      {
        id: "7002",
        name: "Lars Late",
        email: null,
        contracts: 1,
        exposure: [{ currency: "KWD", unpaid: "502.000", overdue: "500.000" }],
        standing: expect.objectContaining({ kind: "scored", band: "risky", overdueNow: [{ currency: "KWD", amount: "500.000" }] }),
      },
    ]);
  });

  it("searches and sorts from its URL, and ignores parameters it does not know", async () => {
    expect((await load<ListData>(customersLoader, "/app/customers?search=lars")).rows.map((row) => row.id)).toEqual(["7002"]);
    expect((await load<ListData>(customersLoader, "/app/customers?sort=overdue+desc")).rows.map((row) => row.id)).toEqual(["7002", "7001"]);
    expect((await load<ListData>(customersLoader, "/app/customers?sort=nonsense&page=x")).rows.map((row) => row.id)).toEqual(["7001", "7002"]);
  });
});

interface CustomerData {
  customer: { id: string; name: string; email: string | null };
  creditLimit: { currency: string; limit: string; left: string; over: boolean } | null;
  terms: { netDays: number | null; paymentDays: number[] | null; creditLimit: { amount: string; currency: string } | null; mirrored: boolean };
  standing: { kind: string; band: string; worstDaysLate: number; onTimePercent: number };
  exposure: { currency: string; unpaid: string; overdue: string; contracts: number }[];
  contracts: { id: string; name: string; total: string; outstanding: string }[];
  history: { rows: { dueDate: string; outcome: string; days: number; amount: string }[]; latestUrl: string | null; olderUrl: string | null };
}

describe("a customer's page", () => {
  it("shows their contracts, exposure, score with its parts and the first page of their history", async () => {
    const data = await load<CustomerData>(customerLoader, "/app/customers/7002", { id: "7002" });
    expect(data.customer).toEqual({ id: "7002", name: "Lars Late", email: null });
    expect(data.standing).toMatchObject({ kind: "scored", band: "risky", worstDaysLate: 40, onTimePercent: 96 });
    expect(data.exposure).toEqual([{ currency: "KWD", unpaid: "502.000", overdue: "500.000", contracts: 1 }]);
    expect(data.creditLimit).toEqual({ currency: "KWD", limit: "400.000", left: "102.000", over: true });
    expect(data.contracts).toEqual([expect.objectContaining({ total: "526.000", outstanding: "502.000" })]);
    expect(data.history.rows).toHaveLength(25);
    expect(data.history.rows.slice(0, 2)).toEqual([
      {
        stageId: expect.any(String),
        contractId: expect.any(String),
        contractName: expect.stringMatching(/^#D/),
        stageTitle: "Payment 26",
        currency: "KWD",
        amount: "2.000",
        dueDate: "2027-05-01",
        paidOn: null,
        outcome: "notYetDue",
        days: 0,
      },
      expect.objectContaining({ dueDate: "2027-01-29", outcome: "overdue", days: 40, amount: "500.000" }),
    ]);
    expect(data.history.latestUrl).toBeNull();
    expect(data.history.olderUrl).toMatch(/^\/app\/customers\/7002\?after=/);

    const older = await load<CustomerData>(customerLoader, data.history.olderUrl!, { id: "7002" });
    expect(older.history.rows).toEqual([expect.objectContaining({ dueDate: "2026-01-01", outcome: "onTime" })]);
    expect(older.history).toMatchObject({ latestUrl: "/app/customers/7002", olderUrl: null });
  });

  it("counts only what is owed in the limit's currency against it", async () => {
    const data = await load<CustomerData>(customerLoader, "/app/customers/7001", { id: "7001" });
    expect(data.exposure).toEqual([{ currency: "USD", unpaid: "700.00", overdue: "0.00", contracts: 1 }]);
    expect(data.creditLimit).toEqual({ currency: "EUR", limit: "1000.00", left: "1000.00", over: false });
    expect(data.history.rows.map((row) => row.outcome)).toEqual(["notYetDue", "onTime"]);
    expect(data.history.olderUrl).toBeNull();
  });

  it("is not found for a customer without contracts here, or an id that is not one", async () => {
    for (const id of ["7003", "abc", "0"]) {
      const answer = await customerLoader({ request: new Request(`https://app.test/app/customers/${id}`), params: { id }, context: {} }).catch(
        (error: unknown) => error,
      );
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
    }
  });
});

describe("a customer's terms, saved from their page", () => {
  const save = (fields: Record<string, string>) =>
    customerAction({
      request: new Request("https://app.test/app/customers/7002", { method: "POST", body: new URLSearchParams(fields) }),
      params: { id: "7002" },
      context: {},
    }) as Promise<Response>;

  it("refuses what staff mistyped at its field and saves nothing", async () => {
    const answer = await save({ intent: "customerTerms", netDays: "thirty", creditLimit: "2.500,00", creditLimitCurrency: "KWD" });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { ok: boolean; fieldErrors: Record<string, string> };
    expect(body.ok).toBe(false);
    expect(Object.keys(body.fieldErrors)).toContain("netDays");
    const data = await load<CustomerData>(customerLoader, "/app/customers/7002", { id: "7002" });
    expect(data.terms.netDays).toBeNull();
  });

  it("refuses payment days that are not days of the month at their field", async () => {
    const answer = await save({ intent: "customerTerms", netDays: "45", paymentDays: "5, 32", creditLimitCurrency: "KWD" });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { ok: boolean; fieldErrors: Record<string, string> };
    expect(body.fieldErrors).toEqual({ paymentDays: "Type days of the month from 1 to 31, like 5, 20 (31: the month's last day)" });
    const data = await load<CustomerData>(customerLoader, "/app/customers/7002", { id: "7002" });
    expect(data.terms).toMatchObject({ netDays: null, paymentDays: null });
  });

  it("keeps the terms when Shopify cannot be reached, says so, and shows them on the page", async () => {
    const answer = await save({
      intent: "customerTerms",
      netDays: "45",
      paymentDays: "15/31",
      creditLimit: "2,500.000",
      creditLimitCurrency: "KWD",
      subjectName: "Lars Late",
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(true);
    expect(body.message).toMatch(/not in Shopify yet/);
    const data = await load<CustomerData>(customerLoader, "/app/customers/7002", { id: "7002" });
    expect(data.terms).toMatchObject({ netDays: 45, paymentDays: [15, 31], creditLimit: { amount: "2500.000", currency: "KWD" }, mirrored: false });
    const owed = data.exposure.find((line) => line.currency === "KWD")?.unpaid;
    expect(owed).toBe("502.000");
    expect(data.creditLimit).toEqual({ currency: "KWD", limit: "2500.000", left: "1998.000", over: false });
  });

  it("answers another form's post with a plain refusal", async () => {
    const answer = await save({ intent: "cancel" });
    expect(answer.status).toBe(400);
  });
});
