import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../../app/models/audit-log.server";
import {
  createContract,
  findContractByDraftOrder,
  findContractByMainOrder,
  findContractByStageDraftOrder,
  getContract,
  listContracts,
  updateContract,
  updateStage,
  type StoredContract,
} from "../../../app/models/contracts.server";
import { contractBalance, ledgerTotals, listLedgerEntries, recordLedgerEntry } from "../../../app/models/ledger.server";
import { NotFoundError } from "../../../app/models/model-errors.server";
import { archivePlan, duplicatePlan, getPlan, listPlans, updatePlan } from "../../../app/models/plans.server";
import { createTestDatabase } from "../test-database";
import { scheduledOrder, seedContract } from "./contract-fixture";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

// The victim's rows exist; the intruder knows every id and tries them all under its own shop.
const VICTIM = "victim.myshopify.com";
const INTRUDER = "intruder.myshopify.com";

let victim: StoredContract;
let victimRows: () => Promise<unknown>;

beforeAll(async () => {
  victim = await seedContract(db, VICTIM, "gid://shopify/DraftOrder/1");
  victim = await updateContract(db, VICTIM, {
    id: victim.id,
    version: 0,
    changes: { mainOrderId: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/1" },
    actor: "system",
  });
  victim = await updateStage(db, VICTIM, {
    contractId: victim.id,
    stageId: victim.stages[0]!.id,
    version: victim.version,
    changes: { stageDraftOrderId: "gid://shopify/DraftOrder/2", status: "overdue" },
    actor: "system",
  });
  await recordLedgerEntry(db, VICTIM, {
    contractId: victim.id,
    stageId: victim.stages[0]!.id,
    kind: "payment",
    amountMinor: 100n,
    currency: "EUR",
    shopifyRef: "gid://shopify/OrderTransaction/1",
    occurredAt: new Date(),
    actor: "system",
  });
  // Everything the intruder could change, read straight from the tables.
  victimRows = async () => ({
    plans: await db.plan.findMany({ where: { shop: VICTIM } }),
    contracts: await db.contract.findMany({ where: { shop: VICTIM }, include: { stages: true } }),
    ledger: await db.ledgerEntry.findMany({ where: { shop: VICTIM } }),
    audit: await db.auditLog.count({ where: { shop: VICTIM } }),
  });
});

describe("one shop cannot reach another shop's rows", () => {
  it("plans: not found for reads and every change, nothing in lists", async () => {
    const before = await victimRows();
    const planId = victim.planId;
    expect(await getPlan(db, INTRUDER, planId)).toBeNull();
    expect(await listPlans(db, INTRUDER, { includeArchived: true })).toEqual([]);
    await expect(updatePlan(db, INTRUDER, planId, { name: "Mine now", actor: "staff:666" })).rejects.toThrow(NotFoundError);
    await expect(duplicatePlan(db, INTRUDER, planId, { actor: "staff:666" })).rejects.toThrow(NotFoundError);
    await expect(archivePlan(db, INTRUDER, planId, "staff:666")).rejects.toThrow(NotFoundError);
    await expect(
      createContract(db, INTRUDER, { planId, draftOrderId: "gid://shopify/DraftOrder/9", mode: "stageOrder", actor: "staff:666", ...scheduledOrder() }),
    ).rejects.toThrow(NotFoundError);
    expect(await victimRows()).toEqual(before);
    expect(await db.plan.count({ where: { shop: INTRUDER } })).toBe(0);
  });

  it("contracts: nothing found by id, draft, order or stage draft; no list rows; no changes", async () => {
    const before = await victimRows();
    expect(await getContract(db, INTRUDER, victim.id)).toBeNull();
    expect(await findContractByDraftOrder(db, INTRUDER, "gid://shopify/DraftOrder/1")).toBeNull();
    expect(await findContractByMainOrder(db, INTRUDER, "gid://shopify/Order/1")).toBeNull();
    expect(await findContractByStageDraftOrder(db, INTRUDER, "gid://shopify/DraftOrder/2")).toBeNull();
    expect(await listContracts(db, INTRUDER)).toEqual([]);
    expect(await listContracts(db, INTRUDER, { customerId: "gid://shopify/Customer/1" })).toEqual([]);
    expect(await listContracts(db, INTRUDER, { overdue: true })).toEqual([]);
    await expect(
      updateContract(db, INTRUDER, { id: victim.id, version: victim.version, changes: { status: "cancelled" }, actor: "staff:666" }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      updateStage(db, INTRUDER, {
        contractId: victim.id,
        stageId: victim.stages[1]!.id,
        version: victim.version,
        changes: { status: "cancelled" },
        actor: "staff:666",
      }),
    ).rejects.toThrow(NotFoundError);
    expect(await victimRows()).toEqual(before);
  });

  it("ledger: cannot record against, read or sum another shop's contract", async () => {
    const before = await victimRows();
    const entry = {
      contractId: victim.id,
      stageId: victim.stages[0]!.id,
      kind: "refund",
      amountMinor: 100n,
      currency: "EUR",
      occurredAt: new Date(),
      actor: "staff:666",
    } as const;
    await expect(recordLedgerEntry(db, INTRUDER, { ...entry, shopifyRef: "gid://shopify/Refund/1" })).rejects.toThrow(NotFoundError);
    // Reusing the victim's reference neither returns the victim's entry nor touches it.
    await expect(recordLedgerEntry(db, INTRUDER, { ...entry, shopifyRef: "gid://shopify/OrderTransaction/1" })).rejects.toThrow(NotFoundError);
    expect(await listLedgerEntries(db, INTRUDER, victim.id)).toEqual([]);
    expect(await ledgerTotals(db, INTRUDER, { contractId: victim.id })).toEqual({ receivedMinor: 0n, refundedMinor: 0n, netMinor: 0n, discountedMinor: 0n });
    expect(await ledgerTotals(db, INTRUDER, { contractId: victim.id, stageId: victim.stages[0]!.id })).toEqual({
      receivedMinor: 0n,
      refundedMinor: 0n,
      netMinor: 0n,
      discountedMinor: 0n,
    });
    expect(await contractBalance(db, INTRUDER, victim.id)).toBeNull();
    expect(await victimRows()).toEqual(before);
    expect(await db.ledgerEntry.count({ where: { shop: INTRUDER } })).toBe(0);
  });

  it("ledger: the same Shopify reference in two shops is two entries, each shop seeing its own", async () => {
    const own = await seedContract(db, INTRUDER, "gid://shopify/DraftOrder/1");
    const recorded = await recordLedgerEntry(db, INTRUDER, {
      contractId: own.id,
      kind: "payment",
      amountMinor: 5n,
      currency: "EUR",
      shopifyRef: "gid://shopify/OrderTransaction/1",
      occurredAt: new Date(),
      actor: "system",
    });
    expect(recorded).toMatchObject({ created: true, entry: { shop: INTRUDER, amountMinor: 5n } });
    expect((await listLedgerEntries(db, VICTIM, victim.id)).map((entry) => entry.amountMinor)).toEqual([100n]);
    expect((await findContractByDraftOrder(db, INTRUDER, "gid://shopify/DraftOrder/1"))?.id).toBe(own.id);
  });

  it("audit: another shop's contract and plan ids list nothing", async () => {
    expect(await listAudit(db, INTRUDER, { contractId: victim.id })).toEqual([]);
    expect(await listAudit(db, INTRUDER, { planId: victim.planId })).toEqual([]);
    expect((await listAudit(db, VICTIM, { contractId: victim.id })).length).toBeGreaterThan(0);
  });

  it("refuses to run without a shop rather than query every shop", async () => {
    await expect(getContract(db, "", victim.id)).rejects.toThrow("a shop domain is required");
    await expect(getPlan(db, undefined as unknown as string, victim.planId)).rejects.toThrow("a shop domain is required");
  });
});
