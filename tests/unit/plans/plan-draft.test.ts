import { describe, expect, it } from "vitest";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { compilePlanDraft, planDraftConfig, planDraftFromSource, planDraftSchema, presetPlanDraft } from "../../../app/plan-editor/plan-draft";
import { planFormError } from "../../../app/plan-editor/plan-draft-errors";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import type { PlanError } from "../../../app/domain/plan-error";
import { newStageRow, stageRowsFromConfig, stageRowsToConfig } from "../../../app/plan-editor/stage-rows";

describe("stage rows and the engine's stages config", () => {
  it.each(PRESET_PLANS.map((preset) => [preset.id, preset] as const))("the preset %s opens in the stage form and compiles to the same plan", (_id, preset) => {
    const draft = presetPlanDraft(preset.id);
    expect(draft?.syntax).toBe("stages");
    expect(compilePlanDraft(draft!)).toEqual(compilePlanConfig({ stages: preset.config.stages }));
  });

  it("writes every due rule the form offers, and reads it back unchanged", () => {
    const rows = [
      newStageRow({ kind: "deposit", shareKind: "percent", shareValue: "20", dueKind: "checkout", title: "Deposit" }),
      newStageRow({ shareKind: "fixed", shareValue: "100.00", dueKind: "after", dueSteps: "2w", dueFrom: "previousStage" }),
      newStageRow({ shareKind: "equal", dueKind: "after", dueSteps: "1m,  end of month, next day 5/20 " }),
      newStageRow({ shareKind: "equal", dueKind: "every", dueCount: "1", dueUnit: "m", dueDay: "15", count: "3" }),
      newStageRow({ shareKind: "equal", dueKind: "on", dueDate: "2027-06-01" }),
      newStageRow({ shareKind: "equal", dueKind: "field", dueName: "delivery_date", dueCount: "7", dueUnit: "d" }),
      newStageRow({ shareKind: "equal", dueKind: "dayOfMonth", dueDay: "31", dueFrom: "paymentDueDate" }),
      newStageRow({ shareKind: "equal", dueKind: "spread", spreadUntil: "after", dueSteps: "6m", count: "3" }),
      newStageRow({ shareKind: "equal", dueKind: "spread", spreadUntil: "date", dueDate: "2027-12-31", dueFrom: "paymentDueDate", count: "2" }),
      newStageRow({ shareKind: "equal", dueKind: "spread", spreadUntil: "field", dueName: "event_date", count: "2" }),
      newStageRow({ kind: "milestone", shareKind: "equal", dueKind: "milestone", dueName: "Design approved" }),
      newStageRow({ shareKind: "equal", dueKind: "fulfillmentCreated" }),
      newStageRow({ kind: "balance", shareKind: "remainder", dueKind: "orderFulfilled", netDays: "30" }),
    ];
    const config = stageRowsToConfig(rows);
    expect(config.stages.map((stage) => stage.due)).toEqual([
      "checkout",
      { after: "2w", from: "previousStage" },
      { after: ["1m", "end of month", "next day 5/20"], from: "orderDate" },
      { every: "1m", onDay: 15 },
      { on: "2027-06-01" },
      { field: "delivery_date", after: "7d" },
      { dayOfMonth: 31, from: "paymentDueDate" },
      { spread: { until: { after: "6m" }, from: "orderDate" } },
      { spread: { until: "2027-12-31", from: "paymentDueDate" } },
      { spread: { until: { field: "event_date" }, from: "orderDate" } },
      { milestone: "Design approved" },
      { event: "fulfillmentCreated" },
      { event: "orderFulfilled" },
    ]);
    expect(config.stages[3]).toMatchObject({ count: 3 });
    expect(config.stages[7]).toMatchObject({ count: 3 });
    expect(config.stages[12]).toMatchObject({ netDays: 30 });
    expect(() => compilePlanConfig(config)).not.toThrow();
    const reread = stageRowsFromConfig(JSON.parse(JSON.stringify(config)));
    expect(reread && stageRowsToConfig(reread)).toEqual(config);
  });

  it("opens date steps and spreads in the stage form, steps as one field", () => {
    const stored = {
      stages: [
        { share: { percent: "20" }, due: { after: ["end of month", "10d"], from: "paymentDueDate" } },
        { share: "equal", due: { spread: { until: { after: ["6m", "eom"] } } }, count: 4 },
      ],
    };
    expect(stageRowsFromConfig(stored)).toEqual([
      expect.objectContaining({ dueKind: "after", dueSteps: "end of month, 10d", dueFrom: "paymentDueDate" }),
      expect.objectContaining({ dueKind: "spread", spreadUntil: "after", dueSteps: "6m, eom", dueFrom: "orderDate", count: "4" }),
    ]);
    expect(compilePlanDraft({ syntax: "stages", stages: stageRowsFromConfig(stored)! })).toEqual(compilePlanConfig(stored));
  });

  it("says at the due field, in the form's words, when steps cannot be read", () => {
    const help = "Write steps such as 30d, 2w, 1m, day 15, end of month or next day 5/20";
    const errorOf = (row: Parameters<typeof newStageRow>[0]) => {
      try {
        compilePlanDraft({ syntax: "stages", stages: [newStageRow(row)] });
      } catch (error) {
        return planFormError("stages", error as PlanError);
      }
      return undefined;
    };
    expect(errorOf({ dueKind: "after", dueSteps: "30d, next month" })).toEqual({ field: "stages.0.due", message: `“next month” is not a step. ${help}` });
    expect(errorOf({ dueKind: "after", dueSteps: "day 40" })).toEqual({ field: "stages.0.due", message: `“day 40” is not a step. ${help}` });
    expect(errorOf({ dueKind: "after", dueSteps: " , " })).toEqual({ field: "stages.0.due", message: help });
    expect(errorOf({ dueKind: "spread", spreadUntil: "after", dueSteps: "soon", count: "2" })).toEqual({
      field: "stages.0.due",
      message: `“soon” is not a step. ${help}`,
    });
    expect(errorOf({ dueKind: "spread", spreadUntil: "date", dueDate: "", count: "2" })).toMatchObject({ field: "stages.0.due" });
  });

  it("leaves a config the form cannot show to the JSON editor", () => {
    expect(stageRowsFromConfig({ stages: [{ share: "remainder", due: { field: "delivery_date", after: ["1m", "5d"] } }] })).toBeNull();
    expect(stageRowsFromConfig({ stages: [{ share: "equal", due: { every: "1m", anchor: 1 } }] })).toBeNull();
    expect(stageRowsFromConfig({ stages: [{ share: "remainder", due: "checkout" }], titles: "Part [PosNo]" })).toBeNull();
  });

  it("reads stored stages with the engine's own reader: what the engine refuses, the form does not show either", () => {
    expect(stageRowsFromConfig({ stages: [{ share: "remainder", due: { dayOfMonth: 40 } }] })).toBeNull();
    expect(stageRowsFromConfig({ stages: [{ share: { percent: "30", fixed: "5" }, due: "checkout" }] })).toBeNull();
    expect(stageRowsFromConfig({ stages: [{ share: "remainder", due: { milestone: " " } }] })).toBeNull();
    expect(stageRowsFromConfig({ stages: [{ share: { percent: 30 }, due: { dayOfMonth: 15 }, netDays: 30 }] })).toEqual([
      expect.objectContaining({ shareKind: "percent", shareValue: "30", dueKind: "dayOfMonth", dueDay: "15", dueFrom: "orderDate", netDays: "30", count: "" }),
    ]);
  });
});

