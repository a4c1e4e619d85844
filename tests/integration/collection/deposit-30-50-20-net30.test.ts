import { describe, it } from "vitest";
import { addDays } from "../../../app/domain/dates/calendar-date";
import { collectionRuns, stageAt, withCollectionHarness } from "./collection-harness";

// A run drives a contract through weeks of emulator time, several settles and, in chaos runs, worker restarts.
const RUN_TIMEOUT_MS = 300_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
describe.concurrent("30% deposit / 50% before shipping / 20% net 30 after fulfillment, each paid from its emailed link", () => {
  for (const run of collectionRuns("deposit-30-50-20-net30")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, async (h) => {
        const plan = await h.createPresetPlan();
        await h.attach(await h.createQuote(), plan.id);
        await h.payStage(1);
        await h.settle("deposit paid");
        expect(await h.fulfillmentState()).toEqual([{ status: "ON_HOLD", holds: ["AWAITING_PAYMENT"] }]);

        await h.markMilestone("Ready to ship");
        await h.settle("marked ready to ship");
        await h.payStage(2);
        await h.settle("pre-shipping payment made");
        expect(await h.fulfillmentState()).toEqual([{ status: "OPEN", holds: [] }]);

        expect(await h.fulfillMainOrder()).toEqual([]);
        const fulfilledOn = h.today();
        await h.settle("order fulfilled");
        const balance = stageAt(await h.contract(), 3);
        expect(balance.dueDate).toBe(addDays(fulfilledOn, 30));
        await h.advanceToDate(balance.dueDate!);
        await h.settle("balance due");
        await h.payStage(3);
        await h.settle("balance paid");
        return h.endState({ declines: 0 });
      });
      expect(end.problems).toEqual([]);
    });
  }
});
