import { describe, it } from "vitest";
import { collectionRuns, stageAt, withCollectionHarness } from "./collection-harness";

// Several settles and, in chaos runs, worker restarts.
const RUN_TIMEOUT_MS = 300_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
describe.concurrent("50% deposit + balance before shipping, with the goods held until the balance is paid", () => {
  for (const run of collectionRuns("deposit-balance-before-shipping")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, async (h) => {
        const plan = await h.createPresetPlan();
        await h.attach(await h.createQuote(), plan.id);
        await h.payStage(1);
        await h.settle("deposit paid");
        expect(await h.fulfillmentState()).toEqual([{ status: "ON_HOLD", holds: ["AWAITING_PAYMENT"] }]);
        expect(await h.fulfillMainOrder()).not.toEqual([]);

        await h.markMilestone("Ready to ship");
        await h.settle("marked ready to ship");
        expect(stageAt(await h.contract(), 2).dueDate).toBe(h.today());
        await h.payStage(2);
        await h.settle("balance paid");
        expect(await h.fulfillmentState()).toEqual([{ status: "OPEN", holds: [] }]);
        expect(await h.fulfillMainOrder()).toEqual([]);
        await h.settle("order shipped");
        // The books recognise the revenue on the day the goods shipped.
        expect((await h.contract()).fulfilledOn).toBe(h.today());
        return h.endState({ declines: 0 });
      });
      expect(end.problems).toEqual([]);
    });
  }
});
