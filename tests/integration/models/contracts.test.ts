import { afterAll, describe, expect, it } from "vitest";
import { InvalidStageTransitionError } from "../../../app/domain/contract/stage-status";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { listAudit } from "../../../app/models/audit-log.server";
import {
  ContractExistsError,
  createContract,
  type ContractFilter,
  type ContractPage,
  findContractByDraftOrder,
  findContractByMainOrder,
  findContractByStageDraftOrder,
  getContract,
  InvalidScheduleError,
  listContracts,
  shopTimeZone,
  summarizeContracts,
  updateContract,
  updateStage,
} from "../../../app/models/contracts.server";
import { ConcurrencyConflictError, NotFoundError } from "../../../app/models/model-errors.server";
import { createPlan } from "../../../app/models/plans.server";
import { createTestDatabase } from "../test-database";
import { scheduledOrder, seedContract } from "./contract-fixture";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const date = (text: string) => text as CalendarDate;

describe("createContract", () => {
  it("stores the contract and one stage per installment, money exact", async () => {
    const shop = "create.myshopify.com";
    const plan = await createPlan(db, shop, { name: "30/50/20", config: { preset: "deposit-30-50-20-net30" }, actor: "system" });
    const { orderSnapshot, schedule } = scheduledOrder();
    const contract = await createContract(db, shop, {
      planId: plan.id,
      draftOrderId: "gid://shopify/DraftOrder/1",
      customerId: "gid://shopify/Customer/5",
      mode: "native",
      orderSnapshot,
      schedule,
      actor: "staff:1",
    });

    expect(contract).toMatchObject({
      shop,
      planId: plan.id,
      sourceDraftOrderId: "gid://shopify/DraftOrder/1",
      customerId: "gid://shopify/Customer/5",
      companyLocationId: null,
      mainOrderId: null,
      currency: "EUR",
      totalMinor: 120000n,
      mode: "native",
      status: "pending",
      version: 0,
    });
    expect(contract.orderSnapshot).toEqual(orderSnapshot);
    expect(contract.stages.map((stage) => [stage.position, stage.kind, stage.title, stage.amountMinor, stage.status, stage.paidMinor])).toEqual([
      [1, "deposit", "Deposit", 36000n, "scheduled", 0n],
      [2, "preShipping", "Payment before shipping", 60000n, "scheduled", 0n],
      [3, "balance", "Balance (net 30)", 24000n, "scheduled", 0n],
    ]);
    expect(contract.stages.map((stage) => stage.taxShares)).toEqual([
      [{ title: "VAT 19%", amount: 5748n }],
      [{ title: "VAT 19%", amount: 9580n }],
      [{ title: "VAT 19%", amount: 3832n }],
    ]);
    expect(contract.stages.map((stage) => [stage.issueDate, stage.dueDate, stage.dueRule])).toEqual([
      ["2027-01-15", "2027-01-15", { netDays: 0 }],
      [null, null, { netDays: 0, trigger: { trigger: { event: "milestone", milestone: "Ready to ship" }, steps: [] } }],
      [null, null, { netDays: 30, trigger: { trigger: { event: "orderFulfilled" }, steps: [{ count: 30, unit: "day" }] } }],
    ]);
    // Minor units are stored as strings inside JSON columns, never as floats.
    const stored = await db.contract.findUniqueOrThrow({ where: { id: contract.id } });
    expect(JSON.parse(stored.orderSnapshot)).toMatchObject({ total: "120000", taxLines: [{ title: "VAT 19%", amount: "19160" }] });
    const storedStage = await db.stage.findFirstOrThrow({ where: { contractId: contract.id, position: 1 } });
    expect(JSON.parse(storedStage.taxShares)).toEqual([{ title: "VAT 19%", amountMinor: "5748" }]);

    expect(await getContract(db, shop, contract.id)).toEqual(contract);
    const [audit] = await listAudit(db, shop, { contractId: contract.id });
    expect(audit).toMatchObject({ actor: "staff:1", action: "contract.created", planId: plan.id, details: { totalMinor: "120000", stages: 3 } });
  });

  it("refuses a second contract for the same draft order and keeps the first", async () => {
    const shop = "twice.myshopify.com";
    const first = await seedContract(db, shop, "gid://shopify/DraftOrder/2");
    const second = await createContract(db, shop, {
      planId: first.planId,
      draftOrderId: "gid://shopify/DraftOrder/2",
      mode: "stageOrder",
      actor: "system",
      ...scheduledOrder(),
    }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ContractExistsError);
    expect(second).toMatchObject({ existingContractId: first.id });
    expect(await db.contract.count({ where: { shop } })).toBe(1);
    expect(await db.stage.count({ where: { contract: { shop } } })).toBe(3);
  });

  it("stores nothing for a schedule that does not add up to the order", async () => {
    const shop = "mismatch.myshopify.com";
    const plan = await createPlan(db, shop, { name: "P", config: { preset: "monthly-4" }, actor: "system" });
    const { orderSnapshot, schedule } = scheduledOrder("monthly-4");
    const [first, ...rest] = schedule.installments;
    const short = { ...schedule, installments: [{ ...first!, amount: first!.amount - 1n }, ...rest] };
    const base = { planId: plan.id, draftOrderId: "gid://shopify/DraftOrder/3", mode: "stageOrder", actor: "system" } as const;
    await expect(createContract(db, shop, { ...base, orderSnapshot, schedule: short })).rejects.toThrow(InvalidScheduleError);
    await expect(createContract(db, shop, { ...base, orderSnapshot: { ...orderSnapshot, total: 1n }, schedule })).rejects.toThrow(InvalidScheduleError);
    await expect(createContract(db, shop, { ...base, planId: "no-such-plan", orderSnapshot, schedule })).rejects.toThrow(NotFoundError);
    expect(await db.contract.count({ where: { shop } })).toBe(0);
    expect(await listAudit(db, shop)).toHaveLength(1); // the plan's creation only
  });
});

