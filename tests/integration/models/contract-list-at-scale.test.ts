import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contractOrderOf, CONTRACT_SORTS } from "../../../app/components/contracts/contract-list-query";
import { isStillOwed } from "../../../app/domain/contract/contract-attention";
import { portfolioPeriod } from "../../../app/domain/contract/portfolio";
import { listContractRows, type ContractListRow } from "../../../app/models/contract-list.server";
import { CONTRACT_PAGE_SIZE, summarizeContracts, type ContractFilter } from "../../../app/models/contracts.server";
import { createTestDatabase } from "../test-database";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "./bulk-portfolio-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const CONTRACTS = 20_000;
const { shop, timeZone } = BULK_SHOPS[2];
const { today } = portfolioPeriod(BULK_NOW, timeZone);

beforeAll(async () => {
  await seedBulkPortfolio(db, CONTRACTS);
  // Declined charges (some with a charge on its way again), and stages the app stopped collecting.
  await db.$executeRaw`UPDATE "Stage" SET "attempts" = 1 + substring("contractId" FROM 6)::int % 3 WHERE substring("contractId" FROM 6)::int % 5 = 0 AND "position" = 2`;
  await db.$executeRaw`UPDATE "Stage" SET "chargeKey" = "contractId" || ':2:1' WHERE substring("contractId" FROM 6)::int % 10 = 0 AND "position" = 2`;
  await db.$executeRaw`UPDATE "Stage" SET "parkedReason" = 'Shopify refused draftOrderCreate' WHERE substring("contractId" FROM 6)::int % 11 = 0 AND "position" = 1`;
  // Main orders whose shipping waits for a payment before shipping.
  await db.$executeRaw`UPDATE "Contract" SET "mainOrderId" = 'gid://shopify/Order/' || substring("id" FROM 6) WHERE substring("id" FROM 6)::int % 17 = 0`;
  await db.$executeRaw`UPDATE "Stage" SET "kind" = 'preShipping' WHERE substring("contractId" FROM 6)::int % 17 = 0 AND "position" = 2`;
  // Some of them with nothing else wrong, so that "on hold" shows.
  await db.$executeRaw`
    UPDATE "Stage" SET "status" = CASE WHEN "status" IN ('overdue', 'failed') THEN 'invoiced' ELSE "status" END,
      "dueDate" = '2027-06-15', "attempts" = 0, "chargeKey" = NULL, "parkedReason" = NULL
    WHERE substring("contractId" FROM 6)::int % 34 = 0`;
  await db.$executeRaw`ANALYZE`;
});

interface Expected {
  readonly id: string;
  readonly paid: string;
  readonly refunded: string;
  readonly outstanding: string;
  readonly nextDue: string | null;
  readonly nextPosition: number | null;
}

/**
 * The list's rows computed another way: one join of contracts and stages grouped per contract (not one read per
 * contract), due dates compared as dates, the next stage picked by DISTINCT ON, and every sort written out.
 */
async function expectedRows(sort: string): Promise<Expected[]> {
  const orders: Record<string, string> = {
    "created desc": `"createdAt" DESC, id DESC`,
    "created asc": `"createdAt" ASC, id ASC`,
    "nextDue asc": `next_due ASC NULLS LAST, "createdAt" DESC, id DESC`,
    "nextDue desc": `next_due DESC NULLS LAST, "createdAt" DESC, id DESC`,
    "total desc": `currency ASC, "totalMinor" DESC, "createdAt" DESC, id DESC`,
    "total asc": `currency ASC, "totalMinor" ASC, "createdAt" DESC, id DESC`,
    "customer asc": `who ASC NULLS LAST, "createdAt" DESC, id DESC`,
    "customer desc": `who DESC NULLS LAST, "createdAt" DESC, id DESC`,
  };
  return db.$queryRawUnsafe<Expected[]>(
    `WITH stages AS (
       SELECT s.*, (s."status" IN ('scheduled', 'invoiced', 'overdue', 'failed') AND s."paidMinor" < s."amountMinor") AS owed
       FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId" WHERE c."shop" = $1
     ), per_contract AS (
       SELECT c."id", c."status", c."currency", c."totalMinor", c."createdAt", lower(coalesce(c."customerName", c."customerEmail")) AS who,
         coalesce(sum(s."paidMinor"), 0)::text AS paid, coalesce(sum(s."refundedMinor"), 0)::text AS refunded,
         coalesce(sum(CASE WHEN s.owed THEN s."amountMinor" - s."paidMinor" ELSE 0 END), 0)::text AS outstanding,
         min(CASE WHEN s.owed THEN s."dueDate"::date END) AS next_due
       FROM "Contract" c LEFT JOIN stages s ON s."contractId" = c."id"
       WHERE c."shop" = $1
       GROUP BY c."id"
     ), next_stage AS (
       SELECT DISTINCT ON (s."contractId") s."contractId", s."position"
       FROM stages s WHERE s.owed ORDER BY s."contractId", s."dueDate"::date ASC NULLS LAST, s."position"
     )
     SELECT p."id", p.paid, p.refunded, p.outstanding, to_char(p.next_due, 'YYYY-MM-DD') AS "nextDue", n."position" AS "nextPosition"
     FROM per_contract p LEFT JOIN next_stage n ON n."contractId" = p."id"
     ORDER BY ${orders[sort]}`,
    shop,
  );
}

