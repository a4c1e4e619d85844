import { Prisma } from "@prisma/client";

import type { ContractStatus } from "../../domain/contract/contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../../domain/contract/stage-status";

/**
 * Stage statuses whose open amount is a receivable: the stage was invoiced (its invoice or link went out), fell
 * overdue, or a saved-card charge of it was declined. A declined charge counts as invoiced, as the journal's
 * "status not scheduled" does: the buyer was asked for the money. `paid`, `refunded` and `cancelled` owe nothing.
 */
export const INVOICED_UNPAID_STATUSES: readonly StageStatus[] = UNPAID_STAGE_STATUSES.filter((status) => status !== "scheduled");

/**
 * Whether a stage's open amount is a receivable: it was invoiced, or (still `scheduled`) the buyer already paid part
 * of it ahead, which the journal books as its invoice (app/domain/books/journal.ts), so the rest is owed from then.
 */
export function isReceivableStage(stage: { readonly status: string; readonly paidMinor: bigint }): boolean {
  return INVOICED_UNPAID_STATUSES.includes(stage.status as StageStatus) || (stage.status === "scheduled" && stage.paidMinor > 0n);
}

/** isReceivableStage in SQL, on a stage aliased s. */
export const RECEIVABLE_STAGE_SQL = Prisma.sql`(s."status" IN (${Prisma.join(INVOICED_UNPAID_STATUSES)})
  OR (s."status" = ${"scheduled" satisfies StageStatus} AND s."paidMinor" > 0))`;

/** Stages of these statuses still expecting money: what expected collections sums. */
export function stageStatusIn(statuses: readonly StageStatus[]): Prisma.Sql {
  return Prisma.sql`s."status" IN (${Prisma.join(statuses)})`;
}

/** The open amount of a stage (alias s) of a live contract (alias c) meeting `stageCondition`: what the reports sum. */
export function openStageConditions(stageCondition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`c."status" <> ${"cancelled" satisfies ContractStatus}
    AND ${stageCondition}
    AND s."amountMinor" > s."paidMinor"`;
}

/** Who a contract is with, for a report's row: its customer's name, else their email, else "No customer". */
export const CUSTOMER_LABEL_SQL = Prisma.sql`COALESCE(NULLIF(c."customerName", ''), NULLIF(c."customerEmail", ''), 'No customer')`;