describe("planDraftFromSource: the editor a stored plan opens in", () => {
  it.each([
    { source: '{"stages": [{"share": {"percent": 40}, "due": "checkout"}, {"share": "remainder", "due": {"after": "30d"}}]}', syntax: "stages" },
    { source: '{"period": "1m(4)", "rate": "25(4)", "titles": "Installment [PosNo]"}', syntax: "juston" },
    { source: '{"period": "1m(2)", "titles": {"last": "Final"}}', syntax: "json" },
    { source: '{"preset": "monthly-4"}', syntax: "json" },
    { source: "not json", syntax: "json" },
  ])("$source opens as $syntax", ({ source, syntax }) => {
    const draft = planDraftFromSource(source);
    expect(draft.syntax).toBe(syntax);
    expect(compilePlanConfigOf(planDraftConfig(draft))).toEqual(compilePlanConfigOf(source));
  });

  it("keeps JSON text verbatim for storage", () => {
    const text = '{ "preset": "monthly-4" }';
    expect(planDraftConfig({ syntax: "json", text })).toBe(text);
  });

  it("posts drafts the route's schema accepts, and rejects others", () => {
    expect(planDraftSchema.safeParse(presetPlanDraft("monthly-4")).success).toBe(true);
    expect(planDraftSchema.safeParse({ syntax: "stages", stages: [{ kind: "nope" }] }).success).toBe(false);
    expect(planDraftSchema.safeParse({ syntax: "yaml", text: "" }).success).toBe(false);
  });
});

describe("planFormError", () => {
  it.each([
    { syntax: "stages", key: "stages[2].due.after", column: undefined, detail: "bad", field: "stages.2.due", message: "bad" },
    { syntax: "stages", key: "stages[0]", column: undefined, detail: 'unknown key "x"', field: "stages.0", message: 'stages[0]: unknown key "x"' },
    {
      syntax: "stages",
      key: "stages",
      column: undefined,
      detail: "a plan needs at least one stage",
      field: "plan",
      message: "stages: a plan needs at least one stage",
    },
    { syntax: "juston", key: "titles.last", column: undefined, detail: "bad", field: "juston.titles", message: "bad" },
    { syntax: "juston", key: "rate", column: 7, detail: "bad", field: "juston.rate", message: "bad (column 7)" },
    { syntax: "json", key: "rate", column: 7, detail: "bad", field: "json", message: "rate (column 7): bad" },
    { syntax: "json", key: "name", column: undefined, detail: "a plan needs a name", field: "name", message: "a plan needs a name" },
    { syntax: "stages", key: "tax[0].amount", column: undefined, detail: "bad", field: "sample.tax", message: "bad" },
  ] as const)("$key in $syntax → $field", ({ syntax, field, message, ...error }) => {
    expect(planFormError(syntax, error)).toEqual({ field, message });
  });
});

function compilePlanConfigOf(config: string | Record<string, unknown>): unknown {
  try {
    return compilePlanConfig(typeof config === "string" ? JSON.parse(config) : config);
  } catch (error) {
    return (error as Error).name;
  }
}
