import { describe, it } from "vitest";
import { addDays } from "../../../app/domain/dates/calendar-date";
import { listAudit } from "../../../app/models/audit-log.server";
import { collectionRuns, stageAt, withCollectionHarness } from "./collection-harness";

const RUN_TIMEOUT_MS = 300_000;

describe.concurrent("a schedule changed before and after a payment is collected as changed, to the minor unit", () => {
  for (const run of collectionRuns("deposit-balance-before-shipping").filter((candidate) => candidate.conditions === "clean")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, async (h) => {
        const plan = await h.createPresetPlan();
        const attached = await h.attach(await h.createQuote(), plan.id);
        const total = attached.totalMinor;
        const deposit = stageAt(attached, 1).amountMinor;

        // Before any payment: the balance before shipping becomes two dated installments (the deposit is frozen: its link is out).
        await expect(
          h.editSchedule({ rows: [{ kind: "installment", amount: { kind: "fixed", amount: total }, due: { kind: "date", dueDate: addDays(h.today(), 10) } }] }),
        ).rejects.toThrow(/owed/);
        let contract = await h.editSchedule({
          rows: [
            { kind: "installment", amount: { kind: "percent", percent: "60" }, due: { kind: "date", dueDate: addDays(h.today(), 10) } },
            { kind: "installment", amount: { kind: "remainder" }, due: { kind: "date", dueDate: addDays(h.today(), 40) } },
          ],
        });
        expect(contract.stages.map((stage) => stage.amountMinor).reduce((sum, amount) => sum + amount, 0n)).toBe(total);
        expect(stageAt(contract, 1).amountMinor).toBe(deposit);
        await h.settle("schedule changed before the deposit");

        await h.payStage(1);
        await h.settle("deposit paid");
        expect(await h.fulfillmentState()).toEqual([{ status: "OPEN", holds: [] }]);

        // After a payment: what is left goes on three monthly installments of another plan.
        const monthly = await h.createPresetPlan("monthly-4");
        contract = await h.editSchedule({ planId: monthly.id }, "switched to monthly payments");
        expect(contract.planId).toBe(monthly.id);
        expect(contract.stages).toHaveLength(5);
        expect(contract.stages.map((stage) => stage.amountMinor).reduce((sum, amount) => sum + amount, 0n)).toBe(total);
        for (const line of contract.orderSnapshot.taxLines) {
          const index = contract.orderSnapshot.taxLines.indexOf(line);
          expect(contract.stages.reduce((sum, stage) => sum + stage.taxShares[index]!.amount, 0n)).toBe(line.amount);
        }
        const audit = await listAudit(h.deps.db, h.shop.domain, { contractId: contract.id });
        expect(audit.filter((entry) => entry.action === "contract.scheduleRevised")).toHaveLength(2);
        expect(await h.deps.db.outgoingEmail.count({ where: { contractId: contract.id, kind: "scheduleChanged" } })).toBe(2);

        for (const position of [2, 3, 4, 5]) {
          const due = stageAt(await h.contract(), position).dueDate!;
          if (due > h.today()) await h.advanceToDate(due);
          await h.settle(`stage ${position} due`);
          await h.payStage(position);
          await h.settle(`stage ${position} paid`);
        }
        return h.endState({ declines: 0 });
      });
      expect(end.problems).toEqual([]);
    });
  }
});
