import { describe, it } from "vitest";
import { collectionRuns, withCollectionHarness } from "./collection-harness";
import { depositBeforeShippingNet30 } from "./collection-scenarios";

// A run drives a contract through weeks of emulator time, several settles and, in chaos runs, worker restarts.
const RUN_TIMEOUT_MS = 300_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
describe.concurrent("30% deposit / 50% before shipping / 20% net 30 after fulfillment, each paid from its emailed link", () => {
  for (const run of collectionRuns("deposit-30-50-20-net30")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, (h) => depositBeforeShippingNet30(h, expect));
      expect(end.problems).toEqual([]);
    });
  }
});
