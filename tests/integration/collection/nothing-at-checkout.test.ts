import { describe, it } from "vitest";
import { collectionRuns, withCollectionHarness } from "./collection-harness";
import { nothingAtCheckout } from "./collection-scenarios";

// Four months of emulator time in the longest run, two settles per stage and, in chaos runs, worker restarts.
const RUN_TIMEOUT_MS = 600_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
for (const presetId of ["net-30", "four-payments-15th"]) {
  describe.concurrent(`${presetId}: nothing at checkout, the order placed on payment terms, every stage paid from its emailed link`, () => {
    for (const run of collectionRuns(presetId)) {
      it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
        const end = await withCollectionHarness(run, (h) => nothingAtCheckout(h, expect));
        expect(end.problems).toEqual([]);
      });
    }
  });
}
