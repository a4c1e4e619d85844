import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import {
  countCustomers,
  customerGid,
  customerHistoryPage,
  customerNumericId,
  customerPageUrl,
  customerStanding,
  cursorText,
  listCustomers,
  parseCursor,
  type HistoryCursor,
} from "../../../app/models/customer-history.server";
import { createTestDatabase } from "../test-database";
import { seedHistoryContract } from "./customer-history-seed";

const database = await createTestDatabase();
afterAll(() => database.cleanup());

const SHOP = "history.myshopify.com";
const OTHER_SHOP = "other-history.myshopify.com";
const ALICE = "gid://shopify/Customer/101";
const BOB = "gid://shopify/Customer/202";
const TODAY = "2027-03-15" as CalendarDate;

let stageIds: Record<string, string> = {};

beforeAll(async () => {
  const db = database.prisma;
  const first = await seedHistoryContract(db, {
    shop: SHOP,
    customerId: ALICE,
    customerName: "Alice Example",
    customerEmail: "alice@example.com",
    timeZone: "America/New_York",
    createdAt: "2027-01-01T12:00:00Z",
    stages: [
      // 100 early, then 200 at 22:00 on the due date in New York (already the 11th in UTC): on time.
      {
        amountMinor: 30_000n,
        dueDate: "2027-01-10",
        status: "paid",
        payments: [
          { at: "2027-01-05T15:00:00Z", amountMinor: 10_000n },
          { at: "2027-01-11T03:00:00Z", amountMinor: 20_000n },
        ],
      },
      // Paid ten days late offline, later refunded in part: the refund does not move the paid day.
      {
        amountMinor: 50_000n,
        dueDate: "2027-02-01",
        status: "refunded",
        payments: [
          { at: "2027-02-11T17:00:00Z", amountMinor: 50_000n, kind: "manualPayment" },
          { at: "2027-02-20T17:00:00Z", amountMinor: 50_000n, kind: "refund" },
        ],
      },
      // 50 of 200 paid, 14 days overdue on the 15th.
      { amountMinor: 20_000n, dueDate: "2027-03-01", status: "overdue", payments: [{ at: "2027-03-02T12:00:00Z", amountMinor: 5_000n }] },
      { amountMinor: 10_000n, dueDate: "2027-04-01", status: "scheduled" },
      // Waits for a milestone: no due date, no history.
      { amountMinor: 10_000n, dueDate: null, status: "scheduled" },
    ],
  });
  const cancelled = await seedHistoryContract(db, {
    shop: SHOP,
    customerId: ALICE,
    customerName: "Alice Example",
    currency: "EUR",
    status: "cancelled",
    createdAt: "2027-02-01T12:00:00Z",
    stages: [
      { amountMinor: 7_000n, dueDate: "2027-02-02", status: "paid", payments: [{ at: "2027-02-01T08:00:00Z", amountMinor: 7_000n }] },
      // Cancelled with its contract: no longer owed, not history.
      { amountMinor: 9_000n, dueDate: "2027-03-01", status: "cancelled" },
    ],
  });
  // Marked paid with no payment in the ledger: taken as paid on its due date.
  const unbooked = await seedHistoryContract(db, {
    shop: SHOP,
    customerId: ALICE,
    customerName: "Alice Example",
    createdAt: "2027-02-15T12:00:00Z",
    stages: [{ amountMinor: 4_000n, dueDate: "2027-01-20", status: "paid" }],
  });
  await seedHistoryContract(db, {
    shop: SHOP,
    customerId: BOB,
    customerName: "Bob 100% Builder",
    customerEmail: "bob@example.com",
    createdAt: "2027-03-01T12:00:00Z",
    stages: [{ amountMinor: 1_000n, dueDate: "2027-01-01", status: "overdue" }],
  });
  await seedHistoryContract(db, {
    shop: SHOP,
    customerId: null,
    customerEmail: "walk-in@example.com",
    stages: [{ amountMinor: 1n, dueDate: "2027-01-01", status: "overdue" }],
  });
  // Alice's id in another shop: never part of this shop's history.
  await seedHistoryContract(db, {
    shop: OTHER_SHOP,
    customerId: ALICE,
    customerName: "Alice Elsewhere",
    stages: [{ amountMinor: 1n, dueDate: "2027-01-01", status: "overdue" }],
  });
  stageIds = {
    onTime: first.stageIds[0]!,
    late: first.stageIds[1]!,
    overdue: first.stageIds[2]!,
    notYetDue: first.stageIds[3]!,
    eurPaid: cancelled.stageIds[0]!,
    unbooked: unbooked.stageIds[0]!,
  };
});

