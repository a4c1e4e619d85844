import { ZodError } from "zod";

import { WORKING_DAYS_INTENT, holidayWords } from "../../components/settings/working-days-fields";
import { saveWorkingDays, type WorkingDaysInput } from "../../models/shop-settings.server";
import type { StaffContext } from "../../staff-context.server";
import { formFieldErrorsOf, type FormFieldErrors } from "../action-errors";
import type { SettingsActionResult } from "./settings-result";

/** Saves the weekdays the shop is closed, its holidays and where due dates on them go; a refusal names its field. */
export async function runWorkingDaysAction({ shop, deps, actor }: StaffContext, form: FormData): Promise<SettingsActionResult> {
  const closedWeekdays = text(form, "closedWeekdays").split(",").filter(Boolean);
  const notWeekday = closedWeekdays.find((word) => !/^\d+$/.test(word));
  if (notWeekday !== undefined) return refused({ closedWeekdays: `“${notWeekday}” is not a weekday: 1 (Monday) to 7 (Sunday)` });
  try {
    const saved = await saveWorkingDays(
      deps.db,
      shop,
      {
        closedWeekdays: closedWeekdays.map(Number),
        holidays: holidayWords(text(form, "holidays")),
        moveDueDates: text(form, "moveDueDates") as WorkingDaysInput["moveDueDates"],
      },
      actor,
    );
    const message =
      saved.moveDueDates === "off"
        ? "Working days saved. Due dates stay where the plans put them."
        : "Working days saved. Plans attached from now on move due dates off closed days; attached contracts keep their dates.";
    return { ok: true, form: WORKING_DAYS_INTENT, kind: null, message, fieldErrors: {} };
  } catch (error) {
    if (error instanceof ZodError) return refused(formFieldErrorsOf(error));
    throw error;
  }
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function refused(fieldErrors: FormFieldErrors): SettingsActionResult {
  return { ok: false, form: WORKING_DAYS_INTENT, kind: null, message: "Working days not saved.", fieldErrors };
}
