import { describe, expect, it } from "vitest";

import { workingDaysChanged } from "../../../app/components/settings/working-days-fields";

const saved = { closedWeekdays: ["6", "7"], holidays: "2027-12-25\n2027-12-26", moveDueDates: "nextWorkingDay" };

describe("workingDaysChanged: when the working-days form shows its save bar", () => {
  it.each([
    ["nothing edited", {}, false],
    ["the weekdays ticked in another order", { closedWeekdays: ["7", "6"] }, false],
    ["the same holidays on one line with commas", { holidays: "2027-12-25, 2027-12-26" }, false],
    ["a weekday more", { closedWeekdays: ["6", "7", "1"] }, true],
    ["a weekday fewer", { closedWeekdays: ["6"] }, true],
    ["a holiday added", { holidays: "2027-12-25\n2027-12-26\n2028-01-01" }, true],
    ["a holiday typed half-way", { holidays: "2027-12-25\n2027-12-2" }, true],
    ["due dates moved the other way", { moveDueDates: "previousWorkingDay" }, true],
  ])("%s → %s", (_what, edit, changed) => {
    expect(workingDaysChanged({ ...saved, ...edit }, saved)).toBe(changed);
  });
});
