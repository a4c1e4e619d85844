import { z } from "zod";

import { PermanentJobError, type JobHandler } from "../../lib/jobs/job-handlers.server";
import { sendOutgoingEmail } from "../../services/buyer-email/send-outgoing-email.server";
import type { ServiceDeps } from "../../services/service-deps.server";

const payloadSchema = z.object({ emailId: z.string().min(1) });

/** `buyer-email:send`: sends one queued email, once (the email row is the record of what happened). */
export function buyerEmailJob(deps: ServiceDeps): JobHandler {
  return async (payload, context) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`not a buyer email payload: ${parsed.error.message}`);
    const email = await deps.db.outgoingEmail.findUnique({ where: { id: parsed.data.emailId }, select: { shop: true } });
    // A job naming another shop's email is forged or a bug: it sends nothing.
    if (!email || email.shop !== context.shop) throw new PermanentJobError(`email ${parsed.data.emailId} is not one of ${context.shop}'s`);
    await sendOutgoingEmail({ ...deps.buyerMail, db: deps.db, now: deps.now, mail: deps.buyerMail.transport }, parsed.data.emailId, context.signal);
  };
}
