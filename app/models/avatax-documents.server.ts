import type { AvaTaxDocument as AvaTaxDocumentRow } from "@prisma/client";

import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, requireShop, type Database } from "./database.server";

export type AvaTaxDocumentType = "SalesInvoice" | "ReturnInvoice";
/** "pending": not yet at Avalara (its last attempt failed, see lastError); the rest mirror Avalara's status. */
export type AvaTaxDocumentStatus = "pending" | "saved" | "committed" | "voided";

export interface AvaTaxDocument extends Omit<AvaTaxDocumentRow, "type" | "status"> {
  readonly type: AvaTaxDocumentType;
  readonly status: AvaTaxDocumentStatus;
}

export interface AvaTaxDocumentChange {
  readonly contractId: string;
  readonly stagePosition: number;
  readonly code: string;
  readonly type: AvaTaxDocumentType;
  readonly status: AvaTaxDocumentStatus;
  readonly taxMinor: bigint | null;
  readonly splitTaxMinor: bigint;
  readonly netMinor: bigint;
  readonly currency: string;
  readonly ledgerEntryId?: string | null;
  readonly lastError: string | null;
}

/** A contract's documents, by stage and then oldest first. */
export async function listAvaTaxDocuments(db: Database, shop: string, contractId: string): Promise<AvaTaxDocument[]> {
  requireShop(shop);
  const rows = await db.avaTaxDocument.findMany({ where: { shop, contractId }, orderBy: [{ stagePosition: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toDocument);
}

/**
 * Records a document's state, keyed by its code, and audits a change (of status, amounts or error: a failed attempt
 * that stays pending with the same error is audited once, not on every retry).
 */
export async function recordAvaTaxDocument(db: Database, shop: string, change: AvaTaxDocumentChange, actor: AuditActor): Promise<AvaTaxDocument> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const before = await tx.avaTaxDocument.findUnique({ where: { shop_code: { shop, code: change.code } } });
    const data = {
      contractId: change.contractId,
      stagePosition: change.stagePosition,
      type: change.type,
      status: change.status,
      taxMinor: change.taxMinor,
      splitTaxMinor: change.splitTaxMinor,
      netMinor: change.netMinor,
      currency: change.currency,
      ledgerEntryId: change.ledgerEntryId ?? null,
      lastError: change.lastError,
    };
    const row = await tx.avaTaxDocument.upsert({
      where: { shop_code: { shop, code: change.code } },
      create: { shop, code: change.code, ...data },
      update: data,
    });
    const changed =
      !before ||
      [before.status, before.lastError, before.taxMinor, before.netMinor].some(
        (value, index) => value !== [row.status, row.lastError, row.taxMinor, row.netMinor][index],
      );
    if (changed) {
      await writeAudit(tx, shop, {
        actor,
        action: `avatax.document.${row.status}`,
        contractId: row.contractId,
        details: {
          code: row.code,
          type: row.type,
          position: row.stagePosition,
          taxMinor: row.taxMinor?.toString() ?? null,
          splitTaxMinor: row.splitTaxMinor.toString(),
          ...(row.lastError ? { error: row.lastError } : {}),
        },
      });
    }
    return toDocument(row);
  });
}

function toDocument(row: AvaTaxDocumentRow): AvaTaxDocument {
  return { ...row, type: row.type as AvaTaxDocumentType, status: row.status as AvaTaxDocumentStatus };
}
