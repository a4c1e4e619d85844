import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { useFieldVisibility } from "../forms/use-field-visibility";
import { WEEKDAY_CHOICES, WORKING_DAYS_FIELDS, WORKING_DAYS_INTENT, workingDaysChanged, workingDaysInputErrors } from "./working-days-fields";

const MOVE_CHOICES = [
  { label: "Stay where they fall", value: "off" },
  { label: "Move to the next working day", value: "nextWorkingDay" },
  {
    label: "Move to the previous working day",
    value: "previousWorkingDay",
    helpText: "Never before the order date: with no working day left before it, the due date moves to the next one.",
  },
];

interface WorkingDaysFormProps {
  readonly workingDays: { readonly closedWeekdays: readonly number[]; readonly holidays: readonly string[]; readonly moveDueDates: string };
  /** This form's last answer, if the last post was this form's. */
  readonly result: { readonly ok: boolean; readonly message: string; readonly fieldErrors: Readonly<Record<string, string>> } | null;
  readonly submitting: boolean;
}

/** The days the shop works: weekdays it is closed, its holidays, and whether due dates on those days move. */
export function WorkingDaysForm({ workingDays, result, submitting }: WorkingDaysFormProps) {
  const saved = {
    closedWeekdays: workingDays.closedWeekdays.map(String),
    holidays: workingDays.holidays.join("\n"),
    moveDueDates: workingDays.moveDueDates,
  };
  const [values, setValues] = useState(saved);
  const form = useRef<HTMLFormElement>(null);
  const visibility = useFieldVisibility();
  const set =
    <K extends keyof typeof values>(name: K) =>
    (value: (typeof values)[K]) =>
      setValues((current) => ({ ...current, [name]: value }));
  const inputErrors = workingDaysInputErrors(values);
  const errorOf = (name: keyof typeof values) => {
    const message = visibility.shown(name, inputErrors[name]) ?? result?.fieldErrors[name];
    return message === undefined ? undefined : asSentence(message);
  };
  const idOf = (name: keyof typeof values) => WORKING_DAYS_FIELDS[name]!.fieldId;
  const dirty = workingDaysChanged(values, saved);
  const discard = () => {
    setValues(saved);
    visibility.reset();
  };

  return (
    <Card>
      <Form method="post" ref={form} onSubmit={visibility.attempt}>
        <input type="hidden" name="intent" value={WORKING_DAYS_INTENT} />
        <input type="hidden" name="closedWeekdays" value={values.closedWeekdays.join(",")} />
        <input type="hidden" name="moveDueDates" value={values.moveDueDates} />
        <BlockStack gap="400">
          <UnsavedChangesBar
            id="working-days-save-bar"
            dirty={dirty}
            saving={submitting}
            onSave={() => form.current?.requestSubmit()}
            onDiscard={discard}
            message="Unsaved working days"
          />
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <FormLayout>
            <div id={idOf("closedWeekdays")} tabIndex={-1}>
              <ChoiceList
                title="Closed on"
                allowMultiple
                choices={WEEKDAY_CHOICES}
                selected={values.closedWeekdays}
                onChange={(selected) => {
                  set("closedWeekdays")(selected);
                  visibility.touch("closedWeekdays")();
                }}
                error={errorOf("closedWeekdays")}
              />
            </div>
            <TextField
              id={idOf("holidays")}
              label="Holidays"
              name="holidays"
              value={values.holidays}
              onChange={set("holidays")}
              onBlur={visibility.touch("holidays")}
              multiline={4}
              autoComplete="off"
              helpText="One date per line, or separated by commas, as YYYY-MM-DD: 2027-12-25"
              error={errorOf("holidays")}
            />
            <div id={idOf("moveDueDates")} tabIndex={-1}>
              <ChoiceList
                title="Due dates on a closed day"
                choices={MOVE_CHOICES}
                selected={[values.moveDueDates]}
                onChange={(selected) => set("moveDueDates")(selected[0] ?? workingDays.moveDueDates)}
                error={errorOf("moveDueDates")}
              />
            </div>
          </FormLayout>
          <InlineStack align="end">
            <Button submit variant="primary" loading={submitting}>
              Save working days
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
