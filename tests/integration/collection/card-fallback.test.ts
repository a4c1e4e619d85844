import { describe, it } from "vitest";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import { collectionRuns, stageAt, withHarness } from "./collection-harness";

const RUN_TIMEOUT_MS = 300_000;

describe.concurrent("a saved card declined three times falls back to an emailed link, which the contract keeps for the buyer", () => {
  for (const run of collectionRuns("monthly-4").filter((candidate) => candidate.conditions === "clean")) {
    it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run, async (h) => {
        const plan = await h.createPresetPlan();
        await h.attach(await h.createQuote(), plan.id);
        await h.payStage(1, { saveCard: true });
        await h.settle("first payment made, card saved");

        h.setSavedCardOutcome("decline");
        await h.advanceToDate(stageAt(await h.contract(), 2).dueDate!);
        await h.settle("second payment due, card declines");
        for (let retry = 1; retry < 3; retry += 1) {
          const failed = stageAt(await h.contract(), 2);
          expect(failed.status).toBe("failed");
          await h.advanceTo(new Date(failed.nextAttemptAt!.getTime() + 60_000));
          await h.settle(`retry ${retry} declined`);
        }
        expect(h.transactions("FAILURE")).toHaveLength(3);
        const fallback = stageAt(await h.contract(), 2);
        expect(["invoiced", "overdue"]).toContain(fallback.status);
        expect(fallback.payUrl).not.toBeNull();
        const emailed = h.emulator.store.outbox.filter((email) => email.shop === h.shop.domain).at(-1)!;
        expect(emailed.url).toBe(fallback.payUrl);

        const paid = await payEmailedLink(h.emulator.url, fallback.payUrl!, { card: "approve" });
        expect(paid.ok).toBe(true);
        await h.settle("paid from the fallback link");
        expect(stageAt(await h.contract(), 2).status).toBe("paid");
      });
    });
  }
});