describe("finding and listing contracts", () => {
  it("finds a contract by its source draft, main order and stage draft orders", async () => {
    const shop = "find.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/10");
    const linked = await updateContract(db, shop, {
      id: contract.id,
      version: 0,
      changes: { mainOrderId: "gid://shopify/Order/77", status: "active" },
      actor: "job:attach",
    });
    await updateStage(db, shop, {
      contractId: contract.id,
      stageId: contract.stages[1]!.id,
      version: linked.version,
      changes: { stageDraftOrderId: "gid://shopify/DraftOrder/11" },
      actor: "job:collect",
    });
    expect((await findContractByDraftOrder(db, shop, "gid://shopify/DraftOrder/10"))?.id).toBe(contract.id);
    expect((await findContractByMainOrder(db, shop, "gid://shopify/Order/77"))?.id).toBe(contract.id);
    expect((await findContractByStageDraftOrder(db, shop, "gid://shopify/DraftOrder/11"))?.id).toBe(contract.id);
    expect(await findContractByStageDraftOrder(db, shop, "gid://shopify/DraftOrder/10")).toBeNull();
    expect(await findContractByDraftOrder(db, shop, "gid://shopify/DraftOrder/404")).toBeNull();
    expect(await getContract(db, shop, "no-such-contract")).toBeNull();
  });

  it("filters by status, overdue stages, unpaid stages due before a date, and customer", async () => {
    const shop = "list.myshopify.com";
    const monthly = await seedContract(db, shop, "gid://shopify/DraftOrder/20", "monthly-4"); // due 01-15, 02-15, 03-15, 04-15
    const deposit = await seedContract(db, shop, "gid://shopify/DraftOrder/21"); // due 01-15, then triggers
    const customerContract = await updateContract(db, shop, {
      id: deposit.id,
      version: 0,
      changes: { customerId: "gid://shopify/Customer/9", status: "active" },
      actor: "staff:1",
    });
    const monthlyPaid = await updateStage(db, shop, {
      contractId: monthly.id,
      stageId: monthly.stages[0]!.id,
      version: 0,
      changes: { status: "paid" },
      actor: "system",
    });
    await updateStage(db, shop, {
      contractId: monthly.id,
      stageId: monthly.stages[1]!.id,
      version: monthlyPaid.version,
      changes: { status: "overdue" },
      actor: "job:overdue",
    });

    const ids = async (filter: ContractFilter, page?: ContractPage) => (await listContracts(db, shop, filter, page)).map((contract) => contract.id);
    expect(await ids({})).toEqual([deposit.id, monthly.id]);
    expect(await ids({ status: "active" })).toEqual([deposit.id]);
    expect(await ids({ status: ["pending", "active"] })).toEqual([deposit.id, monthly.id]);
    expect(await ids({ overdue: true })).toEqual([monthly.id]);
    expect(await ids({ overdue: false })).toEqual([deposit.id]);
    // Both have an unpaid stage due 2027-01-15 … except monthly's first is paid, so before 02-01 only the deposit one.
    expect(await ids({ dueBefore: date("2027-02-01") })).toEqual([deposit.id]);
    expect(await ids({ dueBefore: date("2027-02-16") })).toEqual([deposit.id, monthly.id]);
    expect(await ids({ dueBefore: date("2027-01-15") })).toEqual([]);
    expect(await ids({ customerId: "gid://shopify/Customer/9" })).toEqual([customerContract.id]);
    expect(await ids({}, { limit: 1, offset: 1 })).toEqual([monthly.id]);
    expect(await ids({ status: [] })).toEqual([]);
    await expect(ids({}, { limit: 0, offset: 0 })).rejects.toThrow(RangeError);
  });

  it("counts and totals every matching contract per currency, cancelled ones counted but in no total", async () => {
    const shop = "summary.myshopify.com";
    const eur = await seedContract(db, shop, "gid://shopify/DraftOrder/40"); // 1200.00 EUR
    await seedContract(db, shop, "gid://shopify/DraftOrder/41");
    const cancelled = await seedContract(db, shop, "gid://shopify/DraftOrder/42");
    await updateContract(db, shop, { id: cancelled.id, version: 0, changes: { status: "cancelled" }, actor: "staff:1" });
    const paid = await updateStage(db, shop, { contractId: eur.id, stageId: eur.stages[0]!.id, version: 0, changes: { status: "paid" }, actor: "system" });
    await db.stage.update({ where: { id: paid.stages[0]!.id }, data: { paidMinor: 36000n } });
    await seedContract(db, "elsewhere.myshopify.com", "gid://shopify/DraftOrder/40");

    expect(await summarizeContracts(db, shop)).toEqual({
      count: 3,
      totals: [{ currency: "EUR", contracts: 2, totalMinor: 240000n, paidMinor: 36000n, discountMinor: 0n }],
    });
    expect(await summarizeContracts(db, shop, { status: "cancelled" })).toEqual({ count: 1, totals: [] });
    expect(await summarizeContracts(db, shop, { customer: "nobody" })).toEqual({ count: 0, totals: [] });
  });

  it("matches what staff type for a customer as text: case aside, % and _ are themselves", async () => {
    const shop = "customers.myshopify.com";
    const named = async (draft: string, customerName: string, customerEmail: string) => {
      const contract = await seedContract(db, shop, draft);
      await db.contract.update({ where: { id: contract.id }, data: { customerName, customerEmail } });
      return contract.id;
    };
    const percent = await named("gid://shopify/DraftOrder/50", "100% Steel GmbH", "orders@steel.example");
    const plain = await named("gid://shopify/DraftOrder/51", "1000 Steel AG", "buy_er@steel.example");
    const ids = async (customer: string) => (await listContracts(db, shop, { customer })).map((contract) => contract.id).sort();
    expect(await ids("100%")).toEqual([percent]);
    expect(await ids("STEEL")).toEqual([percent, plain].sort());
    expect(await ids("buy_er")).toEqual([plain]);
    expect(await ids("y_e")).toEqual([plain]);
    expect(await ids("r_s")).toEqual([]);
  });

  it("reads the shop's time zone from Shopify's answer, else from its newest contract, UTC before any", async () => {
    const shop = "zone.myshopify.com";
    expect(await shopTimeZone(db, shop)).toBe("UTC");
    const older = await seedContract(db, shop, "gid://shopify/DraftOrder/60");
    const newer = await seedContract(db, shop, "gid://shopify/DraftOrder/61");
    await db.contract.update({ where: { id: older.id }, data: { timeZone: "Asia/Tokyo", createdAt: new Date("2027-01-01T00:00:00Z") } });
    await db.contract.update({ where: { id: newer.id }, data: { timeZone: "Europe/Berlin", createdAt: new Date("2027-02-01T00:00:00Z") } });
    expect(await shopTimeZone(db, shop)).toBe("Europe/Berlin");
    await db.shopProfile.create({ data: { shop, locale: "en-US", timeZone: "America/Chicago", refreshedAt: new Date() } });
    expect(await shopTimeZone(db, shop)).toBe("America/Chicago");
  });
});

