import { describe, it } from "vitest";

import { addDays } from "../../../app/domain/dates/calendar-date";
import { accountBalancesAt } from "../../../app/services/books/journal-source.server";
import { accountingExport } from "../../../app/services/accounting-export/accounting-export.server";
import { collectionRuns, withCollectionHarness } from "../collection/collection-harness";

const RUN_TIMEOUT_MS = 300_000;

/** The books of a contract the app collected through the emulated Shopify: deposit, shipping held, balance, shipped. */
describe("the journal of a contract collected end to end", () => {
  const run = collectionRuns("deposit-balance-before-shipping").find((candidate) => candidate.name.endsWith("/stageOrder/clean"))!;
  it(run.name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
    const end = await withCollectionHarness(run, async (h) => {
      const plan = await h.createPresetPlan();
      await h.attach(await h.createQuote(), plan.id);
      await h.payStage(1);
      await h.settle("deposit paid");
      await h.markMilestone("Ready to ship");
      await h.settle("marked ready to ship");
      await h.payStage(2);
      await h.settle("balance paid");
      await h.fulfillMainOrder();
      await h.settle("order shipped");

      const { db } = h.deps;
      const shop = h.shop.domain;
      const contract = await h.contract();
      const today = h.today();
      const balances = await accountBalancesAt(db, shop, today);
      const balance = (account: string) => balances.filter((row) => row.account === account).reduce((sum, row) => sum + row.balanceMinor, 0n);
      const ledger = await db.ledgerEntry.findMany({ where: { shop } });
      const cash = ledger.reduce((sum, entry) => sum + (entry.kind === "refund" ? -entry.amountMinor : entry.amountMinor), 0n);
      const tax = contract.stages.flatMap((stage) => stage.taxShares).reduce((sum, share) => sum + share.amount, 0n);

      // Paid in full and shipped: cash is the ledger's, nothing owed, nothing deferred, the order's net is revenue.
      expect(balance("cashClearing")).toBe(cash);
      expect(cash).toBe(contract.totalMinor);
      expect(balance("accountsReceivable")).toBe(0n);
      expect(balance("contractLiability")).toBe(0n);
      expect(balance("revenue")).toBe(-(contract.totalMinor - tax));
      expect(balance("taxPayable")).toBe(-tax);

      const file = await accountingExport(db, shop, { format: "xero-journals", range: { from: addDays(today, -400), to: today } });
      const text = await new Response(file.body).text();
      expect(text.split("\n")[0]).toBe("Narration,Date,Description,AccountCode,TaxRate,Amount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2");
      return h.endState({ declines: 0 });
    });
    expect(end.problems).toEqual([]);
  });
});
