import { describe, it } from "vitest";
import { getContract } from "../../../app/models/contracts.server";
import { contractBalance, listLedgerEntries } from "../../../app/models/ledger.server";
import { requestContractSync } from "../../../app/services/collection/contract-sync-requests.server";
import { netPayment } from "../../../emulator/commerce/order-balance";
import { collectionRuns, stageAt, withHarness, type CollectionHarness, type CollectionRun } from "./collection-harness";

const RUN_TIMEOUT_MS = 300_000;

/** One clean run per collection mode: native (Plus) and stage orders (Basic). */
const RUNS = collectionRuns("deposit-balance-before-shipping").filter((run) => run.conditions === "clean");

/** The order that holds the deposit: the main order in native mode, the deposit's own order otherwise. */
async function depositOrderId(h: CollectionHarness): Promise<string> {
  const contract = await h.contract();
  const id = contract.mode === "native" ? contract.mainOrderId : stageAt(contract, 1).stageOrderId;
  if (!id) throw new Error(`no order holds the deposit yet\n${await h.diagnostics()}`);
  return id;
}

async function attachAndPayDeposit(h: CollectionHarness): Promise<void> {
  const plan = await h.createPresetPlan();
  await h.attach(await h.createQuote(), plan.id);
  await h.payStage(1);
  await h.settle("deposit paid");
}

describe.concurrent("refunds and cancellations reach the ledger once, and Shopify ends consistent", () => {
  for (const base of RUNS) {
    const run = (scenario: string): CollectionRun => ({ ...base, name: `${base.name}/${scenario}`, seed: base.seed });

    it(run("refunds").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("refunds"), async (h) => {
        await attachAndPayDeposit(h);
        const deposit = stageAt(await h.contract(), 1);

        // In Shopify's own admin: $10 back on the deposit's payment.
        await h.refundInShopify(await depositOrderId(h), "10.00");
        await h.settle("refunded in Shopify");
        let contract = await h.contract();
        expect(stageAt(contract, 1)).toMatchObject({ status: "paid", paidMinor: deposit.amountMinor, refundedMinor: 1_000n });

        // From the contract page: $5 more, never more than was paid.
        await expect(h.refund(deposit.amountMinor)).rejects.toThrow(/at most/);
        await h.refund(500n);
        await h.settle("refunded from the app");
        contract = await h.contract();
        expect(stageAt(contract, 1).refundedMinor).toBe(1_500n);
        expect(stageAt(contract, 2)).toMatchObject({ refundedMinor: 0n });
        const refunds = (await listLedgerEntries(h.deps.db, h.shop.domain, contract.id)).filter((entry) => entry.kind === "refund");
        expect(refunds.map((entry) => entry.amountMinor)).toEqual([1_000n, 500n]);
        expect(netPayment(h.order(await depositOrderId(h)))).toBe(((Number(deposit.amountMinor) - 1_500) / 100).toFixed(2));
      });
    });

    it(run("cancel-refund-all").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("cancel-refund-all"), async (h) => {
        await attachAndPayDeposit(h);
        await h.cancel({ settlement: "refund", amount: "all" });
        await h.settle("cancelled, refunding everything");
        const contract = await h.contract();
        expect(contract.status).toBe("cancelled");
        expect(contract.cancelledOn).toBe(h.today());
        expect(contract.stages.map((stage) => stage.status)).toEqual(["refunded", "cancelled"]);
        expect(stageAt(contract, 1).refundedMinor).toBe(stageAt(contract, 1).paidMinor);
        expect(netPayment(h.order(await depositOrderId(h)))).toBe("0.00");
        expect(h.order(contract.mainOrderId!).cancelledAt).toBeDefined();
      });
    });

    it(run("cancel-refund-part").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("cancel-refund-part"), async (h) => {
        await attachAndPayDeposit(h);
        const paid = stageAt(await h.contract(), 1).paidMinor;
        await expect(h.cancel({ settlement: "refund", amount: paid + 1n })).rejects.toThrow(/at most/);
        // $10 refunded in Shopify just before (the ledger may not hold it yet): the $25 chosen comes on top of it.
        await h.refundInShopify(await depositOrderId(h), "10.00");
        await h.cancel({ settlement: "refund", amount: 2_500n }, "cancellation fee kept");
        await h.settle("cancelled, refunding part");
        const contract = await h.contract();
        expect(contract.stages.map((stage) => [stage.status, stage.refundedMinor])).toEqual([
          ["paid", 3_500n],
          ["cancelled", 0n],
        ]);
        expect(netPayment(h.order(await depositOrderId(h)))).toBe(((Number(paid) - 3_500) / 100).toFixed(2));
        expect(h.order(contract.mainOrderId!).cancelledAt).toBeDefined();
        expect((await contractBalance(h.deps.db, h.shop.domain, contract.id))?.outstandingMinor).toBe(0n);
      });
    });

    it(run("cancel-keep-credit").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("cancel-keep-credit"), async (h) => {
        await attachAndPayDeposit(h);
        await h.cancel({ settlement: "keepAsCredit" });
        await h.settle("cancelled, keeping the money as credit");
        const contract = await h.contract();
        expect(contract.stages.map((stage) => [stage.status, stage.refundedMinor])).toEqual([
          ["paid", 0n],
          ["cancelled", 0n],
        ]);
        const main = h.order(contract.mainOrderId!);
        expect(main.cancelledAt).toBeDefined();
        expect(main.transactions.some((t) => t.kind === "REFUND")).toBe(false);
      });
    });

    it(run("cancel-close").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("cancel-close"), async (h) => {
        await attachAndPayDeposit(h);
        await h.cancel({ settlement: "close" });
        await h.settle("cancelled, closing the order");
        const contract = await h.contract();
        const main = h.order(contract.mainOrderId!);
        expect(main.closedAt).toBeDefined();
        expect(main.cancelledAt).toBeUndefined();
        expect(await h.fulfillmentState()).toEqual([{ status: "OPEN", holds: [] }]);
      });
    });

    it(run("re-attach-after-cancel").name, { timeout: RUN_TIMEOUT_MS }, async ({ expect }) => {
      await withHarness(run("re-attach-after-cancel"), async (h) => {
        const plan = await h.createPresetPlan();
        const quote = await h.createQuote();
        const first = await h.attach(quote, plan.id);
        await h.cancel({ settlement: "close" }, "wrong plan");
        await h.settle("cancelled before the deposit");
        const second = await h.attach(quote, plan.id);
        expect(second.id).not.toBe(first.id);
        expect(second.status).toBe("awaitingDeposit");
        await h.payStage(1);
        await h.settle("deposit of the new plan paid");
        const renewed = await h.contract();
        expect(renewed.stages[0]!.status).toBe("paid");

        // A late sync of the cancelled contract (a retried webhook naming it) leaves the new contract's order alone.
        await requestContractSync(h.deps.jobs, h.shop.domain, first.id, "a late webhook of the cancelled contract");
        await h.settle("the cancelled contract synced again");
        const old = await getContract(h.deps.db, h.shop.domain, first.id);
        expect(old?.mainOrderId).toBeNull();
        expect(await listLedgerEntries(h.deps.db, h.shop.domain, first.id)).toEqual([]);
        const main = h.order((await h.contract()).mainOrderId!);
        expect(main.cancelledAt).toBeUndefined();
        expect(main.closedAt).toBeUndefined();
      });
    });
  }
});
