import type { BuyerEmail, BuyerEmailKind } from "../domain/documents/buyer-email";
import { messageLocaleOf } from "../locale/format";
import { messagesFor, type Messages } from "./messages";

/**
 * The subject and intro of an email as text with {placeholders}: the defaults in app/emails/messages and the ones
 * staff write in Settings → Emails. Pure, so the settings form can check and preview what staff type.
 */

export const TEMPLATE_PLACEHOLDERS = ["shop", "order", "stage", "position", "count", "amount", "dueDate", "outstanding"] as const;

/**
 * shop: the sender name; order: the order (or quote) number the buyer knows; stage: the stage's title; position and
 * count: "payment 2 of 3" among the plan's stages (a late fee is not counted and has no position); amount: what the
 * email is about (what is owed on the stage, the money received or charged, the refund, what a cancellation refunds
 * or keeps, the new order total after a schedule change); dueDate: the stage's due date (the charge date for an
 * upcoming charge); outstanding: what is left to pay on the order.
 */
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** A contract-wide email has no stage, so no value for the stage's placeholders. */
export type PlaceholderValues = Readonly<Partial<Record<TemplatePlaceholder, string>>>;

export interface DefaultTemplateText {
  readonly subject: string;
  readonly intro: string;
}

export type ReminderWhen = Extract<BuyerEmail, { kind: "reminder" }>["when"];

type StageEmail = Extract<BuyerEmail, { readonly stagePosition: number }>;

const STAGE_PLACEHOLDERS: ReadonlySet<TemplatePlaceholder> = new Set(["stage", "position", "dueDate"]);
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders an email of this kind fills: the stage's own only in emails about one stage. */
export function placeholdersFor(kind: BuyerEmailKind): readonly TemplatePlaceholder[] {
  return isAboutOneStage(kind) ? TEMPLATE_PLACEHOLDERS : TEMPLATE_PLACEHOLDERS.filter((name) => !STAGE_PLACEHOLDERS.has(name));
}

/** The {placeholders} in a staff text that this kind cannot fill (typos, or a stage's in a contract-wide email). */
export function unknownPlaceholders(text: string, kind: BuyerEmailKind): string[] {
  const known = new Set<string>(placeholdersFor(kind));
  const unknown = [...text.matchAll(PLACEHOLDER)].filter((match) => !known.has(match[1]!)).map((match) => match[0]);
  return [...new Set(unknown)];
}

/** Fills the placeholders that have a value; any other {text} stays as written. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (match, name: string) => (Object.hasOwn(values, name) ? values[name as TemplatePlaceholder] : undefined) ?? match);
}

/** The subject and intro an email has unless staff wrote their own; a reminder's wording depends on `when`. */
export function defaultTemplateText(kind: BuyerEmailKind, locale: string, when: ReminderWhen = "before"): DefaultTemplateText {
  return defaultTextOf(messagesFor(messageLocaleOf(locale)), kind, when);
}

export function defaultTextOf(messages: Messages, kind: BuyerEmailKind, when: ReminderWhen): DefaultTemplateText {
  return kind === "reminder" ? messages.templates.reminder[when] : messages.templates[kind];
}

/**
 * The subject and intro of an email about a late fee: the built-in ones that speak of the fee, whatever staff wrote
 * for the kind (their text is written for the plan's payments, "payment {position} of {count}").
 */
export function lateFeeTextOf(messages: Messages, email: StageEmail): DefaultTemplateText {
  return email.kind === "reminder" ? messages.lateFeeTemplates.reminder[email.when] : messages.lateFeeTemplates[email.kind];
}

function isAboutOneStage(kind: BuyerEmailKind): boolean {
  return kind !== "scheduleChanged" && kind !== "contractCancelled" && kind !== "refundIssued";
}
