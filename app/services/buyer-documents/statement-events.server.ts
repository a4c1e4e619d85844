import { contractStatementEvents, invoiceDateOf, type StatementContract } from "../../domain/documents/contract-statement-events";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { StatementEvent } from "../../domain/documents/statement";
import { getContract, type StoredContract, type StoredStage } from "../../models/contracts.server";
import type { Database } from "../../models/database.server";
import { listLedgerEntries, type LedgerEntry } from "../../models/ledger.server";
import { statementWordsFor } from "./statement-words";

export interface StatementEventOptions {
  /** The language of the lines' descriptions; English when absent. */
  readonly locale?: string;
}

/**
 * The statement events of the shop's contracts (app/domain/documents/contract-statement-events.ts says which and when),
 * read from the database; an unknown id, or another shop's, has none.
 */
export async function statementEventsFor(
  db: Database,
  shop: string,
  contractIds: readonly string[],
  options: StatementEventOptions = {},
): Promise<StatementEvent[]> {
  const ids = [...new Set(contractIds)];
  const [contracts, dates] = await Promise.all([Promise.all(ids.map((id) => getContract(db, shop, id))), auditDates(db, shop, ids)]);
  const words = statementWordsFor(options.locale ?? "en");
  const perContract = await Promise.all(
    contracts.map(async (contract) => {
      if (!contract) return [];
      const ledger = await listLedgerEntries(db, shop, contract.id);
      return contractStatementEvents(statementContractOf(contract, ledger, dates), words);
    }),
  );
  return perContract.flat();
}

/** The date an invoiced stage's invoice carries: the same day its invoice line has on the buyer's statement. */
export async function stageInvoiceDate(db: Database, shop: string, contract: StoredContract, stage: StoredStage): Promise<CalendarDate> {
  const { numberedAt } = await auditDates(db, shop, [contract.id]);
  return invoiceDateOf({ ...stage, numberedAt: numberedAt.get(stage.id) ?? null }, contract);
}

interface AuditDates {
  /** By contract id. */
  readonly cancelledAt: ReadonlyMap<string, Date>;
  /** By stage id. */
  readonly numberedAt: ReadonlyMap<string, Date>;
}

/** The audit rows that date what the contract rows do not: the cancellation, and each stage's invoice number. */
async function auditDates(db: Database, shop: string, contractIds: readonly string[]): Promise<AuditDates> {
  const rows = await db.auditLog.findMany({
    where: { shop, contractId: { in: [...contractIds] }, action: { in: ["contract.cancelled", "stage.invoiceNumbered"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { contractId: true, action: true, details: true, createdAt: true },
  });
  const cancelledAt = new Map<string, Date>();
  const numberedAt = new Map<string, Date>();
  for (const row of rows) {
    if (row.action === "contract.cancelled" && row.contractId !== null && !cancelledAt.has(row.contractId)) cancelledAt.set(row.contractId, row.createdAt);
    if (row.action === "stage.invoiceNumbered") {
      const { stageId } = JSON.parse(row.details) as { stageId?: unknown };
      if (typeof stageId === "string" && !numberedAt.has(stageId)) numberedAt.set(stageId, row.createdAt);
    }
  }
  return { cancelledAt, numberedAt };
}

function statementContractOf(contract: StoredContract, ledger: readonly LedgerEntry[], dates: AuditDates): StatementContract {
  return {
    id: contract.id,
    currency: contract.currency,
    timeZone: contract.timeZone,
    name: contract.mainOrderName ?? contract.sourceDraftName,
    createdAt: contract.createdAt,
    // Every cancellation writes its audit row with the status; the row's update time stands in should one be missing.
    cancelled: contract.status === "cancelled" ? { at: dates.cancelledAt.get(contract.id) ?? contract.updatedAt, settlement: contract.cancellation } : null,
    stages: contract.stages.map((stage) => ({
      id: stage.id,
      position: stage.position,
      kind: stage.kind,
      title: stage.title,
      amountMinor: stage.amountMinor,
      invoiceNumber: stage.invoiceNumber,
      issueDate: stage.issueDate,
      dueDate: stage.dueDate,
      numberedAt: dates.numberedAt.get(stage.id) ?? null,
    })),
    ledger: ledger.map((entry) => ({
      stageId: entry.stageId,
      kind: entry.kind,
      amountMinor: entry.amountMinor,
      occurredAt: entry.occurredAt,
      method: entry.method,
      reference: entry.reference,
    })),
  };
}
