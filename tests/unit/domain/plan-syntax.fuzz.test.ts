import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { sampleOrder } from "./sample-order";

const snapshot = orderSnapshotFromInput(sampleOrder({ dates: { D1: "2027-02-01", servicePeriodStart: "2027-02-01", servicePeriodEnd: "2027-06-30" } }));

/** Text that looks like plan syntax often enough to get deep into the parser, and garbage otherwise. */
const PIECES = [
  "1",
  "2",
  "3",
  "0",
  "12",
  "30",
  "99",
  "m",
  "d",
  "w",
  "y",
  "(",
  ")",
  ",",
  ".",
  "-",
  " ",
  "fix",
  "Service Month",
  "Service Quarter",
  "[PosNo]",
  "[Rate]",
  "[",
  "]",
  "D1",
  "e5",
  "%",
  "\u00a0",
  "１",
  "NaN",
];
const planishText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);
const anyValue = fc.oneof(
  planishText,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(planishText, { maxLength: 2 }),
  fc.dictionary(planishText, planishText, { maxKeys: 3 }),
);

function onlyPlanErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    expect(error.message.startsWith(error.key)).toBe(true);
  }
}

describe("plan syntax fuzz: random input never throws anything but PlanError", () => {
  it("JustOn keys", () => {
    fc.assert(
      fc.property(
        fc.record(
          { period: planishText, dateReference: planishText, rate: planishText, amount: planishText, titles: fc.oneof(planishText, anyValue) },
          { requiredKeys: [] },
        ),
        (config) => onlyPlanErrors(() => buildSchedule(compilePlanConfig(config), snapshot)),
      ),
      { numRuns: 4000 },
    );
  });

  it("engine keys and arbitrary JSON", () => {
    const stage = fc.record(
      {
        kind: anyValue,
        title: anyValue,
        share: fc.oneof(anyValue, fc.record({ percent: anyValue }), fc.record({ fixed: anyValue })),
        due: fc.oneof(anyValue, fc.record({ every: planishText, onDay: anyValue }), fc.record({ after: anyValue, from: anyValue })),
        netDays: anyValue,
        count: anyValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.record({ stages: fc.array(stage, { maxLength: 4 }) }), fc.jsonValue(), fc.record({ preset: anyValue })), (config) =>
        onlyPlanErrors(() => buildSchedule(compilePlanConfig(config), snapshot)),
      ),
      { numRuns: 3000 },
    );
  });
});
