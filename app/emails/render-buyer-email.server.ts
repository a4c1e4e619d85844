import { render, toPlainText } from "@react-email/render";
import type { BuyerEmail, BuyerEmailInput, EmailTemplateText } from "../domain/documents/buyer-email";
import { emailContext, numberingOf, placeholderValues, stageAt, type EmailContext } from "./email-context";
import { defaultTextOf, fillPlaceholders, lateFeeTextOf, type DefaultTemplateText } from "./template-text";
import { buyerEmailElement } from "./templates/buyer-email-element";

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

// html-to-text upper-cases headings and table heads by default; that garbles names and German nouns.
const PLAIN_TEXT_SELECTORS = [
  ...["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: '[data-text-format="dataTable"]', format: "dataTable", options: { uppercaseHeaderCells: false } },
];

/**
 * One buyer email: the subject (the staff's own or the default, placeholders filled; a late fee's own), the HTML,
 * and the plain-text part made from that HTML.
 */
export async function renderBuyerEmail(input: BuyerEmailInput): Promise<RenderedEmail> {
  const { email, document, text } = input;
  const context = emailContext(document);
  const values = placeholderValues(context, email);
  const written = templateTextOf(context, email, text);
  const subject = oneLine(fillPlaceholders(written.subject, values));
  const intro = fillPlaceholders(written.intro, values);
  const html = await render(buyerEmailElement(email, context, { subject, intro }));
  return { subject, html, text: toPlainText(html, { selectors: PLAIN_TEXT_SELECTORS }) };
}

/**
 * The subject and intro with their placeholders: staff's own text for the kind where they wrote one, else the
 * default. A merchant's text for a kind is written for the plan's payments ("payment {position} of {count}"), so an
 * email about a late fee is never written with it: it has the built-in wording that speaks of the fee.
 */
function templateTextOf(context: EmailContext, email: BuyerEmail, text: EmailTemplateText): DefaultTemplateText {
  if ("stagePosition" in email && numberingOf(context, stageAt(context, email.stagePosition)).lateFee) return lateFeeTextOf(context.messages, email);
  const defaults = defaultTextOf(context.messages, email.kind, email.kind === "reminder" ? email.when : "before");
  return { subject: nonBlank(text.subject) ?? defaults.subject, intro: nonBlank(text.intro) ?? defaults.intro };
}

/**
 * A subject is one header line, whatever a stage title or a staff text holds. Only ASCII whitespace and line
 * separators are folded: the no-break spaces Intl puts in "70.001 ¥" and French puts before a colon stay.
 */
function oneLine(text: string): string {
  return text.replace(/[\t\n\v\f\r \u0085\u2028\u2029]+/g, " ").trim();
}

/** A staff text cleared in the settings form means "the default". */
function nonBlank(text: string | null): string | null {
  return text?.trim() ? text : null;
}
