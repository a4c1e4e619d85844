import { describe, expect, it } from "vitest";

import { brandingInputErrors, BRANDING_FIELDS } from "../../../app/components/settings/branding-fields";
import { asSentence, fieldProblemsOf, firstProblemPerField, fixSummaryTitle } from "../../../app/components/forms/field-problems";
import { attemptSubmit, touchedAnyOf, touchField, UNTOUCHED, visibleError } from "../../../app/components/forms/field-visibility";
import { scheduleFieldId, scheduleFieldProblems } from "../../../app/components/schedule/schedule-fields";
import { withShopDates } from "../../../app/locale/dates-in-text";
import { formatShortDate } from "../../../app/locale/format";

describe("a field's error shows once the field was left or a submit tried", () => {
  it("hides an error nobody reached yet", () => {
    expect(visibleError(UNTOUCHED, "name", "Give the plan a name")).toBeUndefined();
  });

  it("shows it after the field was left, and only that field's", () => {
    const left = touchField(UNTOUCHED, "name");
    expect(visibleError(left, "name", "Give the plan a name")).toBe("Give the plan a name");
    expect(visibleError(left, "stages.0.share", "Type a number")).toBeUndefined();
    expect(touchField(left, "name")).toBe(left);
  });

  it("shows every error after a submit was tried", () => {
    const submitted = attemptSubmit(UNTOUCHED);
    expect(visibleError(submitted, "stages.0.share", "Type a number")).toBe("Type a number");
    expect(touchedAnyOf(submitted, "stages.3.")).toBe(true);
    expect(visibleError(submitted, "name", undefined)).toBeUndefined();
  });

  it("counts a row as reached once any of its fields was left", () => {
    const state = touchField(UNTOUCHED, "stages.1.netDays");
    expect(touchedAnyOf(state, "stages.1.")).toBe(true);
    expect(touchedAnyOf(state, "stages.0.")).toBe(false);
  });
});

describe("the error summary", () => {
  it("counts the fields that need a fix", () => {
    expect(fixSummaryTitle(1)).toBe("1 field needs a fix");
    expect(fixSummaryTitle(2)).toBe("2 fields need a fix");
    expect(fixSummaryTitle(1200, (count) => new Intl.NumberFormat("de-DE").format(count))).toBe("1.200 fields need a fix");
  });

  it("lists each field once, in the form's order, with its message as a sentence", () => {
    expect(
      firstProblemPerField([
        { fieldId: "a", label: "A", message: "first" },
        { fieldId: "a", label: "A", message: "second" },
        { fieldId: "b", label: "B", message: "third" },
      ]).map((problem) => problem.message),
    ).toEqual(["first", "third"]);
    expect(fieldProblemsOf({ accentColor: "a colour is #rrggbb", sellerName: "Fill this in", unknown: "x" }, BRANDING_FIELDS)).toEqual([
      { fieldId: "branding-seller-name", label: "Seller name", message: "Fill this in" },
      { fieldId: "branding-accent-color", label: "Accent colour", message: "a colour is #rrggbb" },
    ]);
    expect(asSentence("a colour is #rrggbb")).toBe("A colour is #rrggbb");
  });

  it("links the schedule's issues to their row's field, the total and the reason", () => {
    const problems = scheduleFieldProblems(
      [
        { field: "reason", message: "Say why" },
        { row: 2, field: "amount", message: "give the amount" },
        { field: "amount", message: "the stages add up to 700.00 EUR" },
      ],
      [2, 3],
    );
    expect(problems).toEqual([
      { fieldId: "schedule-row-2-amount", label: "Stage 3 amount", message: "give the amount" },
      { fieldId: "schedule-total", label: "Total", message: "the stages add up to 700.00 EUR" },
      { fieldId: "schedule-reason", label: "Reason", message: "Say why" },
    ]);
    expect(scheduleFieldId(undefined, "plan")).toBe("schedule-plan");
  });
});

describe("the branding form's own checks", () => {
  it("asks for #rrggbb colours and a real Reply-To address, and lets an empty address be", () => {
    expect(brandingInputErrors({ sellerEmail: "", primaryColor: "#1f4e3d", accentColor: "#ABCDEF" })).toEqual({});
    expect(Object.keys(brandingInputErrors({ sellerEmail: "nobody", primaryColor: "green", accentColor: "#12345" }))).toEqual([
      "primaryColor",
      "accentColor",
      "sellerEmail",
    ]);
  });
});

describe("dates inside the engine's phrases, the shop's way", () => {
  it("writes each calendar date in the locale and leaves the rest", () => {
    const text = "installment 1 would fall on 2026-12-31, before the order date 2027-01-15";
    expect(withShopDates(text, (date) => formatShortDate(date, "en-US"))).toBe("installment 1 would fall on Dec 31, 2026, before the order date Jan 15, 2027");
    expect(withShopDates("on 2027-01-20", (date) => formatShortDate(date, "de-DE"))).toBe("on 20.01.2027");
    expect(withShopDates("30 days after the order is fulfilled", () => "never")).toBe("30 days after the order is fulfilled");
  });
});
