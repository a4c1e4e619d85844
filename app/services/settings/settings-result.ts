import type { BuyerEmailKind } from "../../domain/documents/buyer-email";
import type { FormFieldErrors } from "../action-errors";

/** The settings page's forms: each answer names the form it is for, and only that form shows it beside its fields. */
export type SettingsFormName = "settings" | "workingDays" | "branding" | "template" | "avatax";

export interface SettingsActionResult {
  readonly ok: boolean;
  readonly form: SettingsFormName;
  /** The email whose template was saved or refused (the template form edits one kind at a time). */
  readonly kind: BuyerEmailKind | null;
  readonly message: string;
  readonly fieldErrors: FormFieldErrors;
}
