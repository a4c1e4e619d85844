import type { FieldTargets } from "../forms/field-problems";

/** The general settings' fields by the name they post under: the id of their input and what the page calls them. */
export const GENERAL_SETTINGS_FIELDS: FieldTargets = {
  collectionMode: { fieldId: "settings-collection-mode", label: "Collection mode" },
  linkEmailsBy: { fieldId: "settings-link-emails-by", label: "Stage links are emailed by" },
  remindBeforeDays: { fieldId: "settings-remind-before", label: "Reminder days before the due date" },
  remindAfterDays: { fieldId: "settings-remind-after", label: "Reminder days after the due date" },
  alertEmails: { fieldId: "settings-alert-emails", label: "Email the daily digest to" },
  defaultPlanId: { fieldId: "settings-default-plan", label: "Default plan" },
  adminLocale: { fieldId: "settings-admin-locale", label: "Numbers and dates" },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the browser can tell before a save (the server checks all again): reminder days and digest addresses. */
export function generalSettingsInputErrors(values: {
  readonly remindBeforeDays: string;
  readonly remindAfterDays: string;
  readonly alertEmails: string;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of ["remindBeforeDays", "remindAfterDays"] as const) {
    const notDays = values[field]
      .split(/[\s,;]+/)
      .filter(Boolean)
      .find((word) => !/^\d+$/.test(word));
    if (notDays !== undefined) errors[field] = `“${notDays}” is not a number of days: type whole numbers, like 3, 7`;
  }
  const notAddress = values.alertEmails
    .split(/[\s,;]+/)
    .filter(Boolean)
    .find((address) => !EMAIL.test(address));
  if (notAddress !== undefined) errors.alertEmails = `“${notAddress}” is not an email address`;
  return errors;
}
