import { Prisma } from "@prisma/client";

import type { ContractStatus } from "../domain/contract/contract-state";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { minorUnitsFromSum, requireShop, type Database } from "./database.server";

/** Whom terms and exposure are about: a customer, a B2B company or one of its locations (Shopify GIDs). */
export type CustomerSubject =
  | { readonly kind: "customer"; readonly customerId: string }
  | { readonly kind: "company"; readonly companyId: string }
  | { readonly kind: "companyLocation"; readonly companyLocationId: string };

/** What a subject owes in one currency: unpaid across its contracts, the overdue part of it, and on how many contracts. */
export interface CurrencyExposure {
  readonly currency: string;
  readonly unpaidMinor: bigint;
  readonly overdueMinor: bigint;
  readonly contracts: number;
}

interface ExposureRow {
  readonly currency: string;
  readonly unpaid: string | null;
  readonly overdue: string | null;
  readonly contracts: number;
}

export function subjectId(subject: CustomerSubject): string {
  switch (subject.kind) {
    case "customer":
      return subject.customerId;
    case "company":
      return subject.companyId;
    case "companyLocation":
      return subject.companyLocationId;
  }
}

/** The Contract column (of `c`) naming the subject; each has an index on (shop, column). */
export function subjectColumn(subject: CustomerSubject): Prisma.Sql {
  switch (subject.kind) {
    case "customer":
      return Prisma.sql`c."customerId"`;
    case "company":
      return Prisma.sql`c."companyId"`;
    case "companyLocation":
      return Prisma.sql`c."companyLocationId"`;
  }
}

/**
 * What the subject still owes: Σ (amount − paid) over the unpaid stages of its contracts that are not cancelled, per
 * currency (never converted), with the part due before `today` and the number of contracts that owe something. The
 * database sums it in one statement, so it is exact at any size and from one snapshot. Currencies owing most first.
 */
export async function customerExposure(db: Database, shop: string, subject: CustomerSubject, today: CalendarDate): Promise<CurrencyExposure[]> {
  requireShop(shop);
  const id = subjectId(subject);
  if (id.trim() === "") throw new TypeError(`a ${subject.kind} id is required for its exposure`);
  // Due dates are YYYY-MM-DD text, which sorts as the dates it names; a stage with no date yet is not overdue.
  const rows = await db.$queryRaw<ExposureRow[]>`
    SELECT c."currency",
      SUM(s."amountMinor" - s."paidMinor")::text AS "unpaid",
      SUM(s."amountMinor" - s."paidMinor") FILTER (WHERE s."dueDate" < ${today})::text AS "overdue",
      COUNT(DISTINCT c."id")::int AS "contracts"
    FROM "Contract" c
    JOIN "Stage" s ON s."contractId" = c."id"
    WHERE c."shop" = ${shop} AND ${subjectColumn(subject)} = ${id}
      AND c."status" <> ${"cancelled" satisfies ContractStatus}
      AND s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)})
      AND s."amountMinor" > s."paidMinor"
    GROUP BY c."currency"
    ORDER BY SUM(s."amountMinor" - s."paidMinor") DESC, c."currency"`;
  return rows.map((row) => ({
    currency: row.currency,
    unpaidMinor: minorUnitsFromSum(row.unpaid),
    overdueMinor: minorUnitsFromSum(row.overdue),
    contracts: row.contracts,
  }));
}
