import { describe, expect, it } from "vitest";

import { planErrorText, planFieldId, planFieldLabel, planFieldProblems } from "../../../app/components/plans/plan-form-fields";
import { draftForEngine, draftForInput, sampleForEngine } from "../../../app/components/plans/plan-typed-numbers";
import type { SampleOrder } from "../../../app/domain/plan/plan-draft-preview";
import { checkPlanDraft } from "../../../app/plan-editor/plan-draft-check";
import type { PlanDraft } from "../../../app/plan-editor/plan-draft";
import { newStageRow } from "../../../app/plan-editor/stage-rows";

const fixedDeposit: PlanDraft = {
  syntax: "stages",
  stages: [
    newStageRow({ kind: "deposit", shareKind: "fixed", shareValue: "12000.50", dueKind: "checkout" }),
    newStageRow({ kind: "balance", shareKind: "percent", shareValue: "12.5", dueKind: "after" }),
    newStageRow({ shareKind: "remainder" }),
  ],
};
const shares = (draft: PlanDraft) => (draft.syntax === "stages" ? draft.stages.map((row) => row.shareValue) : []);

describe("a plan's percents and fixed amounts, typed the shop's way", () => {
  it("are shown in the shop's locale", () => {
    expect(shares(draftForInput(fixedDeposit, "en-US"))).toEqual(["12,000.50", "12.5", ""]);
    expect(shares(draftForInput(fixedDeposit, "de-DE"))).toEqual(["12.000,50", "12,5", ""]);
  });

  it("are read back into the engine's decimals", () => {
    const typed: PlanDraft = { ...fixedDeposit, stages: fixedDeposit.stages.map((row, index) => ({ ...row, shareValue: ["12.000,50", "12,5", ""][index]! })) };
    expect(draftForEngine(typed, "de-DE")).toEqual({ draft: fixedDeposit, errors: [] });
    expect(shares(draftForEngine(draftForInput(fixedDeposit, "en-US"), "en-US").draft)).toEqual(["12000.50", "12.5", ""]);
  });

  it("say at the stage's share what cannot be read", () => {
    const typed: PlanDraft = { syntax: "stages", stages: [newStageRow({ shareKind: "fixed", shareValue: "12k" }), newStageRow()] };
    expect(draftForEngine(typed, "en-US").errors).toEqual([
      { field: "stages.0.share", message: expect.stringMatching(/^“12k” is not a number: type digits, like 12,000\.00/) },
    ]);
  });

  it("leave the JustOn and JSON editors as typed: their commas are the syntax's", () => {
    const juston: PlanDraft = { syntax: "juston", juston: { period: "1m(3)", dateReference: "", rate: "20,30,50", amount: "", titles: "" } };
    expect(draftForEngine(juston, "de-DE")).toEqual({ draft: juston, errors: [] });
  });

  it("reach the engine, so a fixed amount typed as 12,000.00 is accepted", () => {
    const sample: SampleOrder = { amount: "50,000.00", currency: "USD", orderDate: "2027-01-15", paymentDueDate: "", taxTitle: "", taxAmount: "", dates: {} };
    const typed: PlanDraft = {
      syntax: "stages",
      stages: [newStageRow({ kind: "deposit", shareKind: "fixed", shareValue: "12,000.00", dueKind: "checkout" }), newStageRow()],
    };
    const read = sampleForEngine(sample, "en-US");
    expect(read).toEqual({ sample: { ...sample, amount: "50000.00" }, errors: [] });
    const check = checkPlanDraft(draftForEngine(typed, "en-US").draft, read.sample, new Date("2027-01-15T12:00:00Z"));
    expect(check.errors).toEqual([]);
    expect(check.preview?.rows.map((row) => row.amount)).toEqual(["12000.00", "38000.00"]);
  });

  it("read the sample's total and tax in its currency, and say why not at the field", () => {
    const sample: SampleOrder = {
      amount: "10.000",
      currency: "JPY",
      orderDate: "2027-01-15",
      paymentDueDate: "",
      taxTitle: "VAT",
      taxAmount: "1,5",
      dates: {},
    };
    const read = sampleForEngine(sample, "de-DE");
    expect(read.sample.amount).toBe("10000");
    expect(read.errors).toEqual([{ field: "sample.tax", message: expect.stringMatching(/^JPY amounts have no decimal places/) }]);
  });
});

describe("plan form errors, where they show and what they say", () => {
  it("gives each field key an id the summary can link to and a label staff see", () => {
    expect(planFieldId("stages.1.share")).toBe("plan-stages-1-share");
    expect(planFieldLabel("stages.0.share", fixedDeposit)).toBe("Stage 1 amount");
    expect(planFieldLabel("stages.1.share", fixedDeposit)).toBe("Stage 2 percent");
    expect(planFieldLabel("stages.2.netDays", fixedDeposit)).toBe("Stage 3 net days");
    expect(planFieldLabel("stages.2", fixedDeposit)).toBe("Stage 3");
    expect(planFieldLabel("juston.rate", fixedDeposit)).toBe("Rate");
    expect(planFieldLabel("name", fixedDeposit)).toBe("Plan name");
  });

  it("drops the config key a stage row already names, and zod's defaults", () => {
    expect(planErrorText("stages.0", "stages[0].due.after: not a distance", "stages")).toBe("not a distance");
    expect(planErrorText("stages.0.due", "String must contain at least 1 character(s)", "stages")).toBe("Fill this in");
    expect(planErrorText("json", "rate (column 4): not a percentage", "json")).toBe("rate (column 4): not a percentage");
  });

  it("lists the name first and the sample last", () => {
    const errors = new Map([
      ["sample.amount", "x"],
      ["stages.1.share", "y"],
      ["name", "Give the plan a name"],
    ]);
    expect(planFieldProblems(errors, fixedDeposit).map((problem) => problem.fieldId)).toEqual(["plan-name", "plan-stages-1-share", "plan-sample-amount"]);
  });
});
