import { describe, expect, it } from "vitest";
import { describeRevision } from "../../../app/domain/contract/describe-revision";
import {
  frozenReason,
  restateOpenStages,
  reviseSchedule,
  ScheduleRevisionError,
  type CurrentStage,
  type RevisableContract,
  type RevisionIssue,
  type ScheduleRevision,
  type StageRevisionRow,
} from "../../../app/domain/contract/schedule-revision";
import { switchPlanRevision } from "../../../app/domain/contract/switch-plan";
import { parseCalendarDate, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { allocateTaxLines } from "../../../app/domain/schedule/tax";

const EUR = currencyFor("EUR");
const day = (text: string): CalendarDate => parseCalendarDate(text, "test");
const TODAY = day("2027-02-10");
const VAT = [{ title: "VAT 19%", amount: 19_160n }];

/** A stage nothing has happened to: scheduled, unpaid, due on the given date, taxed later by `contract`. */
function stage(position: number, amount: bigint, dueDate: string | null, changes: Partial<CurrentStage> = {}): CurrentStage {
  return {
    position,
    kind: "installment",
    title: `Installment ${position} of 3`,
    amount,
    tax: [],
    status: "scheduled",
    paid: 0n,
    issueDate: dueDate === null ? null : day(dueDate),
    dueDate: dueDate === null ? null : day(dueDate),
    netDays: 0,
    ...changes,
  };
}

/** A contract of these stages whose tax shares are split as attach splits them. */
function contract(stages: readonly CurrentStage[], taxLines = VAT): RevisableContract {
  const total = stages.reduce((sum, s) => sum + s.amount, 0n);
  const rows = allocateTaxLines(
    stages.map((s) => s.amount),
    taxLines,
  );
  return {
    currency: EUR,
    total,
    taxLines,
    stages: stages.map((s, i) => ({ ...s, tax: taxLines.map((line, j) => ({ title: line.title, amount: rows[i]?.[j] ?? 0n })) })),
  };
}

/** 1200.00 EUR with 191.60 VAT: a 30% deposit paid at checkout, two installments of 420.00 on March 1 and April 1. */
const depositPaid = contract([
  stage(1, 36_000n, "2027-01-15", { kind: "deposit", title: "Deposit", status: "paid", paid: 36_000n }),
  stage(2, 42_000n, "2027-03-01"),
  stage(3, 42_000n, "2027-04-01", { kind: "balance", title: "Balance" }),
]);

const onDate = (dueDate: string, netDays?: number) => ({ kind: "date" as const, dueDate: day(dueDate), ...(netDays === undefined ? {} : { netDays }) });
const fixed = (amount: bigint) => ({ kind: "fixed" as const, amount });
const row = (amount: StageRevisionRow["amount"], due: StageRevisionRow["due"], extra: Partial<StageRevisionRow> = {}): StageRevisionRow => ({
  kind: "installment",
  amount,
  due,
  ...extra,
});

/** A stage as a revision gives it back: frozen stages whole, the others without their collection state. */
const stored = (s: CurrentStage) => {
  if (frozenReason(s) !== null) return s;
  const { status: _status, paid: _paid, ...rest } = s;
  return rest;
};
const summary = (revision: ScheduleRevision) => revision.stages.map((s) => [s.position, s.amount, s.tax.map((t) => t.amount), s.dueDate] as const);
const changes = (revision: ScheduleRevision) => revision.revised.map((r) => [r.stage.position, r.change, r.fields] as const);

function issuesOf(run: () => unknown): readonly RevisionIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScheduleRevisionError) return error.issues;
    throw error;
  }
  throw new Error("expected a ScheduleRevisionError");
}

