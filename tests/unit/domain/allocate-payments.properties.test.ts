import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocatePayments, type AllocatedPayment } from "../../../app/domain/contract/allocate-payments";
import type { ContractState } from "../../../app/domain/contract/contract-state";
import { isMoneyIn, isStageOrderMoneyIn, type Observation, type ObservedOrder, type ObservedTransaction } from "../../../app/domain/contract/observation";
import { CONTRACT_ID, contractState, MAIN_ORDER_ID, observation, observedOrder, stageOrderId, stageState, transaction } from "./contract-fixture";

/** Instants a few minutes apart, so that equal times (ordered by id) come up often. */
const instant = fc.integer({ min: 0, max: 20 }).map((minute) => new Date(Date.UTC(2027, 0, 15, 10, minute)));
const amount = fc.bigInt({ min: 1n, max: 150_000n });

/** Transactions that are never money: mirrors, declines, authorizations, pending sales, refunds. */
const notMoney = fc.constantFrom<Partial<ObservedTransaction>>(
  { manual: true },
  { status: "FAILURE", errorCode: "CARD_DECLINED" },
  { kind: "AUTHORIZATION" },
  { status: "PENDING" },
  { kind: "REFUND" },
);

interface History {
  readonly contract: ContractState;
  readonly main: readonly ObservedTransaction[];
  readonly byStage: ReadonlyMap<number, readonly ObservedTransaction[]>;
}

/**
 * A contract of 1-6 stages, some with a saved-card charge reference (directed) or a charge on its way (in
 * flight: its key stored), and a history on the main order and the stage orders: undirected money, charges
 * carrying a stage's reference, stage-order money, and noise. Ids are unique, as Shopify's are. Nothing is
 * recorded yet.
 */
function history(options: { directed: boolean; inFlight?: boolean }): fc.Arbitrary<History> {
  return fc
    .record({
      stages: fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 100_000n }), charged: fc.boolean(), inFlight: fc.boolean() }), {
        minLength: 1,
        maxLength: 6,
      }),
      main: fc.array(fc.record({ amount, at: instant, chargeOf: fc.option(fc.nat(), { nil: null }), noise: fc.option(notMoney, { nil: null }) }), {
        maxLength: 8,
      }),
      staged: fc.array(fc.record({ amount, at: instant, stage: fc.nat(), noise: fc.option(notMoney, { nil: null }) }), { maxLength: 6 }),
    })
    .map(({ stages, main, staged }) => {
      const contract = contractState({
        stages: stages.map((stage, index) => {
          // A charge on its way has its reference saved (the executor saves it with Shopify's answer).
          const inFlight = options.inFlight && stage.inFlight;
          const chargeRef = options.directed && stage.charged ? `card-${index + 1}` : inFlight ? `in-flight-${index + 1}` : null;
          const chargeKey = chargeRef !== null ? `${CONTRACT_ID}:${index + 1}:1` : null;
          return stageState(index + 1, { amount: stage.amount, chargeRef, chargeKey });
        }),
      });
      const mainTransactions = main.map((entry, index) => {
        const target = entry.chargeOf === null ? undefined : contract.stages[entry.chargeOf % contract.stages.length];
        return transaction(`main-${index}`, entry.amount, {
          processedAt: entry.at,
          paymentReferenceId: options.directed && target?.chargeRef ? target.chargeRef : `checkout-${index}`,
          ...(entry.noise ?? {}),
        });
      });
      const byStage = new Map<number, ObservedTransaction[]>();
      if (options.directed) {
        staged.forEach((entry, index) => {
          const position = (entry.stage % contract.stages.length) + 1;
          const list = byStage.get(position) ?? [];
          list.push(transaction(`stage-${index}`, entry.amount, { processedAt: entry.at, ...(entry.noise ?? {}) }));
          byStage.set(position, list);
        });
      }
      return { contract, main: mainTransactions, byStage };
    });
}

function observe(main: readonly ObservedTransaction[], byStage: ReadonlyMap<number, readonly ObservedTransaction[]>): Observation {
  const stageOrders = new Map<number, ObservedOrder>(
    [...byStage].map(([position, list]) => [position, observedOrder(stageOrderId(position), { transactions: list })]),
  );
  return observation({ mainOrder: observedOrder(MAIN_ORDER_ID, { transactions: main }), stageOrders });
}

