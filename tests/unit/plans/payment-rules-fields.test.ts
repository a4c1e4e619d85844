import { describe, expect, it } from "vitest";

import {
  EMPTY_PAYMENT_RULES_FIELDS,
  paymentRulesConfig,
  paymentRulesFieldsFor,
  paymentRulesFieldsForInput,
  paymentRulesFormError,
  planFormFromSource,
  withPaymentRules,
  type PaymentRulesFields,
} from "../../../app/components/plans/payment-rules-fields";
import { planFieldId, planFieldLabel } from "../../../app/components/plans/plan-form-fields";
import { compilePaymentRules } from "../../../app/domain/payment-rules/payment-rules-config";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { newPlanDraft, planDraftConfig } from "../../../app/plan-editor/plan-draft";

const everyRule: PaymentRulesFields = {
  ...EMPTY_PAYMENT_RULES_FIELDS,
  earlyPercent: "2,5",
  earlyWithinDays: "10",
  lateFeeKind: "percentPerMonth",
  lateFeePercent: "1,5",
  lateFeeGraceDays: "5",
  lateFeeCompound: true,
  lateFeeMax: "1.000,00",
  cashUnit: "0,05",
  cashMethod: "up",
};

const everyRuleConfig = {
  earlyPayment: { percent: "2.5", withinDays: 10 },
  lateFee: { percentPerMonth: "1.5", compound: true, graceDays: 5, max: "1000.00" },
  cashRounding: { unit: "0.05", method: "up" },
};

/** What the engine makes of the block, as the form would load it back. */
const loadedBack = (config: Record<string, unknown>, locale: string) =>
  paymentRulesFieldsForInput(paymentRulesFieldsFor(compilePaymentRules(config, "paymentRules")), locale);

describe("the payment rules section <-> the plan's paymentRules", () => {
  it("reads numbers typed the shop's way into the engine's block", () => {
    expect(paymentRulesConfig(everyRule, "de-DE")).toEqual({ config: everyRuleConfig, errors: [] });
    const fixedFee: PaymentRulesFields = { ...EMPTY_PAYMENT_RULES_FIELDS, lateFeeKind: "fixed", lateFeeAmount: "1,250.00", cashUnit: "0.05" };
    expect(paymentRulesConfig(fixedFee, "en-US")).toEqual({ config: { lateFee: { fixed: "1250.00", graceDays: 0 }, cashRounding: "0.05" }, errors: [] });
  });

  it("leaves the block out when every rule is off, and fields of a rule that is off are not read", () => {
    expect(paymentRulesConfig(EMPTY_PAYMENT_RULES_FIELDS, "en-US")).toEqual({ config: undefined, errors: [] });
    const off: PaymentRulesFields = { ...EMPTY_PAYMENT_RULES_FIELDS, lateFeeKind: "none", lateFeeAmount: "abc", lateFeeMax: "xyz", cashMethod: "down" };
    expect(paymentRulesConfig(off, "en-US")).toEqual({ config: undefined, errors: [] });
  });

  it("round-trips: the block loads back into the same fields, in either locale", () => {
    // The engine keeps amounts without trailing zeros: "1000.00" comes back as 1.000 (1,000 in en-US).
    expect(loadedBack(everyRuleConfig, "de-DE")).toEqual({ ...everyRule, lateFeeMax: "1.000" });
    for (const locale of ["de-DE", "en-US"]) {
      const read = paymentRulesConfig(loadedBack(everyRuleConfig, locale), locale);
      expect(read).toEqual({ config: { ...everyRuleConfig, lateFee: { ...everyRuleConfig.lateFee, max: "1000" } }, errors: [] });
      expect(compilePaymentRules(read.config, "paymentRules")).toEqual(compilePaymentRules(everyRuleConfig, "paymentRules"));
    }
    expect(loadedBack({ cashRounding: "0.05", lateFee: { fixed: "25", graceDays: 3 } }, "en-US")).toEqual({
      ...EMPTY_PAYMENT_RULES_FIELDS,
      cashUnit: "0.05",
      lateFeeKind: "fixed",
      lateFeeAmount: "25",
      lateFeeGraceDays: "3",
    });
  });

  it("says at each field what cannot be read", () => {
    const typed: PaymentRulesFields = {
      ...EMPTY_PAYMENT_RULES_FIELDS,
      earlyPercent: "2%x",
      lateFeeKind: "percentPerMonth",
      lateFeePercent: "",
      lateFeeGraceDays: "five",
      cashUnit: "-0.05",
    };
    expect(paymentRulesConfig(typed, "en-US")).toEqual({
      config: undefined,
      errors: [
        { field: "paymentRules.earlyPayment.percent", message: expect.stringMatching(/^“2%x” is not a number/) },
        { field: "paymentRules.earlyPayment.withinDays", message: "Enter a number of days." },
        { field: "paymentRules.lateFee.graceDays", message: "“five” is not a number of days: type a whole number, like 10." },
        { field: "paymentRules.lateFee.percentPerMonth", message: "Enter a number." },
        { field: "paymentRules.cashRounding", message: expect.stringMatching(/negative/) },
      ],
    });
  });

  it("places the engine's refusals on the section's fields, by key", () => {
    const refusal = (block: unknown) => {
      try {
        compilePaymentRules(block, "paymentRules");
      } catch (error) {
        if (error instanceof PlanError) return paymentRulesFormError(error);
        throw error;
      }
      throw new Error("the engine accepted the block");
    };
    expect(refusal({ earlyPayment: { percent: "100", withinDays: 10 } })).toEqual({
      field: "paymentRules.earlyPayment.percent",
      message: "100% is not a discount above 0 and below 100",
    });
    expect(refusal({ lateFee: { percentPerMonth: "1", max: "0" } })).toEqual({ field: "paymentRules.lateFee.max", message: "0 is not an amount above zero" });
    expect(refusal({ cashRounding: { unit: "0", method: "up" } })).toMatchObject({ field: "paymentRules.cashRounding" });
    expect(refusal({ lateFee: { graceDays: 3 } })).toMatchObject({
      field: "paymentRules.lateFee.graceDays",
      message: expect.stringMatching(/^paymentRules\.lateFee: needs exactly one/),
    });
    expect(paymentRulesFormError({ key: "stages[0].share", column: undefined, detail: "x" })).toBeUndefined();
  });

  it("names the fields in the error summary and gives each an id to link to", () => {
    expect(planFieldLabel("paymentRules.lateFee.max", newPlanDraft())).toBe("Late fee cap");
    expect(planFieldId("paymentRules.earlyPayment.withinDays")).toBe("plan-paymentRules-earlyPayment-withinDays");
  });
});