describe("reviseSchedule: the documented examples", () => {
  it("restating the unpaid stages changes nothing", () => {
    const rows = restateOpenStages(depositPaid);
    expect(rows).toEqual([
      { kind: "installment", title: "Installment 2 of 3", amount: fixed(42_000n), due: onDate("2027-03-01", 0) },
      { kind: "balance", title: "Balance", amount: fixed(42_000n), due: onDate("2027-04-01", 0) },
    ]);
    const revision = reviseSchedule(depositPaid, rows, { today: TODAY });
    expect(revision.owed).toBe(84_000n);
    expect(changes(revision)).toEqual([
      [2, "unchanged", []],
      [3, "unchanged", []],
    ]);
    expect(revision.removed).toEqual([]);
    expect(revision.stages).toEqual(depositPaid.stages.map(stored));
    expect(describeRevision(depositPaid.stages, revision.stages)).toEqual([]);
  });

  it("restating a stage whose due date was moved to the customer's payment day keeps its issue date", () => {
    // Issued 2027-03-07 with net 10 (2027-03-17), payable on the customer's next 5th or 20th: 2027-03-20.
    const moved = contract([
      depositPaid.stages[0] as CurrentStage,
      stage(2, 42_000n, "2027-03-20", { issueDate: day("2027-03-07"), netDays: 10 }),
      depositPaid.stages[2] as CurrentStage,
    ]);
    const revision = reviseSchedule(moved, restateOpenStages(moved), { today: TODAY });
    expect(changes(revision)).toEqual([
      [2, "unchanged", []],
      [3, "unchanged", []],
    ]);
    expect(revision.stages).toEqual(moved.stages.map(stored));
  });

  it.each<[string, StageRevisionRow[], ReturnType<typeof summary>]>([
    [
      "a smaller second installment, the balance takes the rest and moves to May",
      [row(fixed(30_000n), onDate("2027-03-01")), row({ kind: "remainder" }, onDate("2027-05-01"), { kind: "balance", title: "Balance" })],
      [
        [1, 36_000n, [5_748n], day("2027-01-15")],
        [2, 30_000n, [4_790n], day("2027-03-01")],
        [3, 54_000n, [8_622n], day("2027-05-01")],
      ],
    ],
    [
      "three equal installments instead of two: the odd cents of tax go to the earliest",
      [row({ kind: "equal" }, onDate("2027-03-01")), row({ kind: "equal" }, onDate("2027-04-01")), row({ kind: "equal" }, onDate("2027-05-01"))],
      [
        [1, 36_000n, [5_748n], day("2027-01-15")],
        [2, 28_000n, [4_471n], day("2027-03-01")],
        [3, 28_000n, [4_471n], day("2027-04-01")],
        [4, 28_000n, [4_470n], day("2027-05-01")],
      ],
    ],
    [
      "one stage for everything left: position 3 is removed",
      [row({ kind: "remainder" }, onDate("2027-03-15"))],
      [
        [1, 36_000n, [5_748n], day("2027-01-15")],
        [2, 84_000n, [13_412n], day("2027-03-15")],
      ],
    ],
    [
      "a percent is of what is still owed (840.00), not of the order total",
      [row({ kind: "percent", percent: "25" }, onDate("2027-03-01")), row({ kind: "remainder" }, onDate("2027-04-01"))],
      [
        [1, 36_000n, [5_748n], day("2027-01-15")],
        [2, 21_000n, [3_353n], day("2027-03-01")],
        [3, 63_000n, [10_059n], day("2027-04-01")],
      ],
    ],
  ])("%s", (_, rows, expected) => {
    const revision = reviseSchedule(depositPaid, rows, { today: TODAY });
    expect(summary(revision)).toEqual(expected);
    expect(revision.frozen).toEqual([depositPaid.stages[0]]);
  });

  it("says which stages are unchanged, changed, new and removed", () => {
    const three = reviseSchedule(
      depositPaid,
      [
        row(fixed(42_000n), onDate("2027-03-01"), { title: "Installment 2 of 3" }),
        row(fixed(21_000n), onDate("2027-04-01"), { kind: "balance", title: "Balance" }),
        row(fixed(21_000n), onDate("2027-05-01"), { title: "Final payment" }),
      ],
      { today: TODAY },
    );
    // Stage 2 keeps kind, title, amount and date; its tax share moves only because the others split differently.
    expect(changes(three)).toEqual([
      [2, "unchanged", []],
      [3, "changed", ["amount", "tax"]],
      [4, "new", []],
    ]);
    const one = reviseSchedule(depositPaid, [row({ kind: "remainder" }, onDate("2027-03-01"), { title: "Installment 2 of 3" })], { today: TODAY });
    expect(changes(one)).toEqual([[2, "changed", ["amount", "tax"]]]);
    expect(one.removed.map((s) => s.position)).toEqual([3]);
  });

  it("a row without a title gets its kind's title, numbered among all the contract's stages", () => {
    const revision = reviseSchedule(
      depositPaid,
      [
        row({ kind: "equal" }, onDate("2027-03-01")),
        row({ kind: "equal" }, onDate("2027-04-01")),
        row({ kind: "equal" }, onDate("2027-05-01"), { kind: "balance" }),
      ],
      { today: TODAY },
    );
    expect(revision.stages.map((s) => s.title)).toEqual(["Deposit", "Installment 2 of 4", "Installment 3 of 4", "Balance"]);
  });

  it("a date with net days is invoiced that many days before", () => {
    const revision = reviseSchedule(depositPaid, [row({ kind: "remainder" }, onDate("2027-04-30", 30))], { today: TODAY });
    expect(revision.revised[0]?.stage).toMatchObject({ issueDate: day("2027-03-31"), dueDate: day("2027-04-30"), netDays: 30 });
  });
});