const total = (amounts: readonly bigint[]) => amounts.reduce((sum, value) => sum + value, 0n);
// On stage orders a manual payment is the buyer's offline payment (the app records none there): it is money.
const moneyIn = (main: readonly ObservedTransaction[], byStage: ReadonlyMap<number, readonly ObservedTransaction[]>) =>
  total([...main.filter(isMoneyIn), ...[...byStage.values()].flat().filter(isStageOrderMoneyIn)].map((t) => t.amount));
const everything = (h: History) => [...h.main, ...[...h.byStage.values()].flat()];
/** The part of a history made of these transactions, as Shopify would have shown it then. */
const only = (h: History, ids: ReadonlySet<string>) =>
  observe(
    h.main.filter((t) => ids.has(t.id)),
    new Map([...h.byStage].map(([position, list]) => [position, list.filter((t) => ids.has(t.id))])),
  );
/** The contract with these payments in its ledger. */
const recording = (contract: ContractState, payments: readonly AllocatedPayment[]): ContractState => ({
  ...contract,
  recordedPayments: new Map([...contract.recordedPayments, ...payments.map((p) => [p.ref, { position: p.position, amount: p.amount }] as const)]),
});
const chronological = (list: readonly ObservedTransaction[]) =>
  [...list].sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime() || a.id.localeCompare(b.id));
/** The transaction a ledger ref came from: `<tx>` or `<tx>#<position>`. */
const sourceOf = (payment: AllocatedPayment) => payment.ref.split("#")[0];

const ANY_HISTORY = [
  ["directed money, no charge in flight", { directed: true }],
  ["undirected money, no charge in flight", { directed: false }],
  ["undirected money, charges in flight", { directed: false, inFlight: true }],
] as const;

