import { describe, expect, it } from "vitest";
import { checkPlanDraft } from "../../../app/plan-editor/plan-draft-check";
import type { PlanDraft } from "../../../app/plan-editor/plan-draft";
import type { SampleOrder } from "../../../app/domain/plan/plan-draft-preview";
import { newStageRow } from "../../../app/plan-editor/stage-rows";

const now = new Date("2027-01-15T12:00:00Z");
const sample: SampleOrder = {
  amount: "10000",
  currency: "USD",
  orderDate: "2027-01-15",
  paymentDueDate: "",
  taxTitle: "",
  taxAmount: "",
  dates: {},
};

const thirtyFiftyTwenty: PlanDraft = {
  syntax: "stages",
  stages: [
    newStageRow({ kind: "deposit", shareKind: "percent", shareValue: "30", dueKind: "checkout" }),
    newStageRow({ kind: "preShipping", shareKind: "percent", shareValue: "50", dueKind: "milestone", dueName: "Ready to ship" }),
    newStageRow({ kind: "balance", shareKind: "remainder", dueKind: "orderFulfilled", netDays: "30" }),
  ],
};

const justOn = (fields: Partial<Record<"period" | "dateReference" | "rate" | "amount" | "titles", string>>): PlanDraft => ({
  syntax: "juston",
  juston: { period: "", dateReference: "", rate: "", amount: "", titles: "", ...fields },
});

describe("checkPlanDraft: a valid plan gives the preview rows", () => {
  it.each([
    {
      name: "30/50/20 stages with a tax line",
      draft: thirtyFiftyTwenty,
      sample: { ...sample, taxTitle: "VAT", taxAmount: "1000" },
      rows: [
        { position: 1, title: "Deposit", amount: "3000.00", due: "2027-01-15", tax: "300.00" },
        { position: 2, title: "Payment before shipping", amount: "5000.00", due: 'When "Ready to ship" is reached', tax: "500.00" },
        { position: 3, title: "Balance", amount: "2000.00", due: "30 days after the order is fulfilled", tax: "200.00" },
      ],
      total: "10000.00",
      taxTotal: "1000.00",
    },
    {
      name: "JustOn keys in JPY (no minor unit): the first installments take the odd yen",
      draft: justOn({ period: "1m(3)", titles: "Payment [PosNo] of [PosCount]" }),
      sample: { ...sample, currency: "JPY", orderDate: "2027-01-31" },
      rows: [
        { position: 1, title: "Payment 1 of 3", amount: "3334", due: "2027-01-31", tax: "0" },
        { position: 2, title: "Payment 2 of 3", amount: "3333", due: "2027-02-28", tax: "0" },
        { position: 3, title: "Payment 3 of 3", amount: "3333", due: "2027-03-31", tax: "0" },
      ],
      total: "10000",
      taxTotal: "0",
    },
    {
      name: "a JSON preset in KWD (three decimals), net days noted on a dated stage",
      draft: { syntax: "json", text: '{"stages": [{"share": "remainder", "due": {"after": "1m"}, "netDays": 10}]}' } as PlanDraft,
      sample: { ...sample, amount: "1.5", currency: "KWD" },
      rows: [{ position: 1, title: "Installment 1 of 1", amount: "1.500", due: "2027-02-25", dueNote: "Issued 2027-02-15, net 10 days", tax: "0.000" }],
      total: "1.500",
      taxTotal: "0.000",
    },
  ])("$name", ({ draft, sample: order, rows, total, taxTotal }) => {
    const check = checkPlanDraft(draft, order, now);
    expect(check.errors).toEqual([]);
    expect(check.preview).toEqual({ currency: order.currency, rows, total, taxTotal });
  });

  it("gives named order date fields a sample date a month apart, or the one typed", () => {
    const draft: PlanDraft = {
      syntax: "stages",
      stages: [
        newStageRow({ shareKind: "percent", shareValue: "50", dueKind: "field", dueName: "delivery_date", dueCount: "" }),
        newStageRow({ shareKind: "remainder", dueKind: "field", dueName: "install_date", dueCount: "7", dueUnit: "d" }),
      ],
    };
    expect(checkPlanDraft(draft, sample, now)).toMatchObject({
      dateFields: ["delivery_date", "install_date"],
      preview: { rows: [{ due: "2027-02-14" }, { due: "2027-03-23" }] },
    });
    expect(checkPlanDraft(draft, { ...sample, dates: { install_date: "2027-06-01" } }, now).preview?.rows[1]?.due).toBe("2027-06-08");
  });
});

