import { z, type ZodIssue } from "zod";

/**
 * Staff never read zod's own messages ("Expected number, received nan", "String must contain at least 1
 * character(s)"): a schema's message written for people is kept, and a default one becomes words about the field.
 */

/** What the field needs, in a sentence shown beside it (no field name, no path): "Type a whole number, like 3". */
export function issueWords(issue: ZodIssue): string {
  return hasOwnMessage(issue) ? issue.message : defaultWords(issue);
}

/**
 * The same words for a message that stands away from its field. A schema's own message names its field already; a
 * default one is led by the field's name, from `labels` (keyed by the first segment of the issue's path) or else
 * spelled out from it ("remindBeforeDays" → "Remind before days").
 */
export function issueSentence(issue: ZodIssue, labels: Readonly<Record<string, string>> = {}): string {
  if (hasOwnMessage(issue)) return issue.message;
  const words = defaultWords(issue);
  const field = issue.path.find((segment): segment is string => typeof segment === "string");
  if (field === undefined) return words;
  const label = labels[field] ?? spelledOut(field);
  return `${label}: ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
}

/** True when the schema gave this issue its own message (zod's default map would say something else). */
function hasOwnMessage(issue: ZodIssue): boolean {
  const { message: defaultMessage } = z.defaultErrorMap(issue, { defaultError: "Invalid input", data: undefined });
  return issue.message !== defaultMessage && issue.message !== "Invalid input" && issue.message !== "Required";
}

const FIX_THE_FORM = "This could not be read; reload the page and try again";

function defaultWords(issue: ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return "Fill this in";
      if (issue.expected === "integer") return "Type a whole number, like 3";
      if (issue.expected === "number" || issue.expected === "bigint") return "Type a number, like 3";
      if (issue.expected === "date") return "Type a date";
      return FIX_THE_FORM;
    case z.ZodIssueCode.too_small:
      return tooSmallWords(issue.type, Number(issue.minimum), issue.inclusive);
    case z.ZodIssueCode.too_big:
      return tooBigWords(issue.type, Number(issue.maximum), issue.inclusive);
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return "Type an email address, like name@example.com";
      if (issue.validation === "url") return "Type a web address, like https://example.com";
      return "This is not in the form this field takes";
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union_discriminator:
    case z.ZodIssueCode.invalid_union:
      return "Choose one of the options";
    case z.ZodIssueCode.invalid_date:
      return "Type a real date";
    case z.ZodIssueCode.not_multiple_of:
      return `Type a multiple of ${String(issue.multipleOf)}`;
    case z.ZodIssueCode.not_finite:
      return "Type a number, like 3";
    case z.ZodIssueCode.unrecognized_keys:
    case z.ZodIssueCode.invalid_arguments:
    case z.ZodIssueCode.invalid_return_type:
    case z.ZodIssueCode.invalid_intersection_types:
      return FIX_THE_FORM;
    case z.ZodIssueCode.custom:
      return "Check this field";
  }
}

function tooSmallWords(type: string, minimum: number, inclusive: boolean): string {
  switch (type) {
    case "string":
      return minimum <= 1 ? "Fill this in" : `Type at least ${minimum} characters`;
    case "array":
    case "set":
      return minimum <= 1 ? "Add at least one" : `Add at least ${minimum}`;
    case "number":
    case "bigint":
      return inclusive ? `Type ${minimum} or more` : `Type a number above ${minimum}`;
    default:
      return "Choose a later date";
  }
}

function tooBigWords(type: string, maximum: number, inclusive: boolean): string {
  switch (type) {
    case "string":
      return `Keep it to ${maximum} characters or fewer`;
    case "array":
    case "set":
      return `Keep it to ${maximum} or fewer`;
    case "number":
    case "bigint":
      return inclusive ? `Type ${maximum} or less` : `Type a number below ${maximum}`;
    default:
      return "Choose an earlier date";
  }
}

/** "remindBeforeDays" → "Remind before days". */
function spelledOut(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** zod's default messages, as they read when an engine error carried one as text, and their words. */
const DEFAULT_MESSAGE_WORDS: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^Required$/, () => "Fill this in"],
  [/^String must contain at least 1 character\(s\)$/, () => "Fill this in"],
  [/^String must contain at least (\d+) character\(s\)$/, (match) => `Type at least ${match[1]} characters`],
  [/^String must contain at most (\d+) character\(s\)$/, (match) => `Keep it to ${match[1]} characters or fewer`],
  [/^Expected integer, received \w+$/, () => "Type a whole number, like 3"],
  [/^Expected number, received \w+$/, () => "Type a number, like 3"],
  [/^Number must be greater than or equal to (-?[\d.]+)$/, (match) => `Type ${match[1]} or more`],
  [/^Number must be less than or equal to (-?[\d.]+)$/, (match) => `Type ${match[1]} or less`],
  [/^Number must be greater than (-?[\d.]+)$/, (match) => `Type a number above ${match[1]}`],
  [/^Number must be less than (-?[\d.]+)$/, (match) => `Type a number below ${match[1]}`],
  [/^Array must contain at least 1 element\(s\)$/, () => "Add at least one"],
  [/^Invalid enum value\b/, () => "Choose one of the options"],
  [/^Invalid (input|literal value)\b/, () => "Check this field"],
];

/** A message that may be zod's default, passed on as text by the plan engine: its words, or the message as it was. */
export function plainZodText(message: string): string {
  for (const [pattern, words] of DEFAULT_MESSAGE_WORDS) {
    const match = pattern.exec(message);
    if (match) return words(match);
  }
  return message;
}
