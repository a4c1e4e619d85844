import { describe, expect, it } from "vitest";
import type { ContractStageKind } from "../../../app/domain/contract/contract-state";
import { planStageCount, stageNumbering } from "../../../app/domain/documents/stage-numbering";

const stage = (position: number, kind: ContractStageKind) => ({ position, kind });
/** Three plan stages and the late fees charged on payments 2 and 3. */
const STAGES = [stage(1, "deposit"), stage(2, "installment"), stage(3, "balance"), stage(1002, "lateFee"), stage(1003, "lateFee")];

describe("stageNumbering", () => {
  it("numbers a plan's stage among the plan's stages only", () => {
    expect(stageNumbering(STAGES[1]!, STAGES)).toEqual({ lateFee: false, position: 2, count: 3 });
    expect(planStageCount(STAGES)).toBe(3);
  });

  it("gives a late fee no number", () => {
    expect(stageNumbering(STAGES[3]!, STAGES)).toEqual({ lateFee: true });
  });

  it("without fees, counts every stage", () => {
    const plan = STAGES.slice(0, 3);
    expect(stageNumbering(plan[2]!, plan)).toEqual({ lateFee: false, position: 3, count: 3 });
  });
});
