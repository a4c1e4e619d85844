import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { NotFoundError } from "../models/model-errors.server";
import { getShopBranding } from "../models/shop-branding.server";
import { formFieldErrorsOf, type FormFieldErrors } from "../services/action-errors";
import { NoContractToPreviewError, previewBuyerEmail, sendTestEmail, type EmailPreview } from "../services/buyer-email/email-preview.server";
import { emailTemplateTextInput, templateTextOf } from "../services/buyer-email/template-text-input";
import { requireStaff } from "../staff-context.server";

/**
 * Settings → Email templates: renders the email staff are writing (saved or not) for one of the shop's contracts,
 * and on "Send me a test" sends it to the address they typed. A resource route, so the settings form's fields stay
 * as typed while the preview comes and goes.
 */

const previewTarget = z
  .object({
    intent: z.enum(["preview", "sendTest"], { message: "preview or send a test" }),
    contractId: z
      .string()
      .trim()
      .optional()
      .transform((id) => id || null),
    to: z.string().trim().optional(),
  })
  .superRefine((input, context) => {
    if (input.intent === "sendTest" && !z.string().email().safeParse(input.to).success) {
      context.addIssue({ code: "custom", path: ["to"], message: "give the email address to send the test to" });
    }
  });

export interface EmailPreviewResult {
  readonly ok: boolean;
  readonly message: string;
  readonly fieldErrors: FormFieldErrors;
  readonly subject: string | null;
  readonly html: string | null;
  /** Where the test went, once the mail server took it. */
  readonly sentTo: string | null;
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const fields = Object.fromEntries([...(await request.formData())].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const target = previewTarget.safeParse(fields);
  const text = emailTemplateTextInput.safeParse(fields);
  if (!target.success || !text.success) {
    const fieldErrors = { ...(target.success ? {} : formFieldErrorsOf(target.error)), ...(text.success ? {} : formFieldErrorsOf(text.error)) };
    return refused("Fix the fields marked, then try again.", fieldErrors);
  }
  let preview: EmailPreview;
  try {
    preview = await previewBuyerEmail(deps, shop, { kind: text.data.kind, text: templateTextOf(text.data), contractId: target.data.contractId });
  } catch (error) {
    if (error instanceof NoContractToPreviewError) return refused(`Nothing to preview: ${error.message}.`, {});
    if (error instanceof NotFoundError) return refused("Choose another contract.", { contractId: "this contract is not in this shop" });
    throw error;
  }
  const shown = { subject: preview.subject, html: preview.html };
  if (target.data.intent === "preview") return json<EmailPreviewResult>({ ok: true, message: "", fieldErrors: {}, ...shown, sentTo: null });
  const to = target.data.to!;
  const refusal = testRecipientRefusal(to, (await getShopBranding(deps.db, shop)).sellerEmail);
  if (refusal) return refused("The test was not sent.", { to: refusal });
  try {
    await sendTestEmail(deps, preview, to);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return json<EmailPreviewResult>({ ok: false, message: `The test was not sent: ${reason}`, fieldErrors: {}, ...shown, sentTo: null }, { status: 502 });
  }
  return json<EmailPreviewResult>({ ok: true, message: `Test sent to ${to}.`, fieldErrors: {}, ...shown, sentTo: to });
};

/**
 * A test goes to the shop's own people only: its Branding email or an address at that email's domain. The app's
 * sending address and a real buyer's signed links are in it, so it must not be a way to mail anyone anything.
 */
function testRecipientRefusal(to: string, shopEmail: string | null): string | null {
  if (!shopEmail) return "set the shop's email under Branding first: tests go to the shop's own addresses";
  const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return domainOf(to) === domainOf(shopEmail) ? null : `tests go to the shop's own addresses (at ${domainOf(shopEmail)})`;
}

function refused(message: string, fieldErrors: FormFieldErrors) {
  return json<EmailPreviewResult>({ ok: false, message, fieldErrors, subject: null, html: null, sentTo: null }, { status: 422 });
}
