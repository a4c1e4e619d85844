import type { AuditActor } from "../../models/audit-log.server";
import { NotFoundError } from "../../models/model-errors.server";
import { getOutgoingEmail, reopenEmail } from "../../models/outgoing-emails.server";
import { ContractActionError } from "../collection/contract-actions.server";
import type { ServiceDeps } from "../service-deps.server";
import { dispatchDueEmails } from "./email-dispatch.server";

export interface SendEmailAgainInput {
  readonly contractId: string;
  readonly emailId: string;
  readonly actor: AuditActor;
}

/**
 * Staff send one of the contract's failed or skipped emails again (from its page): it starts over with fresh attempts
 * and is rendered anew (the buyer's address may have been added since), and the queue is asked to send it now.
 */
export async function sendEmailAgain(deps: ServiceDeps, shop: string, input: SendEmailAgainInput): Promise<void> {
  const email = await getOutgoingEmail(deps.db, input.emailId);
  if (!email || email.shop !== shop || email.contractId !== input.contractId) throw new NotFoundError("email", input.emailId);
  const reopened = await reopenEmail(deps.db, shop, email.id, input.actor);
  if (!reopened)
    throw new ContractActionError(`this email is ${email.status === "pending" ? "queued" : email.status}: only a failed or skipped email is sent again`);
  await dispatchDueEmails(deps.db, deps.jobs, deps.now(), input.contractId);
}
