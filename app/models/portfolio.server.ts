import { Prisma } from "@prisma/client";

import type { ContractStatus } from "../domain/contract/contract-state";
import type { CurrencyFigures, PortfolioFigures, PortfolioPeriod } from "../domain/contract/portfolio";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { minorUnitsFromSum, requireShop, type Database } from "./database.server";
import type { LedgerKind } from "./ledger.server";

interface CurrencyRow {
  readonly currency: string;
  /** Contracts of this currency by status; null for a currency met only in the ledger. */
  readonly contractsByStatus: Readonly<Record<string, number>> | null;
  readonly dueThisWeek: string | null;
  readonly dueThisMonth: string | null;
  readonly overdue: string | null;
  readonly collectedThisMonth: string | null;
}

/**
 * The dashboard's figures over every contract and ledger entry of the shop (app/domain/contract/portfolio.ts says
 * what each one counts). The database sums them, so they stay exact at any number of contracts, and in one
 * statement, so they come from one snapshot: a payment recorded meanwhile is in both "collected" and the open
 * amounts, or in neither.
 */
export async function portfolioFigures(db: Database, shop: string, period: PortfolioPeriod): Promise<PortfolioFigures> {
  requireShop(shop);
  const { today, weekEnd, monthEnd, monthStartsAt, todayEndsAt } = period;
  // Due dates are YYYY-MM-DD text, which sorts as the dates it names; the week may end in the next month.
  const lastDueDate = weekEnd > monthEnd ? weekEnd : monthEnd;
  const rows = await db.$queryRaw<CurrencyRow[]>`
    WITH contract_counts AS (
      SELECT "currency", "status", COUNT(*) AS "contracts", MAX("createdAt") AS "newest"
      FROM "Contract"
      WHERE "shop" = ${shop}
      GROUP BY "currency", "status"
    ), contracts_by_currency AS (
      SELECT "currency", jsonb_object_agg("status", "contracts") AS "contractsByStatus", MAX("newest") AS "newest"
      FROM contract_counts
      GROUP BY "currency"
    ), open_stages AS (
      SELECT c."currency",
        SUM(s."amountMinor" - s."paidMinor") FILTER (WHERE s."dueDate" >= ${today} AND s."dueDate" <= ${weekEnd}) AS "dueThisWeek",
        SUM(s."amountMinor" - s."paidMinor") FILTER (WHERE s."dueDate" >= ${today} AND s."dueDate" <= ${monthEnd}) AS "dueThisMonth",
        SUM(s."amountMinor" - s."paidMinor") FILTER (WHERE s."dueDate" < ${today}) AS "overdue"
      FROM "Stage" s
      JOIN "Contract" c ON c."id" = s."contractId"
      WHERE c."shop" = ${shop} AND c."status" <> ${"cancelled" satisfies ContractStatus}
        AND s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)})
        AND s."amountMinor" > s."paidMinor"
        AND s."dueDate" <= ${lastDueDate}
      GROUP BY c."currency"
    ), collected AS (
      SELECT "currency", SUM("amountMinor") AS "collectedThisMonth"
      FROM "LedgerEntry"
      WHERE "shop" = ${shop} AND "kind" IN (${"payment" satisfies LedgerKind}, ${"manualPayment" satisfies LedgerKind}) AND "occurredAt" >= ${monthStartsAt} AND "occurredAt" < ${todayEndsAt}
      GROUP BY "currency"
    )
    SELECT currencies."currency",
      contracts_by_currency."contractsByStatus",
      open_stages."dueThisWeek"::text AS "dueThisWeek",
      open_stages."dueThisMonth"::text AS "dueThisMonth",
      open_stages."overdue"::text AS "overdue",
      collected."collectedThisMonth"::text AS "collectedThisMonth"
    FROM (SELECT "currency" FROM contract_counts UNION SELECT "currency" FROM collected) currencies
    LEFT JOIN contracts_by_currency USING ("currency")
    LEFT JOIN open_stages USING ("currency")
    LEFT JOIN collected USING ("currency")
    ORDER BY contracts_by_currency."newest" DESC NULLS LAST, currencies."currency"`;

  const contractsByStatus: Record<ContractStatus, number> = { pending: 0, awaitingDeposit: 0, active: 0, completed: 0, cancelled: 0 };
  const byCurrency = new Map<string, CurrencyFigures>();
  for (const row of rows) {
    for (const [status, count] of Object.entries(row.contractsByStatus ?? {})) {
      if (!(status in contractsByStatus)) throw new Error(`shop ${shop} has contracts with an unknown status "${status}"`);
      contractsByStatus[status as ContractStatus] += count;
    }
    byCurrency.set(row.currency, {
      dueThisWeek: minorUnitsFromSum(row.dueThisWeek),
      dueThisMonth: minorUnitsFromSum(row.dueThisMonth),
      overdue: minorUnitsFromSum(row.overdue),
      collectedThisMonth: minorUnitsFromSum(row.collectedThisMonth),
    });
  }
  return { byCurrency, contractsByStatus };
}
