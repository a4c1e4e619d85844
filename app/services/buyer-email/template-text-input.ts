import { z } from "zod";

import { BUYER_EMAIL_KINDS, type BuyerEmailKind, type EmailTemplateText } from "../../domain/documents/buyer-email";
import { placeholdersFor, unknownPlaceholders } from "../../emails/template-text";

/** A cleared field means "the default" (stored as null). */
const ownText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((text) => (text === "" ? null : text));

/**
 * A staff subject and intro for one kind of email, as the settings form sends them: each field is refused with the
 * placeholders it names that this kind cannot fill, so a typo never reaches a buyer as "{amont}".
 */
export const emailTemplateTextInput = z
  .object({
    kind: z.enum(BUYER_EMAIL_KINDS as [BuyerEmailKind, ...BuyerEmailKind[]], { message: "choose one of the emails" }),
    subject: ownText(200),
    intro: ownText(2000),
  })
  .superRefine((input, context) => {
    for (const field of ["subject", "intro"] as const) {
      const unknown = unknownPlaceholders(input[field] ?? "", input.kind);
      if (unknown.length > 0) context.addIssue({ code: "custom", path: [field], message: unknownPlaceholderMessage(unknown, input.kind) });
    }
  });

export type EmailTemplateTextInput = z.input<typeof emailTemplateTextInput>;

/** The parsed input's kind and its text, nulls where the default is used. */
export function templateTextOf(input: z.output<typeof emailTemplateTextInput>): EmailTemplateText {
  return { subject: input.subject, intro: input.intro };
}

function unknownPlaceholderMessage(unknown: readonly string[], kind: BuyerEmailKind): string {
  const known = placeholdersFor(kind)
    .map((name) => `{${name}}`)
    .join(", ");
  return `${unknown.join(", ")} ${unknown.length === 1 ? "is not a placeholder" : "are not placeholders"} of this email; it fills ${known}`;
}
