import { afterAll, describe, expect, it } from "vitest";

import type { ContractStatus } from "../../../app/domain/contract/contract-state";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { customerExposure } from "../../../app/models/customer-exposure.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const SHOP = "exposure.myshopify.com";
const TODAY = "2027-03-10" as CalendarDate;
const ACME = "gid://shopify/Company/1";
const ACME_NORTH = "gid://shopify/CompanyLocation/11";
const ACME_SOUTH = "gid://shopify/CompanyLocation/12";
const BUYER = "gid://shopify/Customer/5";

interface StageRow {
  readonly status: StageStatus;
  readonly amount: bigint;
  readonly paid?: bigint;
  readonly dueDate: string | null;
}

let planId: string | null = null;
let drafts = 0;

/** A contract row as the attach would have left it, written directly: these tests are about reading. */
async function insertContract(
  stages: readonly StageRow[],
  who: { readonly customerId?: string; readonly companyId?: string; readonly companyLocationId?: string; readonly shop?: string },
  contract: { readonly status?: ContractStatus; readonly currency?: string } = {},
): Promise<void> {
  drafts += 1;
  const shop = who.shop ?? SHOP;
  planId ??= (await db.plan.create({ data: { shop: SHOP, name: "Plan", syntax: "preset", source: "{}", model: "{}" } })).id;
  await db.contract.create({
    data: {
      shop,
      planId,
      sourceDraftOrderId: `gid://shopify/DraftOrder/${drafts}`,
      customerId: who.customerId ?? null,
      companyId: who.companyId ?? null,
      companyLocationId: who.companyLocationId ?? null,
      currency: contract.currency ?? "USD",
      totalMinor: stages.reduce((sum, stage) => sum + stage.amount, 0n),
      mode: "stageOrder",
      status: contract.status ?? "active",
      orderSnapshot: "{}",
      stages: {
        create: stages.map((stage, index) => ({
          position: index + 1,
          kind: "installment",
          title: `Stage ${index + 1}`,
          amountMinor: stage.amount,
          paidMinor: stage.paid ?? (stage.status === "paid" ? stage.amount : 0n),
          taxShares: "[]",
          dueRule: "{}",
          status: stage.status,
          dueDate: stage.dueDate,
        })),
      },
    },
  });
}

// Acme North: 1 contract owing 700.00 (300.00 of it overdue, 100.00 partly paid off a 400.00 overdue stage).
await insertContract(
  [
    { status: "paid", amount: 30_000n, dueDate: "2027-01-01" },
    { status: "overdue", amount: 40_000n, paid: 10_000n, dueDate: "2027-03-01" },
    { status: "scheduled", amount: 40_000n, dueDate: "2027-04-01" },
  ],
  { customerId: BUYER, companyId: ACME, companyLocationId: ACME_NORTH },
);
// Acme South: 1 USD contract owing 250.00 with no date yet, and 1 EUR contract owing 99.99 due today (not overdue).
await insertContract([{ status: "scheduled", amount: 25_000n, dueDate: null }], { companyId: ACME, companyLocationId: ACME_SOUTH });
await insertContract([{ status: "invoiced", amount: 9_999n, dueDate: "2027-03-10" }], { companyId: ACME, companyLocationId: ACME_SOUTH }, { currency: "EUR" });
// Not counted: a cancelled contract, a cancelled stage, a fully paid contract, a refunded stage, another shop's contract.
await insertContract(
  [{ status: "overdue", amount: 1_000_000n, dueDate: "2027-01-01" }],
  { companyId: ACME, companyLocationId: ACME_NORTH },
  { status: "cancelled" },
);
await insertContract(
  [
    { status: "paid", amount: 5_000n, dueDate: "2027-01-01" },
    { status: "cancelled", amount: 5_000n, dueDate: "2027-02-01" },
  ],
  { companyId: ACME, companyLocationId: ACME_NORTH },
);
await insertContract([{ status: "refunded", amount: 5_000n, paid: 0n, dueDate: "2027-01-01" }], { customerId: BUYER });
await insertContract([{ status: "overdue", amount: 7_777n, dueDate: "2027-01-01" }], { companyId: ACME, shop: "other.myshopify.com" });
// The buyer's own contract, outside any company.
await insertContract([{ status: "failed", amount: 12_345n, dueDate: "2027-02-20" }], { customerId: BUYER });

describe("a subject's exposure: what is unpaid across its contracts, per currency (one SQL statement)", () => {
  it.each([
    {
      name: "a company sums every location's contracts, per currency, owing most first",
      subject: { kind: "company", companyId: ACME } as const,
      expected: [
        { currency: "USD", unpaidMinor: 95_000n, overdueMinor: 30_000n, contracts: 2 },
        { currency: "EUR", unpaidMinor: 9_999n, overdueMinor: 0n, contracts: 1 },
      ],
    },
    {
      name: "a location only its own",
      subject: { kind: "companyLocation", companyLocationId: ACME_NORTH } as const,
      expected: [{ currency: "USD", unpaidMinor: 70_000n, overdueMinor: 30_000n, contracts: 1 }],
    },
    {
      name: "a customer every contract naming them, for a company or not",
      subject: { kind: "customer", customerId: BUYER } as const,
      expected: [{ currency: "USD", unpaidMinor: 82_345n, overdueMinor: 42_345n, contracts: 2 }],
    },
    { name: "a customer with no contracts owes nothing", subject: { kind: "customer", customerId: "gid://shopify/Customer/404" } as const, expected: [] },
  ])("$name", async ({ subject, expected }) => {
    expect(await customerExposure(db, SHOP, subject, TODAY)).toEqual(expected);
  });

  it("stays exact beyond what a float holds", async () => {
    const huge = 2n ** 62n;
    await insertContract([{ status: "scheduled", amount: huge, dueDate: "2027-05-01" }], { customerId: "gid://shopify/Customer/big" });
    await insertContract([{ status: "overdue", amount: huge + 1n, dueDate: "2027-01-01" }], { customerId: "gid://shopify/Customer/big" });
    expect(await customerExposure(db, SHOP, { kind: "customer", customerId: "gid://shopify/Customer/big" }, TODAY)).toEqual([
      { currency: "USD", unpaidMinor: 2n * huge + 1n, overdueMinor: huge + 1n, contracts: 2 },
    ]);
  });

  it("refuses an empty shop or subject id instead of reading everyone's", async () => {
    await expect(customerExposure(db, "", { kind: "customer", customerId: BUYER }, TODAY)).rejects.toThrow("a shop domain is required");
    await expect(customerExposure(db, SHOP, { kind: "company", companyId: " " }, TODAY)).rejects.toThrow("a company id is required");
  });
});
