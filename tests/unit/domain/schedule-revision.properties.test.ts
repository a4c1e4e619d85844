import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRevision } from "../../../app/domain/contract/describe-revision";
import {
  frozenReason,
  restateOpenStages,
  reviseSchedule,
  ScheduleRevisionError,
  type CurrentStage,
  type RevisableContract,
  type RevisionAmount,
  type ScheduleRevision,
  type StageRevisionRow,
} from "../../../app/domain/contract/schedule-revision";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import { switchPlanRevision } from "../../../app/domain/contract/switch-plan";
import { addDays, parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { STAGE_KINDS, type Trigger } from "../../../app/domain/plan/plan";
import { allocateTaxLines } from "../../../app/domain/schedule/tax";

const CURRENCIES = ["USD", "EUR", "JPY", "KWD", "CLP"].map((code) => currencyFor(code));
const TODAY = parseCalendarDate("2027-06-15", "test");

const TRIGGERS: readonly Trigger[] = [{ event: "milestone", milestone: "Ready to ship" }, { event: "fulfillmentCreated" }, { event: "orderFulfilled" }];

/** What has happened to a stage: nothing, an invoice, a decline, money in, a charge on its way, a write-off. */
const history = fc.constantFrom<{ status: StageStatus; paid: "none" | "part" | "all"; charging?: boolean }>(
  { status: "scheduled", paid: "none" },
  { status: "invoiced", paid: "none" },
  { status: "overdue", paid: "none" },
  { status: "failed", paid: "none" },
  { status: "scheduled", paid: "none", charging: true },
  { status: "overdue", paid: "part" },
  { status: "paid", paid: "all" },
  { status: "refunded", paid: "all" },
  { status: "cancelled", paid: "none" },
);

/** A due rule as stored: a date (with net days), a trigger still waiting, or a trigger the event dated. */
const timing = fc.oneof(
  fc.record({ offset: fc.integer({ min: -150, max: 200 }), netDays: fc.constantFrom(0, 0, 14, 30) }).map(({ offset, netDays }) => {
    const dueDate = addDays(TODAY, offset);
    return { issueDate: addDays(dueDate, -netDays), dueDate, netDays };
  }),
  fc
    .record({ trigger: fc.constantFrom(...TRIGGERS), netDays: fc.constantFrom(0, 30), dated: fc.option(fc.integer({ min: -60, max: 30 }), { nil: null }) })
    .map(({ trigger, netDays, dated }) => ({
      issueDate: dated === null ? null : addDays(TODAY, dated),
      dueDate: dated === null ? null : addDays(TODAY, dated + netDays),
      netDays,
      trigger: { trigger, steps: netDays > 0 ? [{ count: netDays, unit: "day" as const }] : [] },
    })),
);

/**
 * A consistent contract under way: 1-8 stages of any history and timing, in any currency, its total their sum, 0-3
 * tax lines within it split over the stages as attach splits them.
 */
const contract: fc.Arbitrary<RevisableContract> = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    stages: fc.array(
      fc.record({
        amount: fc.oneof(fc.bigInt({ min: 1n, max: 1_000n }), fc.bigInt({ min: 1n, max: 10n ** 11n })),
        kind: fc.constantFrom(...STAGE_KINDS),
        history,
        timing,
      }),
      { minLength: 1, maxLength: 8 },
    ),
    taxPerMille: fc.array(fc.integer({ min: 0, max: 250 }), { maxLength: 3 }),
  })
  .map(({ currency, stages, taxPerMille }) => {
    const total = stages.reduce((sum, stage) => sum + stage.amount, 0n);
    const taxLines = taxPerMille.map((perMille, i) => ({ title: `Tax ${i + 1}`, amount: (total * BigInt(perMille)) / 1000n }));
    const shares = allocateTaxLines(
      stages.map((stage) => stage.amount),
      taxLines,
    );
    return {
      currency,
      total,
      taxLines,
      stages: stages.map(({ amount, kind, history: h, timing: t }, index): CurrentStage => {
        const paid = h.paid === "all" ? amount : h.paid === "part" ? (amount + 1n) / 2n : 0n;
        return {
          position: index + 1,
          kind,
          title: `Stage ${index + 1}`,
          amount,
          tax: taxLines.map((line, j) => ({ title: line.title, amount: shares[index]?.[j] ?? 0n })),
          status: h.status,
          paid,
          ...(h.charging ? { chargeInFlight: true } : {}),
          ...t,
        };
      }),
    };
  });

