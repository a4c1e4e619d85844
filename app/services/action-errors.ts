import { ZodError } from "zod";

import { issueSentence, issueWords } from "../locale/zod-issue-words";

import { AttachPlanError } from "./attach/attach-plan.server";
import { ContractActionError } from "./collection/contract-actions.server";
import { ContractExistsError } from "../models/contracts.server";
import { ConcurrencyConflictError, NotFoundError } from "../models/model-errors.server";
import { SettingNotAllowedError } from "../models/shop-settings.server";
import { AdminUserErrors } from "../shopify/admin-errors";
import { PlanError } from "../domain/plan-error";
import { ScheduleRevisionError } from "../domain/contract/revision-error";

/**
 * The message staff see in place when an action is refused: our own refusals and Shopify's `userErrors` say
 * what to do; anything else is a bug, rethrown so that it reaches the error boundary and the logs. A form's
 * refusal names each field in words (`fieldLabels`, keyed by field name), never by zod's path or default message.
 */
export function refusalMessage(error: unknown, fieldLabels: Readonly<Record<string, string>> = {}): string {
  if (error instanceof ZodError) return [...new Set(error.issues.map((issue) => issueSentence(issue, fieldLabels)))].join("; ");
  if (error instanceof AdminUserErrors) return `Shopify refused: ${error.message}`;
  if (error instanceof ConcurrencyConflictError)
    return "the contract changed while this was being done (a payment or a sync arrived); reload the page and try again";
  if (
    error instanceof AttachPlanError ||
    error instanceof ContractActionError ||
    error instanceof ContractExistsError ||
    error instanceof NotFoundError ||
    error instanceof PlanError ||
    error instanceof ScheduleRevisionError ||
    error instanceof SettingNotAllowedError
  ) {
    return error.message;
  }
  throw error;
}

/** A form's refusal by field: each field's first message (fields are named by the first segment of zod's path). */
export type FormFieldErrors = Readonly<Record<string, string>>;

/** Each field's first issue, in words for the field (see issueWords); an issue of no field is the form's ("input"). */
export function formFieldErrorsOf(error: ZodError): FormFieldErrors {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "input");
    byField[field] ??= issueWords(issue);
  }
  return byField;
}
