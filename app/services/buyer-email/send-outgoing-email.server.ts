import type { BuyerEmail, ScheduleChange } from "../../domain/documents/buyer-email";
import { triggerOfKey } from "../../domain/documents/schedule-changes";
import { triggerWords } from "../../locale/trigger-words";
import { renderBuyerEmail } from "../../emails/render-buyer-email.server";
import { errorMessage } from "../../lib/jobs/job-queue.server";
import type { AuditActor } from "../../models/audit-log.server";
import type { Database } from "../../models/database.server";
import { getEmailTemplateText } from "../../models/email-template-texts.server";
import {
  claimOutgoingEmail,
  markEmailFailed,
  markEmailSent,
  markEmailSkipped,
  saveRenderedEmail,
  type OutgoingEmail,
} from "../../models/outgoing-emails.server";
import { buyerDocumentFor, sellerNameOf } from "../buyer-documents/buyer-document.server";
import { MAX_EMAIL_ATTEMPTS, nextEmailAttemptAt } from "./email-retry";
import { isPermanentMailError, type MailTransport } from "./mail-transport.server";

export interface EmailSenderDeps {
  readonly db: Database;
  readonly mail: MailTransport;
  readonly now: () => Date;
  readonly appUrl: string;
  readonly linkSecret: string;
  /** Scales the waits between attempts (tests shorten them). */
  readonly retryScale?: number;
  /** EMAIL_CLAIM_MS when absent. */
  readonly claimMs?: number;
}

/** How long one attempt holds an email: past it, a worker that died mid-send is presumed gone and the email is sent again. */
export const EMAIL_CLAIM_MS = 2 * 60_000;

const ACTOR: AuditActor = "job:buyer-email";

export type SendOutcome = "sent" | "skipped" | "retrying" | "failed" | "notMine";

/**
 * Sends one queued email, once. The row is claimed first (one worker wins); it is rendered at the first attempt and
 * the words kept, so a later attempt sends the same message under the same Message-ID; it is marked sent in the
 * transaction after the server accepted it. A worker killed before the server's answer leaves the row claimed, and
 * the next worker after the claim sends it again. The one window left, killed after the server accepted but before
 * the row says so, resends the same Message-ID, which mail clients show once (SMTP has no idempotency key).
 */
export async function sendOutgoingEmail(deps: EmailSenderDeps, id: string, signal?: AbortSignal): Promise<SendOutcome> {
  const claimed = await claimOutgoingEmail(deps.db, id, deps.now(), deps.claimMs ?? EMAIL_CLAIM_MS);
  if (!claimed) return "notMine";
  let email = claimed;
  // Every attempt that ends records itself and stops at the limit: more claims than that were workers dying mid-send
  // (a message that crashes the worker?). Staff see it rather than the workers dying on it for ever.
  if (email.attempts > MAX_EMAIL_ATTEMPTS) {
    const error = `its workers stopped while sending it ${email.attempts - 1} times`;
    await markEmailFailed(deps.db, email, { error, final: true, retryAt: null, actor: ACTOR });
    return "failed";
  }
  try {
    if (email.subject === null || email.html === null || email.text === null || email.recipient === null) {
      const rendered = await renderForBuyer(deps, email);
      if (rendered === null) {
        await markEmailSkipped(deps.db, email, "the contract has no email address for the buyer", ACTOR);
        return "skipped";
      }
      await saveRenderedEmail(deps.db, email.id, rendered);
      email = { ...email, ...rendered };
    }
    signal?.throwIfAborted();
    const branding = await deps.db.shopBranding.findUnique({ where: { shop: email.shop }, select: { sellerName: true, sellerEmail: true } });
    await deps.mail.send({
      from: { name: sellerNameOf(email.shop, { sellerName: branding?.sellerName ?? null }), address: deps.mail.fromAddress },
      to: email.recipient!,
      replyTo: branding?.sellerEmail ?? null,
      subject: email.subject!,
      html: email.html!,
      text: email.text!,
      messageId: email.messageId,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const final = isPermanentMailError(error) || email.attempts >= MAX_EMAIL_ATTEMPTS;
    const retryAt = final ? null : nextEmailAttemptAt(deps.now(), email.attempts, deps.retryScale);
    await markEmailFailed(deps.db, email, { error: errorMessage(error), final, retryAt, actor: ACTOR });
    return final ? "failed" : "retrying";
  }
  await markEmailSent(deps.db, email, deps.now(), ACTOR);
  return "sent";
}

async function renderForBuyer(deps: EmailSenderDeps, email: OutgoingEmail) {
  const document = await buyerDocumentFor(deps.db, email.shop, email.contractId, { appUrl: deps.appUrl, linkSecret: deps.linkSecret, now: deps.now() });
  if (!document.buyer.email) return null;
  const text = await getEmailTemplateText(deps.db, email.shop, email.kind);
  const rendered = await renderBuyerEmail({ email: inBuyerWords(email.email, document.locale.locale), document, text });
  return { recipient: document.buyer.email, subject: rendered.subject, html: rendered.html, text: rendered.text };
}

/** A schedule change names the events stages wait for by key ("fulfillmentCreated"): the buyer reads them in words. */
function inBuyerWords(email: BuyerEmail, locale: string): BuyerEmail {
  if (email.kind !== "scheduleChanged") return email;
  const words = (side: ScheduleChange["before"]): ScheduleChange["before"] => {
    const trigger = side?.waitsFor ? triggerOfKey(side.waitsFor) : null;
    return side && trigger ? { ...side, waitsFor: triggerWords(trigger, locale) } : side;
  };
  return { ...email, changes: email.changes.map((change) => ({ ...change, before: words(change.before), after: words(change.after) })) };
}
