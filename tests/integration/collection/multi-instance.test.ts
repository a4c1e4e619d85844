import { describe, it } from "vitest";

import { seedOf, withCollectionHarness, type CollectionRun } from "./collection-harness";
import { depositBeforeShippingNet30, monthlyOnSavedCard } from "./collection-scenarios";

// Worker restarts wait for a dead worker's heartbeat to lapse (10 s) before its jobs run again.
const RUN_TIMEOUT_MS = 300_000;

/**
 * The platform's claim: any number of web and worker instances on one database. Two web processes take Shopify's
 * webhooks (faulty: duplicated, reordered, failed first attempts) behind a round-robin proxy, two worker processes
 * run the jobs and are SIGKILLed at random while jobs run. Each run checks that every stage is paid once, the ledger
 * equals the total, and nothing was charged, invoiced or emailed twice, and prints its counts.
 */
const runs: CollectionRun[] = (["native", "stageOrder"] as const).flatMap((mode) =>
  ["deposit-30-50-20-net30", "monthly-4"].map((presetId) => {
    const name = `${presetId}/${mode}/2 web + 2 workers, faults+kills`;
    return { name, presetId, mode, conditions: "faults+kills" as const, seed: seedOf(name), topology: { webProcesses: 2, workers: 2 } };
  }),
);

describe.concurrent("collection on two web and two worker processes, workers killed at random", () => {
  for (const run of runs) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      const scenario = run.presetId === "monthly-4" ? monthlyOnSavedCard : depositBeforeShippingNet30;
      const end = await withCollectionHarness(run, (h) => scenario(h, expect));
      expect(end.problems).toEqual([]);
      expect(end.counts.kills).toBeGreaterThan(0);
    });
  }
});
