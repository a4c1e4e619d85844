import { randomUUID } from "node:crypto";
import type { OutgoingEmail as OutgoingEmailRow, Prisma } from "@prisma/client";
import { z } from "zod";

import { BUYER_EMAIL_KINDS, type BuyerEmail, type BuyerEmailKind } from "../domain/documents/buyer-email";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, toJsonColumn, type Database } from "./database.server";

export type OutgoingEmailStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

export interface OutgoingEmail extends Omit<OutgoingEmailRow, "status" | "kind" | "payload"> {
  readonly status: OutgoingEmailStatus;
  readonly kind: BuyerEmailKind;
  readonly email: BuyerEmail;
}

/** The domain of every Message-ID the app writes: the id before it is the row's, so a resend is the same message. */
const MESSAGE_ID_DOMAIN = "tranche.email";

const minor = z
  .string()
  .regex(/^-?\d+$/, "an amount in minor units")
  .transform(BigInt);
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date")
  .transform((text) => text as CalendarDate);
const position = z.number().int().min(1);
const scheduleSide = z.object({ amountMinor: minor, dueDate: calendarDate.nullable(), waitsFor: z.string().nullable() }).nullable();

/** The stored payload read back: a row written by an older version, or by hand, is refused with what is wrong. */
const buyerEmailColumn = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stageInvoice"), stagePosition: position }),
  z.object({ kind: z.literal("reminder"), stagePosition: position, when: z.enum(["before", "onDueDate", "after"]) }),
  z.object({ kind: z.literal("overdue"), stagePosition: position }),
  z.object({ kind: z.literal("paymentReceived"), stagePosition: position, amountMinor: minor, receivedOn: calendarDate }),
  z.object({ kind: z.literal("chargeUpcoming"), stagePosition: position, chargeOn: calendarDate }),
  z.object({ kind: z.literal("chargeReceipt"), stagePosition: position, amountMinor: minor, receivedOn: calendarDate }),
  z.object({ kind: z.literal("chargeDeclined"), stagePosition: position, retryOn: calendarDate.nullable() }),
  z.object({
    kind: z.literal("scheduleChanged"),
    changes: z.array(z.object({ position, title: z.string(), before: scheduleSide, after: scheduleSide })),
  }),
  z.object({ kind: z.literal("contractCancelled"), settlement: z.enum(["refund", "credit", "kept"]), refundMinor: minor }),
  z.object({ kind: z.literal("refundIssued"), amountMinor: minor, refundedOn: calendarDate }),
]);

export class OutgoingEmailPayloadError extends Error {
  override readonly name = "OutgoingEmailPayloadError";
}

function emailFromColumn(id: string, payload: string): BuyerEmail {
  const parsed = buyerEmailColumn.safeParse(JSON.parse(payload));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OutgoingEmailPayloadError(`outgoing email ${id}: ${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

function toOutgoingEmail(row: OutgoingEmailRow): OutgoingEmail {
  const { payload, ...rest } = row;
  return { ...rest, status: row.status as OutgoingEmailStatus, kind: row.kind as BuyerEmailKind, email: emailFromColumn(row.id, payload) };
}

export interface QueueBuyerEmailInput {
  readonly contractId: string;
  readonly email: BuyerEmail;
  /** What makes it one email ("paymentReceived:<ref>"): queuing the same key again changes nothing. */
  readonly dedupeKey: string;
}

/**
 * Queues an email to the contract's buyer, in the caller's transaction: it exists only if the change it announces
 * commits, and a key queued before (a retried job, a webhook delivered twice) is left as it is. Returns whether a
 * new email was queued.
 */
export async function queueBuyerEmail(db: Database, shop: string, input: QueueBuyerEmailInput): Promise<boolean> {
  requireShop(shop);
  if (!BUYER_EMAIL_KINDS.includes(input.email.kind)) throw new OutgoingEmailPayloadError(`unknown email kind ${input.email.kind}`);
  const id = randomUUID();
  const { count } = await db.outgoingEmail.createMany({
    data: [
      {
        id,
        shop,
        contractId: input.contractId,
        kind: input.email.kind,
        payload: toJsonColumn(input.email),
        dedupeKey: input.dedupeKey,
        messageId: `${id}@${MESSAGE_ID_DOMAIN}`,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Takes the email to send it: a pending one whose retry time came, or one left "sending" by a worker whose claim ran
 * out (it died mid-send). One worker wins the row (a single conditional UPDATE); the loser gets null. Claims run on
 * the database's clock, which every worker shares and which never jumps (the app's clock may: the demo's does), read
 * in UTC as Prisma keeps every DateTime column, whatever the session's time zone.
 */
export async function claimOutgoingEmail(db: Database, id: string, now: Date, claimMs: number): Promise<OutgoingEmail | null> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "OutgoingEmail"
    SET "status" = 'sending', "claimedUntil" = (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ${claimMs / 1000}), "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" = ${id}
      AND (("status" = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})) OR ("status" = 'sending' AND "claimedUntil" < (clock_timestamp() AT TIME ZONE 'UTC')))
    RETURNING "id"`;
  if (claimed.length === 0) return null;
  const row = await db.outgoingEmail.findUnique({ where: { id } });
  if (!row) return null;
  try {
    return toOutgoingEmail(row);
  } catch (error) {
    // A payload no version of the app can read is never sendable: failed for staff to see, not retried forever.
    if (!(error instanceof OutgoingEmailPayloadError)) throw error;
    await db.outgoingEmail.update({ where: { id }, data: { status: "failed", claimedUntil: null, lastError: error.message } });
    return null;
  }
}

export interface RenderedOutgoingEmail {
  readonly recipient: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Keeps what the first attempt rendered, so that every later attempt sends the same words. */
export async function saveRenderedEmail(db: Database, id: string, rendered: RenderedOutgoingEmail): Promise<void> {
  await db.outgoingEmail.update({ where: { id }, data: rendered });
}

/** The SMTP server took the message: it is sent, and the contract's timeline says so, together. */
export async function markEmailSent(db: Database, email: OutgoingEmail, now: Date, actor: AuditActor): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (!(await stillClaimed(tx, email, { status: "sent", sentAt: now, claimedUntil: null, lastError: null }))) return;
    await writeAudit(tx, email.shop, {
      actor,
      action: "email.sent",
      contractId: email.contractId,
      details: { emailId: email.id, kind: email.kind, subject: email.subject, attempts: email.attempts, ...stageOf(email.email) },
    });
  });
}

