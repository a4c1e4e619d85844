import { describe, it } from "vitest";
import { collectionRuns, withCollectionHarness } from "./collection-harness";
import { monthlyOnSavedCard } from "./collection-scenarios";

// Three months of emulator time, a declined charge and its retry, and in chaos runs worker restarts.
const RUN_TIMEOUT_MS = 300_000;

// Runs go on side by side (vitest's maxConcurrency, 5): most of a run is waiting on webhook retries, the Admin
// API's bucket and worker restarts, and each run has its own emulator, database and worker.
describe.concurrent("4 monthly payments charged to the card saved at checkout, the second declined once", () => {
  for (const run of collectionRuns("monthly-4")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const end = await withCollectionHarness(run, (h) => monthlyOnSavedCard(h, expect));
      expect(end.problems).toEqual([]);
    });
  }
});
