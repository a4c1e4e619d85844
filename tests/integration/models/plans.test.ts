import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "../../../app/models/audit-log.server";
import {
  archivePlan,
  createPlan,
  duplicatePlan,
  getPlan,
  listPlans,
  PlanNameTakenError,
  PlanValidationError,
  updatePlan,
} from "../../../app/models/plans.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const staff = "staff:42" as const;

describe("createPlan", () => {
  it("stores the source as typed, the detected syntax and the compiled model", async () => {
    const shop = "create.myshopify.com";
    const source = '{ "period": "1m(3)", "rate": "50,25,25" }';
    const juston = await createPlan(db, shop, { name: "  Three months  ", config: source, actor: staff });
    expect(juston).toMatchObject({ shop, name: "Three months", syntax: "juston", source, archivedAt: null });
    expect(juston.model.stages.map((stage) => stage.amount)).toEqual([
      { kind: "percent", percent: "50" },
      { kind: "percent", percent: "25" },
      { kind: "percent", percent: "25" },
    ]);

    const preset = await createPlan(db, shop, { name: "Monthly", config: { preset: "monthly-4" }, actor: staff });
    expect(preset.syntax).toBe("preset");
    expect(JSON.parse(preset.source)).toEqual({ preset: "monthly-4" });
    expect(preset.model.stages).toHaveLength(4);

    const stages = await createPlan(db, shop, {
      name: "Deposit",
      config: {
        stages: [
          { kind: "deposit", share: { percent: "40" }, due: "checkout" },
          { kind: "balance", share: "remainder", due: { after: "30d" } },
        ],
      },
      actor: staff,
    });
    expect(stages.syntax).toBe("stages");
    expect(await getPlan(db, shop, stages.id)).toEqual(stages);
  });

  it("turns a PlanError into a validation failure with key and column, and stores nothing", async () => {
    const shop = "invalid.myshopify.com";
    const failure = await createPlan(db, shop, { name: "Bad", config: '{"period": "1m(3)", "rate": "50,2x"}', actor: staff }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlanValidationError);
    expect(failure).toMatchObject({ key: "rate", column: 4 });

    await expect(createPlan(db, shop, { name: "Both", config: { period: "1m(2)", rate: "50", amount: "100" }, actor: staff })).rejects.toThrow(
      PlanValidationError,
    );
    await expect(createPlan(db, shop, { name: "Not JSON", config: "{period:", actor: staff })).rejects.toMatchObject({ key: "config" });
    await expect(createPlan(db, shop, { name: "   ", config: { preset: "monthly-4" }, actor: staff })).rejects.toMatchObject({ key: "name" });

    expect(await db.plan.count({ where: { shop } })).toBe(0);
    expect(await db.auditLog.count({ where: { shop } })).toBe(0);
  });

  it("refuses a name already used by an active plan of the shop, ignoring case", async () => {
    const shop = "names.myshopify.com";
    await createPlan(db, shop, { name: "Deposit plan", config: { preset: "monthly-4" }, actor: staff });
    await expect(createPlan(db, shop, { name: "deposit PLAN", config: { preset: "monthly-4" }, actor: staff })).rejects.toThrow(PlanNameTakenError);
    // Another shop may use the same name.
    await expect(createPlan(db, "other-names.myshopify.com", { name: "Deposit plan", config: { preset: "monthly-4" }, actor: staff })).resolves.toBeDefined();
    expect(await db.plan.count({ where: { shop } })).toBe(1);
  });

  it("lets only one of many concurrent creations with one name through", async () => {
    const shop = "race.myshopify.com";
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createPlan(db, shop, { name: "Same", config: { preset: "monthly-4" }, actor: staff })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected" && result.reason instanceof PlanNameTakenError)).toHaveLength(9);
  });
});

describe("listPlans, updatePlan, duplicatePlan, archivePlan", () => {
  it("lists active plans by name, archived ones only when asked", async () => {
    const shop = "list.myshopify.com";
    const b = await createPlan(db, shop, { name: "B", config: { preset: "monthly-4" }, actor: staff });
    await createPlan(db, shop, { name: "A", config: { preset: "monthly-4" }, actor: staff });
    await archivePlan(db, shop, b.id, staff);
    expect((await listPlans(db, shop)).map((plan) => plan.name)).toEqual(["A"]);
    expect((await listPlans(db, shop, { includeArchived: true })).map((plan) => plan.name)).toEqual(["A", "B"]);
  });

  it("updates with the same validation and audits the change", async () => {
    const shop = "update.myshopify.com";
    const plan = await createPlan(db, shop, { name: "Monthly", config: { preset: "monthly-4" }, actor: staff });
    await createPlan(db, shop, { name: "Taken", config: { preset: "monthly-4" }, actor: staff });

    await expect(updatePlan(db, shop, plan.id, { config: '{"rate": "50", "amount": "10"}', actor: staff })).rejects.toMatchObject({
      name: "PlanValidationError",
    });
    await expect(updatePlan(db, shop, plan.id, { name: "taken", actor: staff })).rejects.toThrow(PlanNameTakenError);
    expect(await getPlan(db, shop, plan.id)).toEqual(plan);

    const updated = await updatePlan(db, shop, plan.id, { name: "Monthly (4)", config: '{"period": "1m(2)"}', actor: "staff:7" });
    expect(updated).toMatchObject({ name: "Monthly (4)", syntax: "juston", source: '{"period": "1m(2)"}' });
    expect(updated.model.stages).toHaveLength(2);
    const [audit] = await listAudit(db, shop, { planId: plan.id });
    expect(audit).toMatchObject({
      actor: "staff:7",
      action: "plan.updated",
      details: { name: { from: "Monthly", to: "Monthly (4)" }, source: { to: '{"period": "1m(2)"}' } },
    });
  });

  it("duplicates under a free copy name, or a given one", async () => {
    const shop = "duplicate.myshopify.com";
    const plan = await createPlan(db, shop, { name: "Retainer", config: '{"preset": "retainer-monthly"}', actor: staff });
    const first = await duplicatePlan(db, shop, plan.id, { actor: staff });
    const second = await duplicatePlan(db, shop, plan.id, { actor: staff });
    const named = await duplicatePlan(db, shop, plan.id, { name: "Retainer 2028", actor: staff });
    expect([first.name, second.name, named.name]).toEqual(["Retainer (copy)", "Retainer (copy 2)", "Retainer 2028"]);
    expect(first).toMatchObject({ syntax: plan.syntax, source: plan.source, model: plan.model });
    expect(first.id).not.toBe(plan.id);
    await expect(duplicatePlan(db, shop, plan.id, { name: "retainer", actor: staff })).rejects.toThrow(PlanNameTakenError);
  });

  it("archives once, frees the name, and keeps the plan readable", async () => {
    const shop = "archive.myshopify.com";
    const plan = await createPlan(db, shop, { name: "Old", config: { preset: "monthly-4" }, actor: staff });
    const archived = await archivePlan(db, shop, plan.id, staff);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await archivePlan(db, shop, plan.id, staff)).toEqual(archived);
    expect((await listAudit(db, shop, { planId: plan.id })).map((entry) => entry.action)).toEqual(["plan.archived", "plan.created"]);
    expect(await getPlan(db, shop, plan.id)).toEqual(archived);
    await expect(createPlan(db, shop, { name: "Old", config: { preset: "monthly-4" }, actor: staff })).resolves.toMatchObject({ name: "Old" });
  });
});
