import { Prisma } from "@prisma/client";

import type { ContractStatus } from "../../domain/contract/contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../../domain/contract/stage-status";

/**
 * Stage statuses whose open amount is a receivable: the stage was invoiced (its invoice or link went out), fell
 * overdue, or a saved-card charge of it was declined. A declined charge counts as invoiced, as the journal's
 * "status not scheduled" does: the buyer was asked for the money. `scheduled` is not invoiced yet; `paid`,
 * `refunded` and `cancelled` owe nothing.
 */
export const INVOICED_UNPAID_STATUSES: readonly StageStatus[] = UNPAID_STAGE_STATUSES.filter((status) => status !== "scheduled");

/** The open amount of a stage (alias s) of a live contract (alias c): what the reports sum. */
export function openStageConditions(statuses: readonly StageStatus[]): Prisma.Sql {
  return Prisma.sql`c."status" <> ${"cancelled" satisfies ContractStatus}
    AND s."status" IN (${Prisma.join(statuses)})
    AND s."amountMinor" > s."paidMinor"`;
}

/** Who a contract is with, for a report's row: its customer's name, else their email, else "No customer". */
export const CUSTOMER_LABEL_SQL = Prisma.sql`COALESCE(NULLIF(c."customerName", ''), NULLIF(c."customerEmail", ''), 'No customer')`;
