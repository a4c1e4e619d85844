import { inTransaction, requireShop, type Database } from "./database.server";

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
  const counter = await inTransaction(db, (tx) =>
    tx.invoiceCounter.upsert({ where: { shop }, create: { shop, next: 2 }, update: { next: { increment: 1 } } }),
  );
  // `next` is the number the following call will get; this call's is the one before it.
  return `${PREFIX}${String(counter.next - 1).padStart(DIGITS, "0")}`;
}