describe("reviseSchedule: frozen stages", () => {
  it.each<[string, Partial<CurrentStage>, string]>([
    ["paid", { status: "paid", paid: 42_000n }, "paid"],
    ["partly paid (an overdue stage with 100.00 received)", { status: "overdue", paid: 10_000n }, "partlyPaid"],
    ["refunded", { status: "refunded", paid: 42_000n }, "refunded"],
    ["being charged to a saved card", { chargeInFlight: true }, "charging"],
    ["cancelled", { status: "cancelled" }, "cancelled"],
  ])("a stage %s keeps amount, tax, position and dates; the rest share what is left", (_, changes, reason) => {
    const before = contract([
      stage(1, 36_000n, "2027-01-15", { kind: "deposit", title: "Deposit", status: "paid", paid: 36_000n }),
      stage(2, 42_000n, "2027-03-01", changes),
      stage(3, 42_000n, "2027-04-01"),
    ]);
    expect(frozenReason(before.stages[1] as CurrentStage)).toBe(reason);
    const revision = reviseSchedule(before, [row({ kind: "equal" }, onDate("2027-04-01")), row({ kind: "equal" }, onDate("2027-05-01"))], { today: TODAY });
    expect(revision.owed).toBe(42_000n);
    expect(revision.frozen).toEqual(before.stages.slice(0, 2));
    expect(summary(revision)).toEqual([
      [1, 36_000n, [5_748n], day("2027-01-15")],
      [2, 42_000n, [6_706n], day("2027-03-01")],
      [3, 21_000n, [3_353n], day("2027-04-01")],
      [4, 21_000n, [3_353n], day("2027-05-01")],
    ]);
  });

  it("new stages take the free positions around a frozen one, then continue after it", () => {
    // Stage 3 was paid before stage 2 (a wire transfer that came early).
    const before = contract([
      stage(1, 36_000n, "2027-01-15", { status: "paid", paid: 36_000n }),
      stage(2, 28_000n, "2027-03-01"),
      stage(3, 28_000n, "2027-04-01", { status: "paid", paid: 28_000n }),
      stage(4, 28_000n, "2027-05-01"),
    ]);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row({ kind: "equal" }, onDate(`2027-0${3 + i}-15`)));
    expect(reviseSchedule(before, rows(3), { today: TODAY }).stages.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
    const one = reviseSchedule(before, rows(1), { today: TODAY });
    // Position 4 is removed; position 3 keeps its paid stage, so none moves up.
    expect(one.stages.map((s) => [s.position, s.amount])).toEqual([
      [1, 36_000n],
      [2, 56_000n],
      [3, 28_000n],
    ]);
    expect(one.removed.map((s) => s.position)).toEqual([4]);
    const gap = contract([
      stage(1, 36_000n, "2027-01-15", { status: "paid", paid: 36_000n }),
      stage(2, 28_000n, "2027-03-01"),
      stage(3, 28_000n, "2027-04-01"),
      stage(4, 28_000n, "2027-05-01", { status: "paid", paid: 28_000n }),
    ]);
    // Fewer stages than free positions below a frozen one leave a gap: position 3 is removed, stage 4 stays 4.
    expect(reviseSchedule(gap, rows(1), { today: TODAY }).stages.map((s) => s.position)).toEqual([1, 2, 4]);
  });

  it("nothing owed: no stage may be added, and none is needed", () => {
    const allPaid = contract([stage(1, 36_000n, "2027-01-15", { status: "paid", paid: 36_000n }), stage(2, 84_000n, "2027-03-01", { status: "cancelled" })]);
    const revision = reviseSchedule(allPaid, [], { today: TODAY });
    expect(revision.owed).toBe(0n);
    expect(revision.stages).toEqual(allPaid.stages);
    expect(issuesOf(() => reviseSchedule(allPaid, [row(fixed(100n), onDate("2027-03-01"))], { today: TODAY }))).toEqual([
      { field: "stages", message: "nothing is left to pay (every stage is paid, being charged or cancelled): remove the new stages" },
    ]);
  });
});

