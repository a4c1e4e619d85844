import { describe, expect, it } from "vitest";
import {
  assertStageTransition,
  canTransitionStage,
  InvalidStageTransitionError,
  isStageStatus,
  STAGE_STATUSES,
  UNPAID_STAGE_STATUSES,
  type StageStatus,
} from "../../../app/domain/contract/stage-status";

// Every (from, to) pair: "x" where the move is allowed. Columns in STAGE_STATUSES order.
const TABLE: Record<StageStatus, string> = {
  //          sched inv  paid over fail canc refu
  scheduled: " .    x    x    x    x    x    . ",
  invoiced: " .    .    x    x    x    x    . ",
  paid: " .    .    .    .    .    .    x ",
  overdue: " .    .    x    .    x    x    . ",
  failed: " .    x    x    x    .    x    . ",
  cancelled: " .    .    x    .    .    .    . ",
  refunded: " .    .    .    .    .    .    . ",
};

describe("stage status transitions", () => {
  for (const from of STAGE_STATUSES) {
    const marks = TABLE[from].trim().split(/\s+/);
    STAGE_STATUSES.forEach((to, index) => {
      const allowed = marks[index] === "x";
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        expect(canTransitionStage(from, to)).toBe(allowed);
        if (allowed) expect(() => assertStageTransition(from, to)).not.toThrow();
        else expect(() => assertStageTransition(from, to)).toThrow(InvalidStageTransitionError);
      });
    });
  }

  it("says what a stage can become instead", () => {
    expect(() => assertStageTransition("paid", "invoiced")).toThrow("a paid stage cannot become invoiced (it can become refunded)");
    expect(() => assertStageTransition("refunded", "paid")).toThrow("a refunded stage cannot become paid (refunded is final)");
  });

  it("counts as unpaid exactly the statuses that can still become paid", () => {
    expect([...UNPAID_STAGE_STATUSES].sort()).toEqual(["failed", "invoiced", "overdue", "scheduled"]);
  });

  it("recognises stored status strings", () => {
    expect(STAGE_STATUSES.every(isStageStatus)).toBe(true);
    expect(isStageStatus("Paid")).toBe(false);
    expect(isStageStatus("")).toBe(false);
  });
});
