import { describe, it } from "vitest";
import { collectionRuns, stageAt, withCollectionHarness } from "./collection-harness";

// Three months of emulator time, a declined charge and its retry, and in chaos runs worker restarts.
const RUN_TIMEOUT_MS = 300_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
describe.concurrent("4 monthly payments charged to the card saved at checkout, the second declined once", () => {
  for (const run of collectionRuns("monthly-4")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, async (h) => {
        const plan = await h.createPresetPlan();
        await h.attach(await h.createQuote(), plan.id);
        await h.payStage(1, { saveCard: true });
        await h.settle("first payment made, card saved");

        h.setSavedCardOutcome("decline");
        await h.advanceToDate(stageAt(await h.contract(), 2).dueDate!);
        await h.settle("second payment due, card declines");
        const declined = stageAt(await h.contract(), 2);
        expect(declined.status).toBe("failed");
        expect(declined.nextAttemptAt).not.toBeNull();
        const [decline] = h.transactions("FAILURE");
        expect(h.transactions("FAILURE")).toHaveLength(1);

        h.setSavedCardOutcome("approve");
        await h.advanceTo(new Date(declined.nextAttemptAt!.getTime() + 60_000));
        await h.settle("declined payment retried");
        expect(stageAt(await h.contract(), 2).status).toBe("paid");
        const cardCharges = h.transactions("SUCCESS").filter((transaction) => transaction.mandateId);
        expect(cardCharges).toHaveLength(1);
        expect(cardCharges[0]!.createdAt > decline!.createdAt).toBe(true);

        for (const position of [3, 4]) {
          await h.advanceToDate(stageAt(await h.contract(), position).dueDate!);
          await h.settle(`payment ${position} due`);
          expect(stageAt(await h.contract(), position).status).toBe("paid");
        }
        return h.endState({ declines: 1 });
      });
      expect(end.problems).toEqual([]);
    });
  }
});