describe("a stored plan with payment rules in the form", () => {
  it("opens its stages in the stage form and its rules in the section; the config compiles back to the same plan", () => {
    const stored = { ...(planDraftConfig(newPlanDraft()) as Record<string, unknown>), paymentRules: everyRuleConfig };
    const opened = planFormFromSource(JSON.stringify(stored));
    expect(opened.draft).toEqual(newPlanDraft());
    expect(opened.paymentRules).toEqual(paymentRulesFieldsFor(compilePaymentRules(everyRuleConfig, "paymentRules")));
    const resaved = withPaymentRules(planDraftConfig(opened.draft), paymentRulesConfig(opened.paymentRules, "en-US").config);
    expect(compilePlanConfig(resaved)).toEqual(compilePlanConfig(stored));
  });

  it("opens JustOn keys with payment rules in the JustOn fields and the section", () => {
    const opened = planFormFromSource(JSON.stringify({ period: "1m(3)", rate: "25(4)", paymentRules: { cashRounding: "0.05" } }));
    expect(opened.draft).toEqual({ syntax: "juston", juston: { period: "1m(3)", dateReference: "", rate: "25(4)", amount: "", titles: "" } });
    expect(opened.paymentRules).toEqual({ ...EMPTY_PAYMENT_RULES_FIELDS, cashUnit: "0.05" });
  });

  it("stays whole in the JSON editor when its stages or its rules have no fields", () => {
    const anchored = JSON.stringify({
      stages: [
        { share: "equal", due: "checkout" },
        { share: "equal", due: { every: "1m", anchor: 1 } },
      ],
      paymentRules: { cashRounding: "0.05" },
    });
    expect(planFormFromSource(anchored)).toEqual({ draft: { syntax: "json", text: anchored }, paymentRules: EMPTY_PAYMENT_RULES_FIELDS });
    const unreadable = JSON.stringify({ ...(planDraftConfig(newPlanDraft()) as object), paymentRules: { tip: "5" } });
    expect(planFormFromSource(unreadable)).toEqual({ draft: { syntax: "json", text: unreadable }, paymentRules: EMPTY_PAYMENT_RULES_FIELDS });
    expect(planFormFromSource("{ not json")).toEqual({ draft: { syntax: "json", text: "{ not json" }, paymentRules: EMPTY_PAYMENT_RULES_FIELDS });
  });

  it("keeps a JSON draft's text as typed: its own text holds its rules", () => {
    expect(withPaymentRules('{"preset": "monthly-4"}', { cashRounding: "0.05" })).toBe('{"preset": "monthly-4"}');
    expect(withPaymentRules({ period: "1m(3)" }, undefined)).toEqual({ period: "1m(3)" });
    expect(withPaymentRules({ period: "1m(3)" }, { cashRounding: "0.05" })).toEqual({ period: "1m(3)", paymentRules: { cashRounding: "0.05" } });
  });
});
