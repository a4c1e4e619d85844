import { inTransaction, requireShop, type Database } from "./database.server";
import { NotFoundError } from "./model-errors.server";
import { writeAudit } from "./audit-log.server";

const PREFIX = "TR-";
const DIGITS = 6;

/**
 * The shop's next invoice number, "TR-000123", counting 1, 2, 3… per shop. The increment happens in the database
 * (one upsert, inside a transaction) so two callers can never get the same number. Given the caller's transaction
 * (the one that stores the number on the stage), a failure rolls the counter back with it; called on its own, a
 * number whose use then fails is skipped, never reused.
 */
export async function nextInvoiceNumber(db: Database, shop: string): Promise<string> {
  requireShop(shop);
  const counter = await inTransaction(db, (tx) => tx.invoiceCounter.upsert({ where: { shop }, create: { shop, next: 2 }, update: { next: { increment: 1 } } }));
  // `next` is the number the following call will get; this call's is the one before it.
  return `${PREFIX}${String(counter.next - 1).padStart(DIGITS, "0")}`;
}

/**
 * The stage's invoice number, given once: the number is taken and stored in one transaction, so a crash
 * leaves neither a stage without its number nor a number used twice, and a second call returns the first.
 */
export async function assignStageInvoiceNumber(db: Database, shop: string, contractId: string, stageId: string): Promise<string> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const stage = await tx.stage.findFirst({ where: { id: stageId, contractId, contract: { shop } }, select: { invoiceNumber: true } });
    if (!stage) throw new NotFoundError("stage", stageId);
    if (stage.invoiceNumber) return stage.invoiceNumber;
    const number = await nextInvoiceNumber(tx, shop);
    await tx.stage.update({ where: { id: stageId }, data: { invoiceNumber: number } });
    await writeAudit(tx, shop, { actor: "system", action: "stage.invoiceNumbered", contractId, details: { stageId, invoiceNumber: number } });
    return number;
  });
}