describe("updating contracts and stages", () => {
  it("bumps the version on every change and refuses a stale one, changing nothing", async () => {
    const shop = "versions.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/30");
    const updated = await updateContract(db, shop, { id: contract.id, version: 0, changes: { status: "awaitingDeposit" }, actor: "staff:1" });
    expect(updated).toMatchObject({ status: "awaitingDeposit", version: 1 });

    const stale = updateContract(db, shop, { id: contract.id, version: 0, changes: { status: "cancelled" }, actor: "staff:2" });
    await expect(stale).rejects.toThrow(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({ contractId: contract.id, expectedVersion: 0 });
    const staleStage = updateStage(db, shop, {
      contractId: contract.id,
      stageId: contract.stages[0]!.id,
      version: 0,
      changes: { status: "invoiced" },
      actor: "staff:2",
    });
    await expect(staleStage).rejects.toThrow(ConcurrencyConflictError);

    expect(await getContract(db, shop, contract.id)).toEqual(updated);
    expect((await listAudit(db, shop, { contractId: contract.id })).map((entry) => entry.action)).toEqual(["contract.updated", "contract.created"]);
  });

  it("lets exactly one of two writers holding the same version through", async () => {
    const shop = "race.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/31");
    const results = await Promise.allSettled([
      updateContract(db, shop, { id: contract.id, version: 0, changes: { status: "cancelled" }, actor: "staff:1" }),
      updateStage(db, shop, {
        contractId: contract.id,
        stageId: contract.stages[0]!.id,
        version: 0,
        changes: { status: "paid" },
        actor: "webhook:orders/paid",
      }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await getContract(db, shop, contract.id))?.version).toBe(1);
  });

  it("moves a stage only along the state machine and records what changed", async () => {
    const shop = "stages.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/32");
    const stageId = contract.stages[0]!.id;
    const invoiced = await updateStage(db, shop, {
      contractId: contract.id,
      stageId,
      version: 0,
      changes: { status: "invoiced", invoiceNumber: "TR-000001", stageDraftOrderId: "gid://shopify/DraftOrder/33", attempts: 1 },
      actor: "job:issue-stage",
    });
    expect(invoiced.stages[0]).toMatchObject({ status: "invoiced", invoiceNumber: "TR-000001", stageDraftOrderId: "gid://shopify/DraftOrder/33", attempts: 1 });
    expect(invoiced.version).toBe(1);

    const backwards = updateStage(db, shop, { contractId: contract.id, stageId, version: 1, changes: { status: "scheduled" }, actor: "job:issue-stage" });
    await expect(backwards).rejects.toThrow(InvalidStageTransitionError);
    expect(await getContract(db, shop, contract.id)).toEqual(invoiced);

    const dated = await updateStage(db, shop, {
      contractId: contract.id,
      stageId: contract.stages[2]!.id,
      version: 1,
      changes: { issueDate: date("2027-03-01"), dueDate: date("2027-03-31") },
      actor: "webhook:fulfillments/create",
    });
    expect(dated.stages[2]).toMatchObject({ issueDate: "2027-03-01", dueDate: "2027-03-31", status: "scheduled" });

    const [audit] = await listAudit(db, shop, { contractId: contract.id });
    expect(audit).toMatchObject({
      actor: "webhook:fulfillments/create",
      action: "stage.updated",
      details: { position: 3, version: 1, changes: { issueDate: { from: null, to: "2027-03-01" }, dueDate: { from: null, to: "2027-03-31" } } },
    });
  });

  it("refuses a stage of another contract", async () => {
    const shop = "wrong-contract.myshopify.com";
    const one = await seedContract(db, shop, "gid://shopify/DraftOrder/40");
    const two = await seedContract(db, shop, "gid://shopify/DraftOrder/41");
    await expect(
      updateStage(db, shop, { contractId: one.id, stageId: two.stages[0]!.id, version: 0, changes: { status: "paid" }, actor: "system" }),
    ).rejects.toThrow(NotFoundError);
    expect((await getContract(db, shop, two.id))?.stages[0]?.status).toBe("scheduled");
  });
});
