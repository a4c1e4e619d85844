/**
 * A second process recording payments into the same database, for the ledger's cross-process test: run as
 * `node --import tsx ledger-writer-process.ts <database url> <shop> <contract id> <stage id> <count>`.
 * It records references ref-0 … ref-(count-1) of 1 minor unit each and prints how many it created.
 */
import { createPrismaClient } from "../../../app/prisma-client.server";
import { recordLedgerEntry } from "../../../app/models/ledger.server";

const [url, shop, contractId, stageId, count] = process.argv.slice(2) as [string, string, string, string, string];
const db = createPrismaClient(url);
let created = 0;
for (let index = 0; index < Number(count); index += 1) {
  const result = await recordLedgerEntry(db, shop, {
    contractId,
    stageId,
    kind: "payment",
    amountMinor: 1n,
    currency: "EUR",
    shopifyRef: `ref-${index}`,
    occurredAt: new Date(),
    actor: "job:collect",
  });
  if (result.created) created += 1;
}
await db.$disconnect();
process.stdout.write(JSON.stringify({ created }));