/** A due rule for a revised stage: today or later, or a trigger. */
const revisedDue = fc.oneof(
  fc.record({ days: fc.integer({ min: 0, max: 400 }), netDays: fc.constantFrom(0, 10, 30) }).map(({ days, netDays }) => ({
    kind: "date" as const,
    dueDate: addDays(TODAY, days),
    netDays,
  })),
  fc
    .record({ trigger: fc.constantFrom(...TRIGGERS), netDays: fc.constantFrom(0, 30), onDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }) })
    .map(({ trigger, netDays, onDay }) => ({ kind: "trigger" as const, trigger, netDays, ...(onDay === undefined ? {} : { steps: [{ onDay }] }) })),
);

/**
 * Rows that mostly fit what is owed: small fixed amounts and rates, equal shares, and usually a remainder; sometimes
 * an arbitrary fixed amount, which rarely fits (so the refusals are exercised too).
 */
const rowAmount = (owed: bigint): fc.Arbitrary<RevisionAmount> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.integer({ min: 1, max: 120 }).map((perMille): RevisionAmount => ({ kind: "fixed", amount: (owed * BigInt(perMille)) / 1000n })),
    },
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: 1500 }).map((hundredths): RevisionAmount => ({ kind: "percent", percent: (hundredths / 100).toString() })),
    },
    { weight: 3, arbitrary: fc.constant<RevisionAmount>({ kind: "equal" }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -5n, max: owed + 5n }).map((amount): RevisionAmount => ({ kind: "fixed", amount })) },
  );

function owedOf(subject: RevisableContract): bigint {
  return subject.total - subject.stages.filter((stage) => frozenReason(stage) !== null).reduce((sum, stage) => sum + stage.amount, 0n);
}

const contractWithRows = contract.chain((subject) => {
  const owed = owedOf(subject);
  const row = fc.record({ kind: fc.constantFrom(...STAGE_KINDS), amount: rowAmount(owed), due: revisedDue });
  return fc
    .record({
      rows: fc.array(row, { maxLength: owed === 0n ? 1 : 7 }),
      remainder: fc.option(revisedDue, { freq: 4, nil: null }),
    })
    .map(({ rows, remainder }) => ({
      subject,
      rows: remainder === null ? rows : [...rows, { kind: "balance" as const, amount: { kind: "remainder" as const }, due: remainder }],
    }));
});

function checkInvariants(subject: RevisableContract, revision: ScheduleRevision): void {
  const { stages } = revision;
  const cancelled = subject.stages.filter((stage) => stage.status === "cancelled").reduce((sum, stage) => sum + stage.amount, 0n);
  const kept = stages.filter((stage) => !revision.frozen.some((frozen) => frozen.position === stage.position && frozen.status === "cancelled"));
  expect(kept.reduce((sum, stage) => sum + stage.amount, 0n)).toBe(subject.total - cancelled);
  expect(revision.revised.reduce((sum, entry) => sum + entry.stage.amount, 0n)).toBe(revision.owed);
  subject.taxLines.forEach((line, j) => {
    expect(stages.reduce((sum, stage) => sum + (stage.tax[j]?.amount ?? 0n), 0n)).toBe(line.amount);
  });
  for (const stage of stages) {
    expect(stage.amount > 0n).toBe(true);
    expect(stage.tax).toHaveLength(subject.taxLines.length);
    expect(stage.tax.every((share) => share.amount >= 0n)).toBe(true);
    expect(stage.tax.reduce((sum, share) => sum + share.amount, 0n) <= stage.amount).toBe(true);
  }
  const positions = stages.map((stage) => stage.position);
  expect(new Set(positions).size).toBe(positions.length);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  for (const before of subject.stages) {
    if (frozenReason(before) === null) continue;
    expect(stages.find((stage) => stage.position === before.position)).toBe(before);
  }
  // Every unfrozen stage is either revised in place or removed, never both.
  const revisedPositions = new Set(revision.revised.map((entry) => entry.stage.position));
  for (const before of subject.stages.filter((stage) => frozenReason(stage) === null)) {
    expect(revisedPositions.has(before.position)).toBe(!revision.removed.includes(before));
  }
  for (const entry of revision.revised) {
    // A date given by a row is today or later, or one the schedule already had; a trigger's dates come from its event.
    if (entry.stage.dueDate !== null && !entry.stage.trigger) {
      const known = subject.stages.some((stage) => frozenReason(stage) === null && stage.dueDate === entry.stage.dueDate);
      expect(entry.stage.dueDate >= TODAY || known).toBe(true);
    }
  }
}