describe("checkPlanDraft: the engine's first error, on the field it names", () => {
  const stagesWith = (...rows: Parameters<typeof newStageRow>[0][]): PlanDraft => ({ syntax: "stages", stages: rows.map((row) => newStageRow(row)) });

  it.each([
    {
      name: "a percent that is not a number",
      draft: stagesWith({ shareKind: "percent", shareValue: "3o" }, { shareKind: "remainder" }),
      error: { field: "stages.0.share", message: '"3o" is not a percentage' },
    },
    {
      name: "a percent over 100",
      draft: stagesWith({ shareKind: "remainder" }, { shareKind: "percent", shareValue: "150" }),
      error: { field: "stages.1.share", message: "150% is not a rate above 0 and at most 100" },
    },
    {
      name: "two remainder stages",
      draft: stagesWith({ shareKind: "remainder" }, { shareKind: "remainder" }),
      error: { field: "stages.1.share", message: "only one stage can take the remainder" },
    },
    {
      name: "a milestone without a name",
      draft: stagesWith({ shareKind: "remainder", dueKind: "milestone", dueName: " " }),
      error: { field: "stages.0.due", message: "String must contain at least 1 character(s)" },
    },
    {
      name: "a date that does not exist",
      draft: stagesWith({ shareKind: "remainder", dueKind: "on", dueDate: "2027-02-30" }),
      error: { field: "stages.0.due", message: '"2027-02-30" is not a real calendar date' },
    },
    {
      name: "net days that are not a number",
      draft: stagesWith({ shareKind: "remainder", netDays: "ten" }),
      error: { field: "stages.0.netDays", message: 'net days must be a whole number, not "ten"' },
    },
    {
      name: "JustOn rate with a bad entry: the message carries the column",
      draft: justOn({ period: "1m(3)", rate: "50,2x" }),
      error: { field: "juston.rate", message: '"2x" is not a percentage (column 4)' },
    },
    {
      name: "JustOn period with a bad unit",
      draft: justOn({ period: "1m,2y" }),
      error: { field: "juston.period", message: expect.stringMatching(/"2y" is not a distance.*\(column 4\)$/) },
    },
    {
      name: "JustOn without a period",
      draft: justOn({ rate: "50,50" }),
      error: { field: "juston.period", message: "is required, for example 1m(4) for four monthly installments" },
    },
    {
      name: "JSON that does not parse: the whole message, key included",
      draft: { syntax: "json", text: "{period:" },
      error: { field: "json", message: expect.stringMatching(/^config: not valid JSON/) },
    },
    {
      name: "JSON with an unknown key",
      draft: { syntax: "json", text: '{"periods": "1m"}' },
      error: { field: "json", message: expect.stringMatching(/^periods: unknown key/) },
    },
  ] as const)("$name", ({ draft, error }) => {
    const check = checkPlanDraft(draft as PlanDraft, sample, now);
    expect(check.preview).toBeNull();
    expect(check.errors).toEqual([error]);
  });

  it.each([
    { name: "a total with a letter", sample: { ...sample, amount: "10k" }, field: "sample.amount" },
    { name: "more decimals than JPY has", sample: { ...sample, amount: "10.50", currency: "JPY" }, field: "sample.amount" },
    { name: "no order date", sample: { ...sample, orderDate: "" }, field: "sample.orderDate" },
    { name: "a tax amount without a title", sample: { ...sample, taxAmount: "10" }, field: "sample.taxTitle" },
    { name: "a tax line above the total", sample: { ...sample, taxTitle: "VAT", taxAmount: "20000" }, field: "sample.tax" },
  ])("an error of the sample order shows on its field: $name", ({ sample: order, field }) => {
    expect(checkPlanDraft(thirtyFiftyTwenty, order, now).errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it("a schedule error of a valid plan lands on the stage it names", () => {
    const beforeOrder = stagesWith({ shareKind: "remainder", dueKind: "on", dueDate: "2026-12-31" });
    expect(checkPlanDraft(beforeOrder, sample, now).errors).toEqual([
      { field: "stages.0.due", message: "installment 1 would fall on 2026-12-31, before the order date 2027-01-15" },
    ]);
  });
});
