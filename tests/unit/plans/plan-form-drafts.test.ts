import { describe, expect, it } from "vitest";

import { EMPTY_PAYMENT_RULES_FIELDS, type PaymentRulesFields } from "../../../app/components/plans/payment-rules-fields";
import { carryOver, checkedPaymentRules, formStartingWith } from "../../../app/components/plans/plan-form-drafts";
import { newPlanDraft, planDraftConfig } from "../../../app/plan-editor/plan-draft";

const typedRules: PaymentRulesFields = { ...EMPTY_PAYMENT_RULES_FIELDS, earlyPercent: "2,5", earlyWithinDays: "10", cashUnit: "0,05" };
const rulesBlock = { earlyPayment: { percent: "2.5", withinDays: 10 }, cashRounding: "0.05" };
const stagesConfig = planDraftConfig(newPlanDraft()) as Record<string, unknown>;

describe("switching the plan form's editor carries the payment rules section with the plan", () => {
  it("writes the section into the JSON editor's text, in the engine's numbers", () => {
    const form = formStartingWith(newPlanDraft(), typedRules, "de-DE");
    expect(JSON.parse(form.drafts.json.text)).toEqual({ ...stagesConfig, paymentRules: rulesBlock });
    expect(form.paymentRules).toEqual(typedRules);
  });

  it("reads the JSON's paymentRules back into the section, the shop's way, and empties it when the JSON has none", () => {
    const form = formStartingWith(newPlanDraft(), EMPTY_PAYMENT_RULES_FIELDS, "de-DE");
    const withRules = {
      ...form,
      drafts: { ...form.drafts, json: { syntax: "json" as const, text: JSON.stringify({ ...stagesConfig, paymentRules: rulesBlock }) } },
    };
    const toStages = carryOver(withRules, "json", "stages", "de-DE");
    expect(toStages.paymentRules).toEqual(typedRules);
    expect(toStages.drafts.stages).toEqual(form.drafts.stages);

    const withoutRules = {
      ...withRules,
      paymentRules: typedRules,
      drafts: { ...withRules.drafts, json: { syntax: "json" as const, text: JSON.stringify(stagesConfig) } },
    };
    expect(carryOver(withoutRules, "json", "stages", "de-DE").paymentRules).toEqual(EMPTY_PAYMENT_RULES_FIELDS);
  });

  it("leaves both editors as they are when the section cannot be read yet, or the JSON's rules have no fields", () => {
    const form = formStartingWith(newPlanDraft(), EMPTY_PAYMENT_RULES_FIELDS, "en-US");
    const halfTyped = { ...form, paymentRules: { ...typedRules, earlyWithinDays: "ten" } };
    expect(carryOver(halfTyped, "stages", "json", "en-US")).toEqual(halfTyped);

    const unknownRule = {
      ...form,
      drafts: { ...form.drafts, json: { syntax: "json" as const, text: JSON.stringify({ ...stagesConfig, paymentRules: { tip: "5" } }) } },
    };
    expect(carryOver(unknownRule, "json", "stages", "en-US")).toEqual(unknownRule);
  });
});

describe("the section's check", () => {
  it("gives the block, or the first reason on its field", () => {
    expect(checkedPaymentRules(typedRules, "de-DE")).toEqual({ config: rulesBlock, errors: [] });
    expect(checkedPaymentRules({ ...typedRules, earlyPercent: "100" }, "en-US").errors).toEqual([
      { field: "paymentRules.earlyPayment.percent", message: "100% is not a discount above 0 and below 100" },
    ]);
    expect(checkedPaymentRules({ ...typedRules, lateFeeKind: "percentPerMonth", lateFeePercent: "0" }, "en-US").errors).toEqual([
      { field: "paymentRules.lateFee.percentPerMonth", message: "0% is not a monthly rate above 0 and at most 100" },
    ]);
    expect(checkedPaymentRules(EMPTY_PAYMENT_RULES_FIELDS, "en-US")).toEqual({ config: undefined, errors: [] });
  });
});