describe("reviseSchedule: event triggers", () => {
  const triggered = contract([
    stage(1, 36_000n, "2027-01-15", { status: "paid", paid: 36_000n }),
    stage(2, 84_000n, null, {
      kind: "balance",
      title: "Balance",
      netDays: 30,
      trigger: { trigger: { event: "orderFulfilled" }, steps: [{ count: 30, unit: "day" }] },
    }),
  ]);

  it("a restated trigger keeps the stage as it is, dated or not", () => {
    const dated = contract([
      triggered.stages[0] as CurrentStage,
      { ...(triggered.stages[1] as CurrentStage), issueDate: day("2027-02-01"), dueDate: day("2027-03-03") },
    ]);
    for (const subject of [triggered, dated]) {
      const revision = reviseSchedule(subject, restateOpenStages(subject), { today: TODAY });
      expect(revision.stages).toEqual(subject.stages.map(stored));
      expect(changes(revision)).toEqual([[2, "unchanged", []]]);
    }
  });

  it("a restated trigger with the customer's payment days keeps them after the net days", () => {
    const paying = contract([
      triggered.stages[0] as CurrentStage,
      {
        ...(triggered.stages[1] as CurrentStage),
        trigger: {
          trigger: { event: "orderFulfilled" },
          steps: [
            { count: 30, unit: "day" },
            { nextDays: [5, 20], dueOnly: true },
          ],
        },
      },
    ]);
    const rows = restateOpenStages(paying);
    expect(rows[0]?.due).toEqual({ kind: "trigger", trigger: { event: "orderFulfilled" }, steps: [], netDays: 30, paymentDays: [5, 20] });
    const revision = reviseSchedule(paying, rows, { today: TODAY });
    expect(revision.stages).toEqual(paying.stages.map(stored));
    expect(changes(revision)).toEqual([[2, "unchanged", []]]);
  });

  it("a restated trigger that loses the customer's payment days is a changed due rule", () => {
    const paying = contract([
      triggered.stages[0] as CurrentStage,
      {
        ...(triggered.stages[1] as CurrentStage),
        trigger: {
          trigger: { event: "orderFulfilled" },
          steps: [
            { count: 30, unit: "day" },
            { nextDays: [5, 20], dueOnly: true },
          ],
        },
      },
    ]);
    const revision = reviseSchedule(
      paying,
      [row(fixed(84_000n), { kind: "trigger", trigger: { event: "orderFulfilled" }, netDays: 30 }, { kind: "balance", title: "Balance" })],
      {
        today: TODAY,
      },
    );
    expect(changes(revision)).toEqual([[2, "changed", ["due"]]]);
  });

  it("refuses payment days out of range in a revised trigger", () => {
    const due = { kind: "trigger" as const, trigger: { event: "orderFulfilled" as const }, netDays: 30, paymentDays: [5, 32] };
    expect(issuesOf(() => reviseSchedule(triggered, [row(fixed(84_000n), due, { kind: "balance" })], { today: TODAY }))).toEqual([
      { row: 1, field: "due", message: "payment days: a day of the month is a whole number from 1 to 31, not 32" },
    ]);
  });

  it("a changed trigger stores the steps with the net days last, undated until the planner sees the event", () => {
    const revision = reviseSchedule(
      triggered,
      [
        row(fixed(42_000n), { kind: "trigger", trigger: { event: "milestone", milestone: "Frame welded" } }, { kind: "milestone" }),
        row({ kind: "remainder" }, { kind: "trigger", trigger: { event: "fulfillmentCreated" }, steps: [{ onDay: 15 }], netDays: 14 }, { kind: "balance" }),
      ],
      { today: TODAY },
    );
    expect(revision.revised.map((r) => r.stage)).toMatchObject([
      {
        position: 2,
        title: "Milestone payment 2 of 3",
        issueDate: null,
        dueDate: null,
        netDays: 0,
        trigger: { trigger: { event: "milestone", milestone: "Frame welded" }, steps: [] },
      },
      {
        position: 3,
        title: "Balance",
        issueDate: null,
        dueDate: null,
        netDays: 14,
        trigger: { trigger: { event: "fulfillmentCreated" }, steps: [{ onDay: 15 }, { count: 14, unit: "day" }] },
      },
    ]);
    expect(changes(revision)).toEqual([
      [2, "changed", ["kind", "title", "amount", "due", "tax"]],
      [3, "new", []],
    ]);
  });
});

