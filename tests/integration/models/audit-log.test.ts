import { afterAll, describe, expect, it } from "vitest";
import { listAudit, writeAudit, type AuditActor } from "../../../app/models/audit-log.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

describe("the audit log", () => {
  it("writes entries with their actor and details and lists them newest first, by contract or plan", async () => {
    const shop = "audit.myshopify.com";
    await writeAudit(db, shop, { actor: "staff:12", action: "plan.created", planId: "p1", details: { name: "Monthly" } });
    await writeAudit(db, shop, { actor: "webhook:orders/paid", action: "ledger.recorded", contractId: "c1", details: { amountMinor: 2n ** 62n } });
    await writeAudit(db, shop, { actor: "job:collect-stage", action: "stage.updated", contractId: "c1", details: { position: 2 } });
    await writeAudit(db, shop, { actor: "system", action: "contract.updated", contractId: "c2", details: {} });

    expect((await listAudit(db, shop)).map((entry) => entry.action)).toEqual(["contract.updated", "stage.updated", "ledger.recorded", "plan.created"]);
    const forContract = await listAudit(db, shop, { contractId: "c1" });
    expect(forContract.map((entry) => [entry.actor, entry.details])).toEqual([
      ["job:collect-stage", { position: 2 }],
      ["webhook:orders/paid", { amountMinor: "4611686018427387904" }],
    ]);
    expect(await listAudit(db, shop, { planId: "p1" })).toMatchObject([{ actor: "staff:12", planId: "p1", contractId: null }]);
    expect(await listAudit(db, shop, { limit: 1 })).toHaveLength(1);
    expect(await listAudit(db, "quiet.myshopify.com")).toEqual([]);
  });

  it("refuses an actor that does not say who", async () => {
    for (const actor of ["staff:", "robot:1", "", "System"]) {
      await expect(writeAudit(db, "actors.myshopify.com", { actor: actor as AuditActor, action: "plan.created", details: {} })).rejects.toThrow(TypeError);
    }
    await expect(writeAudit(db, "", { actor: "system", action: "plan.created", details: {} })).rejects.toThrow("a shop domain is required");
    expect(await db.auditLog.count()).toBe(4);
  });
});