/** Nothing to send it to (the buyer has no email address): recorded on the timeline instead of retried. */
export async function markEmailSkipped(db: Database, email: OutgoingEmail, reason: string, actor: AuditActor): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (!(await stillClaimed(tx, email, { status: "skipped", claimedUntil: null, lastError: reason }))) return;
    await writeAudit(tx, email.shop, {
      actor,
      action: "email.skipped",
      contractId: email.contractId,
      details: { emailId: email.id, kind: email.kind, reason, ...stageOf(email.email) },
    });
  });
}

/**
 * A send that failed: back to pending for the next attempt, or, with `final`, failed for good, on the contract's
 * timeline for staff (who may send it again).
 */
export async function markEmailFailed(
  db: Database,
  email: OutgoingEmail,
  input: { readonly error: string; readonly final: boolean; readonly retryAt: Date | null; readonly actor: AuditActor },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const data = { status: input.final ? "failed" : "pending", claimedUntil: null, lastError: input.error, nextAttemptAt: input.retryAt };
    if (!(await stillClaimed(tx, email, data))) return;
    if (input.final) {
      await writeAudit(tx, email.shop, {
        actor: input.actor,
        action: "email.failed",
        contractId: email.contractId,
        details: { emailId: email.id, kind: email.kind, error: input.error, attempts: email.attempts, ...stageOf(email.email) },
      });
    }
  });
}

/** Staff ask for a failed (or skipped) email again: it starts over with fresh attempts. Returns whether it was reopened. */
export async function reopenEmail(db: Database, shop: string, id: string, actor: AuditActor): Promise<OutgoingEmail | null> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const { count } = await tx.outgoingEmail.updateMany({
      where: { id, shop, status: { in: ["failed", "skipped"] } },
      data: { status: "pending", attempts: 0, nextAttemptAt: null, lastError: null, subject: null, html: null, text: null, recipient: null },
    });
    if (count === 0) return null;
    const row = await tx.outgoingEmail.findUniqueOrThrow({ where: { id } });
    await writeAudit(tx, shop, { actor, action: "email.reopened", contractId: row.contractId, details: { emailId: id, kind: row.kind } });
    return toOutgoingEmail(row);
  });
}

export async function getOutgoingEmail(db: Database, id: string): Promise<OutgoingEmail | null> {
  const row = await db.outgoingEmail.findUnique({ where: { id } });
  return row ? toOutgoingEmail(row) : null;
}

/** The contract's emails, newest first, for its page. */
export async function listContractEmails(db: Database, shop: string, contractId: string): Promise<OutgoingEmail[]> {
  requireShop(shop);
  const rows = await db.outgoingEmail.findMany({ where: { shop, contractId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toOutgoingEmail);
}

/**
 * Emails a worker should take now: pending ones whose time came, and "sending" ones whose claim ran out (a worker
 * died mid-send). Oldest first, at most `limit`.
 */
export async function listEmailsToSend(db: Database, now: Date, limit: number, contractId?: string): Promise<{ id: string; shop: string }[]> {
  return db.$queryRaw<{ id: string; shop: string }[]>`
    SELECT "id", "shop" FROM "OutgoingEmail"
    WHERE (${contractId ?? null}::text IS NULL OR "contractId" = ${contractId ?? null})
      AND (("status" = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})) OR ("status" = 'sending' AND "claimedUntil" < (clock_timestamp() AT TIME ZONE 'UTC')))
    ORDER BY "createdAt" ASC
    LIMIT ${limit}`;
}

/**
 * Records an attempt's outcome only while the attempt still holds the row: a worker that outlived its claim (a server
 * slower than the claim) must not turn an email another worker since sent back into pending, or failed.
 */
async function stillClaimed(tx: Prisma.TransactionClient, email: OutgoingEmail, data: Prisma.OutgoingEmailUpdateManyMutationInput): Promise<boolean> {
  const { count } = await tx.outgoingEmail.updateMany({ where: { id: email.id, status: "sending", attempts: email.attempts }, data });
  return count === 1;
}

function stageOf(email: BuyerEmail): { position?: number } {
  return "stagePosition" in email ? { position: email.stagePosition } : {};
}