describe("reviseSchedule: every issue at once, naming the row and field", () => {
  it("rows that are wrong on their own", () => {
    const issues = issuesOf(() =>
      reviseSchedule(
        depositPaid,
        [
          row(fixed(0n), onDate("2027-03-01")),
          row({ kind: "percent", percent: "12.5x" }, onDate("2027-02-01")),
          row({ kind: "remainder" }, { kind: "trigger", trigger: { event: "milestone", milestone: " " } }, { title: "x".repeat(256) }),
          row({ kind: "remainder" }, onDate("2027-04-01", -3)),
        ],
        { today: TODAY },
      ),
    );
    expect(issues).toEqual([
      { row: 2, field: "due", message: "2027-02-01 is before today (2027-02-10); pick today or a later date" },
      { row: 3, field: "title", message: "a title must be at most 255 characters" },
      { row: 3, field: "due", message: "a milestone needs a name" },
      { row: 4, field: "due", message: "net days must be a whole number from 0 to 3650, not -3" },
      { row: 1, field: "amount", message: "an amount must be above zero, not 0.00 EUR" },
      { row: 2, field: "amount", message: '"12.5x" is not a percentage' },
      { row: 4, field: "amount", message: "only one stage can take what is left, and row 3 already does" },
    ]);
  });

  it.each<[string, StageRevisionRow[], RevisionIssue[]]>([
    [
      "amounts that fall short of what is owed",
      [row(fixed(30_000n), onDate("2027-03-01")), row(fixed(40_000n), onDate("2027-04-01"))],
      [
        {
          field: "amount",
          message: "the stages add up to 700.00 EUR, 140.00 EUR less than the 840.00 EUR still owed; change an amount or let one stage take what is left",
        },
      ],
    ],
    [
      "amounts above what is owed",
      [row(fixed(50_000n), onDate("2027-03-01")), row(fixed(40_000n), onDate("2027-04-01")), row({ kind: "remainder" }, onDate("2027-05-01"))],
      [{ field: "amount", message: "the stages add up to 900.00 EUR, 60.00 EUR more than the 840.00 EUR still owed" }],
    ],
    [
      "a remainder with nothing left for it",
      [row(fixed(84_000n), onDate("2027-03-01")), row({ kind: "remainder" }, onDate("2027-04-01"))],
      [{ row: 2, field: "amount", message: "this stage would be 0.00 EUR: the 840.00 EUR still owed leaves nothing for it after the other stages" }],
    ],
    [
      "rates above 100%",
      [row({ kind: "percent", percent: "60" }, onDate("2027-03-01")), row({ kind: "percent", percent: "50" }, onDate("2027-04-01"))],
      [{ row: 2, field: "amount", message: "the rates add up to 110%, more than 100%" }],
    ],
    ["no stage for what is owed", [], [{ field: "stages", message: "840.00 EUR is still owed: keep at least one stage to collect it" }]],
  ])("%s", (_, rows, expected) => {
    expect(issuesOf(() => reviseSchedule(depositPaid, rows, { today: TODAY }))).toEqual(expected);
  });

  it("an overdue stage may keep its date, and only a date the schedule already had may be in the past", () => {
    const overdue = contract([
      stage(1, 36_000n, "2027-01-15", { status: "paid", paid: 36_000n }),
      stage(2, 42_000n, "2027-02-01", { status: "overdue" }),
      stage(3, 42_000n, "2027-04-01"),
    ]);
    const kept = reviseSchedule(overdue, [row(fixed(20_000n), onDate("2027-02-01")), row({ kind: "remainder" }, onDate("2027-04-01"))], { today: TODAY });
    expect(kept.stages.map((s) => s.dueDate)).toEqual([day("2027-01-15"), day("2027-02-01"), day("2027-04-01")]);
    expect(issuesOf(() => reviseSchedule(overdue, [row({ kind: "remainder" }, onDate("2027-02-02"))], { today: TODAY }))).toEqual([
      { row: 1, field: "due", message: "2027-02-02 is before today (2027-02-10); pick today or a later date" },
    ]);
  });

  it("the error's message lists every issue", () => {
    expect(() => reviseSchedule(depositPaid, [row(fixed(-5n), onDate("2027-01-01"))], { today: TODAY })).toThrow(
      "stage row 1, due: 2027-01-01 is before today (2027-02-10); pick today or a later date; stage row 1, amount: an amount must be above zero, not -0.05 EUR",
    );
  });
});