describe("allocatePayments properties (nothing recorded yet)", () => {
  it("allocates exactly the money that came in, once per ref, every part above zero and on a real stage", () => {
    fc.assert(
      fc.property(history({ directed: true, inFlight: true }), ({ contract, main, byStage }) => {
        const payments = allocatePayments(contract, observe(main, byStage));
        expect(total(payments.map((p) => p.amount))).toBe(moneyIn(main, byStage));
        expect(new Set(payments.map((p) => p.ref)).size).toBe(payments.length);
        const positions = new Set(contract.stages.map((stage) => stage.position));
        for (const payment of payments) {
          expect(payment.amount > 0n).toBe(true);
          expect(positions.has(payment.position)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("a payment on one stage keeps the bare transaction id; a split one is keyed <tx>#<position>, one part per stage", () => {
    fc.assert(
      fc.property(history({ directed: true, inFlight: true }), (h) => {
        const payments = allocatePayments(h.contract, observe(h.main, h.byStage));
        for (const t of [...h.main.filter(isMoneyIn), ...[...h.byStage.values()].flat().filter(isStageOrderMoneyIn)]) {
          const parts = payments.filter((p) => sourceOf(p) === t.id);
          expect(parts.length).toBeGreaterThan(0);
          if (parts.length === 1) expect(parts[0]!.ref).toBe(t.id);
          else expect(parts.map((p) => p.ref)).toEqual(parts.map((p) => `${t.id}#${p.position}`));
          expect(new Set(parts.map((p) => p.position)).size).toBe(parts.length);
          for (const part of parts) expect(part.occurredAt).toEqual(t.processedAt);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("directed money stays on its stage: stage-order money and charges carrying a stage's reference", () => {
    fc.assert(
      fc.property(history({ directed: true, inFlight: true }), ({ contract, main, byStage }) => {
        const byRef = new Map(allocatePayments(contract, observe(main, byStage)).map((p) => [p.ref, p]));
        for (const [position, list] of byStage) {
          for (const t of list.filter(isStageOrderMoneyIn)) expect(byRef.get(t.id)).toMatchObject({ position, amount: t.amount });
        }
        for (const t of main.filter(isMoneyIn)) {
          const stage = contract.stages.find((candidate) => candidate.chargeRef !== null && candidate.chargeRef === t.paymentReferenceId);
          if (stage) expect(byRef.get(t.id)).toMatchObject({ position: stage.position, amount: t.amount });
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same answer whatever order Shopify lists the transactions and stage orders in", () => {
    const shuffled = history({ directed: true, inFlight: true }).chain((h) =>
      fc.record({
        original: fc.constant(h),
        main: fc.shuffledSubarray([...h.main], { minLength: h.main.length, maxLength: h.main.length }),
        stageOrder: fc.shuffledSubarray([...h.byStage.keys()], { minLength: h.byStage.size, maxLength: h.byStage.size }),
        reverseWithin: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(shuffled, ({ original, main, stageOrder, reverseWithin }) => {
        const byStage = new Map(
          stageOrder.map((position) => {
            const list = original.byStage.get(position) ?? [];
            return [position, reverseWithin ? [...list].reverse() : list];
          }),
        );
        expect(allocatePayments(original.contract, observe(main, byStage))).toEqual(
          allocatePayments(original.contract, observe(original.main, original.byStage)),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("undirected money fills the stages like a waterfall: each stage gets min(its amount, what is left), the last the rest", () => {
    fc.assert(
      fc.property(history({ directed: false }), ({ contract, main }) => {
        const payments = allocatePayments(contract, observe(main, new Map()));
        let left = moneyIn(main, new Map());
        const expected = contract.stages.map((stage, index) => {
          const isLast = index === contract.stages.length - 1;
          const share = isLast || left < stage.amount ? left : stage.amount;
          left -= share;
          return share;
        });
        const received = contract.stages.map((stage) => total(payments.filter((p) => p.position === stage.position).map((p) => p.amount)));
        expect(received).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  it("undirected money reaches a stage whose charge is on its way only once every other stage is full", () => {
    let reached = 0;
    fc.assert(
      fc.property(history({ directed: false, inFlight: true }), ({ contract, main }) => {
        const payments = allocatePayments(contract, observe(main, new Map()));
        const received = new Map(contract.stages.map((stage) => [stage.position, 0n]));
        const notCharging = contract.stages.filter((stage) => stage.chargeKey === null);
        for (const t of chronological(main).filter(isMoneyIn)) {
          const parts = payments.filter((p) => sourceOf(p) === t.id);
          for (const part of parts) received.set(part.position, (received.get(part.position) ?? 0n) + part.amount);
          const onCharging = parts.some((part) => contract.stages.find((stage) => stage.position === part.position)?.chargeKey !== null);
          if (onCharging) {
            reached++;
            for (const stage of notCharging) expect(received.get(stage.position)! >= stage.amount).toBe(true);
          }
        }
      }),
      { numRuns: 600 },
    );
    expect(reached).toBeGreaterThan(50);
  });
});

describe("allocatePayments properties (the ledger is the memory)", () => {
  it.each(ANY_HISTORY)(
    "%s: recording a prefix, then allocating everything returns exactly the rest, and together they are the allocation from scratch",
    (_, options) => {
      const withCut = history(options).chain((h) => fc.record({ h: fc.constant(h), cut: fc.integer({ min: 0, max: everything(h).length }) }));
      fc.assert(
        fc.property(withCut, ({ h, cut }) => {
          const prefix = new Set(
            chronological(everything(h))
              .slice(0, cut)
              .map((t) => t.id),
          );
          const before = allocatePayments(h.contract, only(h, prefix));
          const rest = allocatePayments(recording(h.contract, before), observe(h.main, h.byStage));
          const fromScratch = allocatePayments(h.contract, observe(h.main, h.byStage));
          expect(rest).toEqual(fromScratch.filter((p) => !prefix.has(sourceOf(p) as string)));
          expect([...before, ...rest]).toEqual(fromScratch);
        }),
        { numRuns: 400 },
      );
    },
  );

  it.each(ANY_HISTORY)(
    "%s: payments reaching the ledger in any order, in any batches: recorded + new is the money in, refs unique, each transaction recorded once",
    (_, options) => {
      const arrivals = history(options).chain((h) =>
        fc.record({
          h: fc.constant(h),
          order: fc.shuffledSubarray(everything(h), { minLength: everything(h).length, maxLength: everything(h).length }),
          cuts: fc.array(fc.nat(), { maxLength: 4 }),
        }),
      );
      fc.assert(
        fc.property(arrivals, ({ h, order, cuts }) => {
          const ends = [...cuts.map((cut) => cut % (order.length + 1)).sort((a, b) => a - b), order.length];
          let contract = h.contract;
          for (const end of ends) {
            const shown = order.slice(0, end);
            const fresh = allocatePayments(contract, only(h, new Set(shown.map((t) => t.id))));
            const recordedSources = new Set([...contract.recordedPayments.keys()].map((ref) => ref.split("#")[0]));
            for (const payment of fresh) {
              expect(contract.recordedPayments.has(payment.ref)).toBe(false);
              expect(recordedSources.has(sourceOf(payment))).toBe(false);
            }
            expect(new Set(fresh.map((p) => p.ref)).size).toBe(fresh.length);
            const recordedAmount = total([...contract.recordedPayments.values()].map((entry) => entry.amount));
            const shownIds = new Set(shown.map((t) => t.id));
            const shownByStage = new Map([...h.byStage].map(([position, list]) => [position, list.filter((t) => shownIds.has(t.id))] as const));
            expect(recordedAmount + total(fresh.map((p) => p.amount))).toBe(
              moneyIn(
                h.main.filter((t) => shownIds.has(t.id)),
                shownByStage,
              ),
            );
            contract = recording(contract, fresh);
          }
          // Everything is recorded: a rerun records nothing.
          expect(allocatePayments(contract, observe(h.main, h.byStage))).toEqual([]);
          expect(total([...contract.recordedPayments.values()].map((entry) => entry.amount))).toBe(moneyIn(h.main, h.byStage));
        }),
        { numRuns: 300 },
      );
    },
  );

  // Fails for the reason the unit test "a new payment dated before recorded ones is allocated around them" gives:
  // a recorded payment counts against its stage only once the oldest-first walk reaches it, so a payment that
  // reaches the ledger late with an older date overfills a stage that is already paid and leaves a later one open.
  it("undirected money ends as the waterfall whatever order its payments reach the ledger in", () => {
    const arrivals = history({ directed: false }).chain((h) =>
      fc.record({
        h: fc.constant(h),
        order: fc.shuffledSubarray([...h.main], { minLength: h.main.length, maxLength: h.main.length }),
        cuts: fc.array(fc.nat(), { maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(arrivals, ({ h, order, cuts }) => {
        let contract = h.contract;
        for (const end of [...cuts.map((cut) => cut % (order.length + 1)).sort((a, b) => a - b), order.length]) {
          contract = recording(contract, allocatePayments(contract, only(h, new Set(order.slice(0, end).map((t) => t.id)))));
        }
        let left = moneyIn(h.main, new Map());
        const waterfall = h.contract.stages.map((stage, index) => {
          const share = index === h.contract.stages.length - 1 || left < stage.amount ? left : stage.amount;
          left -= share;
          return share;
        });
        const recorded = [...contract.recordedPayments.values()];
        expect(h.contract.stages.map((stage) => total(recorded.filter((entry) => entry.position === stage.position).map((entry) => entry.amount)))).toEqual(
          waterfall,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("a recorded payment is never moved: later payments only add entries, under refs of their own", () => {
    const twoRuns = history({ directed: true, inFlight: true }).chain((h) =>
      fc.record({ h: fc.constant(h), firstSeen: fc.subarray(everything(h).map((t) => t.id)) }),
    );
    fc.assert(
      fc.property(twoRuns, ({ h, firstSeen }) => {
        const first = allocatePayments(h.contract, only(h, new Set(firstSeen)));
        const afterFirst = recording(h.contract, first);
        const second = allocatePayments(afterFirst, observe(h.main, h.byStage));
        const ledgerNow = recording(afterFirst, second).recordedPayments;
        expect(ledgerNow.size).toBe(first.length + second.length);
        for (const payment of first) expect(ledgerNow.get(payment.ref)).toEqual({ position: payment.position, amount: payment.amount });
      }),
      { numRuns: 300 },
    );
  });
});