describe("a customer's payment history", () => {
  it("reads each dated stage's paid day from the ledger, in its contract's zone, latest due first", async () => {
    const page = await customerHistoryPage(database.prisma, SHOP, ALICE, TODAY, null);
    expect(page.next).toBeNull();
    expect(page.stages.map((stage) => [stage.stageId, stage.dueDate, stage.paidOn, stage.outcome])).toEqual([
      [stageIds.notYetDue, "2027-04-01", null, { kind: "notYetDue" }],
      [stageIds.overdue, "2027-03-01", null, { kind: "overdue", daysOverdue: 14, outstandingMinor: 15_000n }],
      [stageIds.eurPaid, "2027-02-02", "2027-02-01", { kind: "onTime", paidOn: "2027-02-01" }],
      [stageIds.late, "2027-02-01", "2027-02-11", { kind: "late", paidOn: "2027-02-11", daysLate: 10 }],
      [stageIds.unbooked, "2027-01-20", "2027-01-20", { kind: "onTime", paidOn: "2027-01-20" }],
      [stageIds.onTime, "2027-01-10", "2027-01-10", { kind: "onTime", paidOn: "2027-01-10" }],
    ]);
    expect(page.stages.find((stage) => stage.stageId === stageIds.eurPaid)).toMatchObject({ currency: "EUR", draftName: expect.stringMatching(/^#D/) });
  });

  it("pages by keyset without skipping or repeating a stage, two at a time", async () => {
    const seen: string[] = [];
    let cursor: HistoryCursor | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await customerHistoryPage(database.prisma, SHOP, ALICE, TODAY, cursor, 2);
      seen.push(...page.stages.map((stage) => stage.stageId));
      cursor = page.next;
      if (!cursor) break;
      // The cursor survives the round trip through a URL.
      expect(parseCursor(cursorText(cursor))).toEqual(cursor);
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(parseCursor("not a cursor")).toBeNull();
    expect(parseCursor(null)).toBeNull();
  });

  it("scores the customer from that history", async () => {
    const standing = await customerStanding(database.prisma, SHOP, ALICE, TODAY);
    expect(standing).toMatchObject({
      kind: "scored",
      parts: {
        counted: 5,
        onTime: 3,
        late: 1,
        overdue: 1,
        notYetDue: 1,
        onTimeShare: 0.6,
        averageDaysLate: 12,
        worstDaysLate: 14,
        overdueNow: [{ currency: "USD", amountMinor: 15_000n }],
      },
    });
    expect(await customerStanding(database.prisma, SHOP, "gid://shopify/Customer/999", TODAY)).toEqual({ kind: "noHistory", notYetDue: 0 });
  });
});

describe("the customers with contracts", () => {
  const query = { search: "", sort: "name" as const, direction: "asc" as const, today: TODAY, page: { limit: 50, offset: 0 } };

  it("lists each customer once, named by their latest contract, with their count and oldest overdue date", async () => {
    const rows = await listCustomers(database.prisma, SHOP, query);
    expect(rows.map((row) => [row.customerId, row.name, row.email, row.contracts, row.oldestOverdue])).toEqual([
      [ALICE, "Alice Example", "alice@example.com", 3, "2027-03-01"],
      [BOB, "Bob 100% Builder", "bob@example.com", 1, "2027-01-01"],
    ]);
    expect(await countCustomers(database.prisma, SHOP, "")).toBe(2);
  });

  it("sorts by contracts, latest contract and longest overdue, and pages", async () => {
    const ids = async (sort: "contracts" | "latest" | "overdue", direction: "asc" | "desc") =>
      (await listCustomers(database.prisma, SHOP, { ...query, sort, direction })).map((row) => row.customerId);
    expect(await ids("contracts", "desc")).toEqual([ALICE, BOB]);
    expect(await ids("latest", "desc")).toEqual([BOB, ALICE]);
    expect(await ids("overdue", "desc")).toEqual([BOB, ALICE]);
    expect(await ids("overdue", "asc")).toEqual([ALICE, BOB]);
    expect((await listCustomers(database.prisma, SHOP, { ...query, page: { limit: 1, offset: 1 } })).map((row) => row.customerId)).toEqual([BOB]);
  });

  it("searches names and emails, taking typed wildcards literally", async () => {
    expect((await listCustomers(database.prisma, SHOP, { ...query, search: "ALICE@" })).map((row) => row.customerId)).toEqual([ALICE]);
    expect((await listCustomers(database.prisma, SHOP, { ...query, search: "100%" })).map((row) => row.customerId)).toEqual([BOB]);
    expect(await countCustomers(database.prisma, SHOP, "%")).toBe(1);
    expect(await countCustomers(database.prisma, SHOP, "_")).toBe(0);
    expect(await countCustomers(database.prisma, SHOP, "walk-in")).toBe(0);
  });

  it("turns the admin's numeric ids into Customer GIDs and back", () => {
    expect(customerGid("101")).toBe(ALICE);
    expect(customerGid("01")).toBeNull();
    expect(customerGid("1 OR 1=1")).toBeNull();
    expect(customerNumericId(ALICE)).toBe("101");
    expect(customerNumericId("gid://shopify/Company/1")).toBeNull();
    expect(customerNumericId(null)).toBeNull();
    expect(customerPageUrl(ALICE)).toBe("/app/customers/101");
    expect(customerPageUrl(null)).toBeNull();
  });
});