const asExpected = (row: ContractListRow): Expected => ({
  id: row.id,
  paid: String(row.paidMinor),
  refunded: String(row.refundedMinor),
  outstanding: String(row.outstandingMinor),
  nextDue: row.nextStage?.dueDate ?? null,
  nextPosition: row.nextStage?.position ?? null,
});

describe(`the contracts list's rows at ${CONTRACTS.toLocaleString("en-US")} contracts`, () => {
  it.each(CONTRACT_SORTS.map((sort) => sort.value))("sorts every contract by %s as SQL written another way does, with its sums", async (sort) => {
    const order = contractOrderOf({ status: "", due: "", attention: "", customer: "", sort, page: 1 });
    const expected = await expectedRows(sort);
    expect(expected.length).toBeGreaterThan(6_000);
    expect((await listContractRows(db, shop, { filter: {}, order, today })).map(asExpected)).toEqual(expected);
    const thirdPage = await listContractRows(db, shop, { filter: {}, order, today, page: { limit: CONTRACT_PAGE_SIZE, offset: 2 * CONTRACT_PAGE_SIZE } });
    expect(thirdPage.map(asExpected)).toEqual(expected.slice(2 * CONTRACT_PAGE_SIZE, 3 * CONTRACT_PAGE_SIZE));
  });

  /** Every row of the shop, badged by app/domain/contract/contract-attention.ts. */
  const everyRow = () => listContractRows(db, shop, { filter: {}, order: { by: "created", direction: "desc" }, today });
  const ids = async (filter: ContractFilter) =>
    new Set((await listContractRows(db, shop, { filter, order: { by: "created", direction: "desc" }, today })).map((row) => row.id));
  const open = (row: ContractListRow) => row.status !== "cancelled" && row.status !== "completed";

  it("badges contracts with every kind of trouble", async () => {
    const badges = new Set((await everyRow()).map((row) => row.badge));
    for (const badge of ["needsAttention", "paymentFailed", "overdue", "onHold", "active", "paidInFull", "cancelled"] as const) expect(badges).toContain(badge);
  });

  it("filters the contracts needing attention exactly as their badges say it (a declined card or a stopped stage)", async () => {
    const rows = await everyRow();
    const needing = rows.filter((row) => row.badge === "needsAttention" || row.badge === "paymentFailed").map((row) => row.id);
    expect(needing.length).toBeGreaterThan(CONTRACT_PAGE_SIZE);
    expect(await ids({ needsAttention: true })).toEqual(new Set(needing));
    expect(await ids({ needsAttention: false })).toEqual(new Set(rows.map((row) => row.id).filter((id) => !needing.includes(id))));
    expect((await summarizeContracts(db, shop, { needsAttention: true })).count).toBe(needing.length);
  });

  it("filters the overdue contracts by the stages the badges call overdue", async () => {
    const rows = await everyRow();
    const overdue = rows
      .filter(
        (row) =>
          open(row) && row.stages.some((stage) => isStillOwed(stage) && (stage.status === "overdue" || (stage.dueDate !== null && stage.dueDate < today))),
      )
      .map((row) => row.id);
    expect(overdue.length).toBeGreaterThan(CONTRACT_PAGE_SIZE);
    expect(await ids({ overdueOn: today })).toEqual(new Set(overdue));
    // A contract badged overdue is among them; one among them may show a more pressing badge.
    const badgedOverdue = rows.filter((row) => row.badge === "overdue").map((row) => row.id);
    expect(badgedOverdue.every((id) => overdue.includes(id))).toBe(true);
    const badgesOfOverdue = new Set(rows.filter((row) => overdue.includes(row.id)).map((row) => row.badge));
    expect([...badgesOfOverdue].sort()).toEqual(["needsAttention", "overdue", "paymentFailed"]);
  });

  it("pages a filter in the order of the whole", async () => {
    const filter: ContractFilter = { status: "active", needsAttention: true };
    const order = { by: "nextDue", direction: "asc" } as const;
    const whole = await listContractRows(db, shop, { filter, order, today });
    expect(whole.length).toBeGreaterThan(2 * CONTRACT_PAGE_SIZE);
    const second = await listContractRows(db, shop, { filter, order, today, page: { limit: CONTRACT_PAGE_SIZE, offset: CONTRACT_PAGE_SIZE } });
    expect(second.map((row) => row.id)).toEqual(whole.slice(CONTRACT_PAGE_SIZE, 2 * CONTRACT_PAGE_SIZE).map((row) => row.id));
  });

  it("reads the contracts picked, and only the shop's own", async () => {
    const others = await db.contract.findMany({ where: { shop: { not: shop } }, take: 2, select: { id: true } });
    const mine = (await expectedRows("total desc")).slice(0, 3).map((row) => row.id);
    const picked = await listContractRows(db, shop, {
      filter: { ids: [...mine, ...others.map((other) => other.id)] },
      order: { by: "total", direction: "desc" },
      today,
    });
    expect(picked.map((row) => row.id)).toEqual(mine);
  });
});
