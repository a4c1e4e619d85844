import type { Prisma } from "@prisma/client";

import { calendarDateAt } from "../domain/dates/calendar-date";
import type { LedgerEntry } from "./ledger.server";
import { queueBuyerEmail } from "./outgoing-emails.server";

/** The part of a split movement's reference before "#<position>": the one payment or refund the buyer made or got. */
function movementOf(shopifyRef: string): string {
  const split = shopifyRef.indexOf("#");
  return split === -1 ? shopifyRef : shopifyRef.slice(0, split);
}

/**
 * Queues the buyer's email about money just recorded, in the ledger's transaction: one per payment or refund (the
 * parts of a split one together), a receipt when it was a saved-card charge. Recorded again (a duplicate webhook), a
 * movement queues nothing: the key is the movement's.
 */
export async function queueMoneyEmails(tx: Prisma.TransactionClient, shop: string, entries: readonly LedgerEntry[]): Promise<void> {
  const byMovement = new Map<string, LedgerEntry[]>();
  // A discount granted moves no money: the payment that earned it had its own email.
  for (const entry of entries.filter((candidate) => candidate.kind !== "earlyPaymentDiscount")) {
    const key = `${entry.kind === "refund" ? "refund" : "payment"}:${movementOf(entry.shopifyRef)}`;
    byMovement.set(key, [...(byMovement.get(key) ?? []), entry]);
  }
  for (const [key, parts] of byMovement) {
    const first = parts[0]!;
    const contract = await tx.contract.findUniqueOrThrow({ where: { id: first.contractId }, select: { timeZone: true } });
    const amountMinor = parts.reduce((sum, part) => sum + part.amountMinor, 0n);
    const on = calendarDateAt(first.occurredAt, contract.timeZone);
    if (first.kind === "refund") {
      await queueBuyerEmail(tx, shop, { contractId: first.contractId, email: { kind: "refundIssued", amountMinor, refundedOn: on }, dedupeKey: key });
      continue;
    }
    const stageIds = parts.flatMap((part) => (part.stageId ? [part.stageId] : []));
    if (stageIds.length === 0) continue;
    const stages = await tx.stage.findMany({ where: { id: { in: stageIds } }, select: { position: true, chargeKey: true }, orderBy: { position: "asc" } });
    const stage = stages[0];
    if (!stage) continue;
    // Money arriving on a stage whose saved card was charged is that charge: the buyer gets its receipt.
    const charged = first.kind === "payment" && stages.some((candidate) => candidate.chargeKey !== null);
    await queueBuyerEmail(tx, shop, {
      contractId: first.contractId,
      email: { kind: charged ? "chargeReceipt" : "paymentReceived", stagePosition: stage.position, amountMinor, receivedOn: on },
      dedupeKey: key,
    });
  }
}