describe("switchPlanRevision", () => {
  it("puts what is owed on another plan, counted from the anchor, with the tax that is left", () => {
    const revision = switchPlanRevision(depositPaid, compilePlanConfig({ period: "1m(3)" }), { today: TODAY });
    expect(summary(revision)).toEqual([
      [1, 36_000n, [5_748n], day("2027-01-15")],
      [2, 28_000n, [4_471n], day("2027-02-10")],
      [3, 28_000n, [4_471n], day("2027-03-10")],
      [4, 28_000n, [4_470n], day("2027-04-10")],
    ]);
    expect(revision.revised.map((r) => [r.stage.title, r.change])).toEqual([
      ["Installment 1 of 3", "changed"],
      ["Installment 2 of 3", "changed"],
      ["Installment 3 of 3", "new"],
    ]);
  });

  it("moves the new plan's due dates off the shop's closed days, as at attach (2027-04-10 is a Saturday)", () => {
    const calendar = { closedWeekdays: [6, 7], holidays: [], move: "nextWorkingDay" as const };
    const revision = switchPlanRevision(depositPaid, compilePlanConfig({ period: "1m(3)" }), { today: TODAY, calendar });
    expect(revision.revised.map((r) => r.stage.dueDate)).toEqual([day("2027-02-10"), day("2027-03-10"), day("2027-04-12")]);
  });

  it("keeps trigger stages waiting, and dates them when the event already happened", () => {
    const plan = compilePlanConfig({
      stages: [
        { kind: "preShipping", share: { percent: "50" }, due: "checkout" },
        { kind: "balance", share: "remainder", due: { event: "fulfillmentCreated" }, netDays: 30 },
      ],
    });
    const waiting = switchPlanRevision(depositPaid, plan, { today: TODAY, anchor: day("2027-02-15") });
    expect(waiting.revised.map((r) => [r.stage.amount, r.stage.dueDate, r.stage.trigger])).toEqual([
      [42_000n, day("2027-02-15"), undefined],
      [42_000n, null, { trigger: { event: "fulfillmentCreated" }, steps: [{ count: 30, unit: "day" }] }],
    ]);
    const shipped = switchPlanRevision(depositPaid, plan, { today: TODAY, events: { fulfillmentCreated: day("2027-02-12") } });
    expect(shipped.revised.map((r) => [r.stage.issueDate, r.stage.dueDate, r.stage.trigger])).toEqual([
      [TODAY, TODAY, undefined],
      [day("2027-02-12"), day("2027-03-14"), undefined],
    ]);
  });

  it("a plan that cannot schedule what is owed is an issue on the plan", () => {
    expect(issuesOf(() => switchPlanRevision(depositPaid, compilePlanConfig({ period: "1m(2)", amount: "900" }), { today: TODAY }))).toEqual([
      { field: "plan", message: expect.stringContaining("amount") },
    ]);
    const paidUp = contract([stage(1, 120_000n, "2027-01-15", { status: "paid", paid: 120_000n })]);
    expect(issuesOf(() => switchPlanRevision(paidUp, compilePlanConfig({ period: "1m(2)" }), { today: TODAY }))).toEqual([
      { field: "plan", message: "nothing is left to pay, so there is nothing to put on another plan" },
    ]);
  });
});

