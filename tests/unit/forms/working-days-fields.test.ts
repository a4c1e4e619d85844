import { describe, expect, it } from "vitest";

import { holidayWords, workingDaysInputErrors } from "../../../app/components/settings/working-days-fields";

describe("the working-days form before a save", () => {
  it("reads holidays one a line or separated by commas, semicolons or spaces", () => {
    expect(holidayWords("2027-12-25\n2027-12-26, 2028-01-01;2028-01-06  \n")).toEqual(["2027-12-25", "2027-12-26", "2028-01-01", "2028-01-06"]);
  });

  it.each<[string, readonly string[], string, Record<string, string>]>([
    ["a weekend and two holidays", ["6", "7"], "2027-12-25, 2027-12-26", {}],
    ["every day closed", ["1", "2", "3", "4", "5", "6", "7"], "", { closedWeekdays: "at least one weekday must be a working day" }],
    ["a holiday not written as a date", [], "2027-12-25, Christmas", { holidays: "“Christmas” is not a date: type dates as YYYY-MM-DD, like 2027-12-25" }],
  ])("%s", (_, closedWeekdays, holidays, errors) => {
    expect(workingDaysInputErrors({ closedWeekdays, holidays })).toEqual(errors);
  });
});