describe("schedule revisions over random contracts and edits", () => {
  it("a valid revision keeps the total, every tax line and the frozen stages exact; stages positive, positions unique", () => {
    let revised = 0;
    fc.assert(
      fc.property(contractWithRows, ({ subject, rows }) => {
        try {
          checkInvariants(subject, reviseSchedule(subject, rows as StageRevisionRow[], { today: TODAY }));
          revised++;
        } catch (error) {
          if (!(error instanceof ScheduleRevisionError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) if (issue.row !== undefined) expect(issue.row >= 1 && issue.row <= rows.length).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(revised).toBeGreaterThan(400);
  });

  it("restating the unfrozen stages reports every one unchanged and gives back the same schedule", () => {
    fc.assert(
      fc.property(contract, (subject) => {
        const revision = reviseSchedule(subject, restateOpenStages(subject), { today: TODAY });
        checkInvariants(subject, revision);
        expect(revision.revised.every((entry) => entry.change === "unchanged" && entry.fields.length === 0)).toBe(true);
        expect(revision.removed).toEqual([]);
        expect(describeRevision(subject.stages, revision.stages)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("switching plans schedules exactly what is owed", () => {
    let switched = 0;
    fc.assert(
      fc.property(
        contract,
        fc.record({
          months: fc.integer({ min: 1, max: 3 }),
          count: fc.integer({ min: 1, max: 12 }),
          rate: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        }),
        (subject, { months, count, rate }) => {
          // One rate for a one-installment plan would have to be 100%: the rate goes with two installments or more.
          const plan = compilePlanConfig({ period: `${months}m(${count})`, ...(rate === undefined || count === 1 ? {} : { rate: String(rate) }) });
          try {
            const revision = switchPlanRevision(subject, plan, { today: TODAY });
            checkInvariants(subject, revision);
            expect(revision.revised).toHaveLength(count);
            switched++;
          } catch (error) {
            if (!(error instanceof ScheduleRevisionError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(switched).toBeGreaterThan(150);
  });

  it("the audit names exactly the positions that differ", () => {
    fc.assert(
      fc.property(contractWithRows, ({ subject, rows }) => {
        let revision: ScheduleRevision;
        try {
          revision = reviseSchedule(subject, rows as StageRevisionRow[], { today: TODAY });
        } catch (error) {
          if (error instanceof ScheduleRevisionError) return;
          throw error;
        }
        const audit = describeRevision(subject.stages, revision.stages);
        const expected = [
          ...revision.revised.filter((entry) => entry.change === "new" || entry.fields.length > 0).map((entry) => entry.stage.position),
          ...revision.removed.map((stage) => stage.position),
        ].sort((a, b) => a - b);
        expect(audit.map((entry) => entry.position)).toEqual(expected);
        expect(JSON.parse(JSON.stringify(audit))).toEqual(audit);
      }),
      { numRuns: 500 },
    );
  });
});