describe("describeRevision", () => {
  it("gives the audit each changed position before and after, money as minor-unit strings", () => {
    const revision = reviseSchedule(depositPaid, [row({ kind: "remainder" }, onDate("2027-03-15"), { title: "Installment 2 of 3" })], { today: TODAY });
    expect(describeRevision(depositPaid.stages, revision.stages)).toEqual([
      {
        position: 2,
        change: "changed",
        fields: ["amount", "due", "tax"],
        before: {
          kind: "installment",
          title: "Installment 2 of 3",
          amountMinor: "42000",
          tax: [{ title: "VAT 19%", amountMinor: "6706" }],
          issueDate: "2027-03-01",
          dueDate: "2027-03-01",
          netDays: 0,
        },
        after: {
          kind: "installment",
          title: "Installment 2 of 3",
          amountMinor: "84000",
          tax: [{ title: "VAT 19%", amountMinor: "13412" }],
          issueDate: "2027-03-15",
          dueDate: "2027-03-15",
          netDays: 0,
        },
      },
      {
        position: 3,
        change: "removed",
        fields: ["kind", "title", "amount", "due", "tax"],
        before: {
          kind: "balance",
          title: "Balance",
          amountMinor: "42000",
          tax: [{ title: "VAT 19%", amountMinor: "6706" }],
          issueDate: "2027-04-01",
          dueDate: "2027-04-01",
          netDays: 0,
        },
        after: null,
      },
    ]);
  });

  it("keeps a trigger as plain data", () => {
    const revision = reviseSchedule(
      depositPaid,
      [
        row(
          { kind: "remainder" },
          { kind: "trigger", trigger: { event: "milestone", milestone: "Approved" }, steps: [{ count: 1, unit: "month" }], netDays: 10 },
        ),
      ],
      { today: TODAY },
    );
    expect(describeRevision(depositPaid.stages, revision.stages)[0]?.after?.trigger).toEqual({
      event: "milestone",
      milestone: "Approved",
      steps: ["1m", "10d"],
    });
  });
});
