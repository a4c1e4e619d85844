import { Prisma } from "@prisma/client";

import {
  NO_STAFF_ALERTS,
  staffAlerts,
  type AlertContract,
  type AlertCustomer,
  type AlertStageFacts,
  type CreditLimitFacts,
  type StaffAlertCounts,
  type StaffAlertList,
} from "../domain/alerts/staff-alerts";
import type { ContractStatus } from "../domain/contract/contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../domain/contract/stage-status";
import type { CalendarDate } from "../domain/dates/calendar-date";
import type { BuyerEmailKind } from "../domain/documents/buyer-email";
import { requireShop, type Database } from "./database.server";
import type { OutgoingEmailStatus } from "./outgoing-emails.server";

/** Today in the shop's calendar, and the zone it was read in. */
export interface ShopDay {
  readonly today: CalendarDate;
  readonly timeZone: string;
}

/** The most alerts read in full: the dashboard shows fewer, the digest at most this many. */
export const STAFF_ALERTS_READ = 50;

interface StageRow {
  readonly contractId: string;
  readonly draftName: string | null;
  readonly orderName: string | null;
  readonly customerName: string | null;
  readonly currency: string;
  readonly contractStatus: string;
  readonly position: number;
  readonly title: string;
  readonly status: string;
  readonly amountMinor: string;
  readonly paidMinor: string;
  readonly dueDate: string | null;
  readonly attempts: number;
  readonly chargeInFlight: boolean;
  readonly nextAttemptAt: Date | null;
  readonly stoppedBecause: string | null;
}

const CONTRACT_FIELDS = { id: true, sourceDraftName: true, mainOrderName: true, customerName: true, currency: true, status: true } as const;

/**
 * The shop's alerts (app/domain/alerts/staff-alerts.ts says what each kind is): the `limit` most urgent in full and
 * the count of each kind. Only the stages that are alerts are read, the most urgent first, through a condition the
 * database applies; parked jobs and failed emails likewise. A shop with 20,000 contracts costs what its alerts cost.
 */
export async function readStaffAlerts(db: Database, shop: string, day: ShopDay, limit = STAFF_ALERTS_READ): Promise<StaffAlertList> {
  requireShop(shop);
  const failed: OutgoingEmailStatus = "failed";
  const [stageRows, stageCounts, parked, parkedCount, emails, emailCount, credit] = await Promise.all([
    db.$queryRaw<StageRow[]>`
      SELECT c."id" AS "contractId", c."sourceDraftName" AS "draftName", c."mainOrderName" AS "orderName", c."customerName",
        c."currency", c."status" AS "contractStatus",
        s."position", s."title", s."status", s."amountMinor"::text AS "amountMinor", s."paidMinor"::text AS "paidMinor", s."dueDate",
        s."attempts", s."chargeKey" IS NOT NULL AS "chargeInFlight", s."nextAttemptAt",
        CASE WHEN s."parkedReason" IS NOT NULL THEN COALESCE(s."lastError", s."parkedReason") END AS "stoppedBecause"
      FROM "Stage" s
      JOIN "Contract" c ON c."id" = s."contractId"
      WHERE ${alertStageCondition(shop, day.today)}
      ORDER BY ${alertStageTier(day.today)}, s."dueDate" ASC NULLS LAST, c."id", s."position"
      LIMIT ${limit}`,
    db.$queryRaw<{ tier: number; count: bigint }[]>`
      SELECT ${alertStageTier(day.today)} AS "tier", COUNT(*) AS "count"
      FROM "Stage" s
      JOIN "Contract" c ON c."id" = s."contractId"
      WHERE ${alertStageCondition(shop, day.today)}
      GROUP BY 1`,
    db.parkedJob.findMany({
      where: { shop },
      orderBy: [{ parkedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { kind: true, reason: true, attempts: true, parkedAt: true, payload: true },
    }),
    db.parkedJob.count({ where: { shop } }),
    db.outgoingEmail.findMany({
      where: { shop, status: failed },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { kind: true, recipient: true, lastError: true, updatedAt: true, contractId: true },
    }),
    db.outgoingEmail.count({ where: { shop, status: failed } }),
    creditLimitsReached(db, shop, limit),
  ]);

  const jobContractIds = parked.map((job) => contractIdIn(job.payload));
  const contracts = await contractsById(db, shop, [...jobContractIds, ...emails.map((email) => email.contractId)]);
  const items = staffAlerts({
    ...day,
    stages: stageRows.map(stageFacts),
    parkedJobs: parked.map((job, index) => ({
      jobKind: job.kind,
      reason: job.reason,
      attempts: job.attempts,
      parkedAt: job.parkedAt,
      contract: contracts.get(jobContractIds[index] ?? "") ?? null,
    })),
    // An email of a contract deleted since (a shop's redaction) has no one left to tell.
    failedEmails: emails.flatMap((email) => {
      const contract = contracts.get(email.contractId);
      return contract
        ? [{ emailKind: email.kind as BuyerEmailKind, recipient: email.recipient, reason: email.lastError, failedAt: email.updatedAt, contract }]
        : [];
    }),
    creditLimits: credit.items,
  }).slice(0, limit);

  const tierCount = (tier: number) => Number(stageCounts.find((row) => Number(row.tier) === tier)?.count ?? 0);
  const counts: StaffAlertCounts = {
    ...NO_STAFF_ALERTS,
    chargeDeclined: tierCount(DECLINED_TIER),
    stageOverdue: tierCount(OVERDUE_TIER),
    jobParked: tierCount(STOPPED_TIER) + parkedCount,
    emailFailed: emailCount,
    creditLimitReached: credit.count,
  };
  return { items, counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) };
}

interface CreditLimitRow {
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly currency: string;
  readonly limitMinor: string;
  readonly owedMinor: string;
  readonly contracts: number;
  readonly total: number;
}

/**
 * The customers, companies and locations owing their credit limit or more in its currency (as
 * app/models/customer-exposure.server.ts sums what they owe), the furthest over first, and how many there are. Only
 * terms with a limit are read, each joined to its subject's contracts through that column's index.
 */
async function creditLimitsReached(db: Database, shop: string, limit: number): Promise<{ items: CreditLimitFacts[]; count: number }> {
  const rows = await db.$queryRaw<CreditLimitRow[]>`
    SELECT t."subjectKind", t."subjectId", t."subjectName", t."creditLimitCurrency" AS "currency",
      t."creditLimitMinor"::text AS "limitMinor", SUM(s."amountMinor" - s."paidMinor")::text AS "owedMinor",
      COUNT(DISTINCT c."id")::int AS "contracts", (COUNT(*) OVER ())::int AS "total"
    FROM "CustomerTerms" t
    JOIN "Contract" c ON c."shop" = t."shop" AND c."currency" = t."creditLimitCurrency"
      AND c."status" <> ${"cancelled" satisfies ContractStatus}
      AND ((t."subjectKind" = 'customer' AND c."customerId" = t."subjectId")
        OR (t."subjectKind" = 'company' AND c."companyId" = t."subjectId")
        OR (t."subjectKind" = 'companyLocation' AND c."companyLocationId" = t."subjectId"))
    JOIN "Stage" s ON s."contractId" = c."id" AND s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)}) AND s."amountMinor" > s."paidMinor"
    WHERE t."shop" = ${shop} AND t."creditLimitMinor" IS NOT NULL
    GROUP BY t."id"
    HAVING SUM(s."amountMinor" - s."paidMinor") >= t."creditLimitMinor"
    ORDER BY SUM(s."amountMinor" - s."paidMinor") - t."creditLimitMinor" DESC, t."subjectId"
    LIMIT ${limit}`;
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      customer: { kind: row.subjectKind as AlertCustomer["kind"], id: row.subjectId, name: row.subjectName },
      limit: { minor: BigInt(row.limitMinor), currency: row.currency },
      owed: { minor: BigInt(row.owedMinor), currency: row.currency },
      contracts: row.contracts,
    })),
  };
}

const DECLINED_TIER = 0;
const OVERDUE_TIER = 1;
const STOPPED_TIER = 2;

/**
 * The stages that are alerts, as `stageAlertKind` decides (app/domain/alerts/staff-alerts.ts), over `"Stage" s` and
 * its `"Contract" c`: the same rules in SQL so the database picks them, and the integration test holds the two equal.
 * Each arm of the OR has its index (overdue: status and due date; declined and stopped: the partial indexes of
 * migration 20261205100000_staff_alerts), so the stages read are the alerts, not every open stage.
 */
function alertStageCondition(shop: string, today: CalendarDate): Prisma.Sql {
  return Prisma.sql`c."shop" = ${shop} AND c."status" <> ${"cancelled" satisfies ContractStatus}
    AND ((${DECLINED}) OR (${overdueOn(today)}) OR (${STOPPED}))`;
}

/** Which kind a matching stage is, as a number that sorts the most urgent first. */
function alertStageTier(today: CalendarDate): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${DECLINED} THEN ${DECLINED_TIER}::int WHEN ${overdueOn(today)} THEN ${OVERDUE_TIER}::int ELSE ${STOPPED_TIER}::int END)`;
}

/** Still expecting money and not all of it paid. */
const OWED = Prisma.sql`s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)}) AND s."amountMinor" > s."paidMinor"`;
/** A saved-card charge was tried and none is on its way: it was declined (or Shopify refused it). */
const DECLINED = Prisma.sql`s."attempts" > 0 AND s."chargeKey" IS NULL AND ${OWED}`;
const STOPPED = Prisma.sql`s."parkedReason" IS NOT NULL`;

/** YYYY-MM-DD due dates compare as the days they name. */
function overdueOn(today: CalendarDate): Prisma.Sql {
  return Prisma.sql`s."dueDate" < ${today} AND ${OWED}`;
}

function stageFacts(row: StageRow): AlertStageFacts {
  return {
    contract: {
      id: row.contractId,
      draftName: row.draftName,
      orderName: row.orderName,
      customerName: row.customerName,
      currency: row.currency,
      status: row.contractStatus as ContractStatus,
    },
    position: row.position,
    title: row.title,
    status: row.status as StageStatus,
    amountMinor: BigInt(row.amountMinor),
    paidMinor: BigInt(row.paidMinor),
    dueDate: row.dueDate as CalendarDate | null,
    chargeAttempts: row.attempts,
    chargeInFlight: row.chargeInFlight,
    nextChargeAt: row.nextAttemptAt,
    stoppedBecause: row.stoppedBecause,
  };
}

/** The contract a job's payload names (a contract sync's), if any. */
function contractIdIn(payload: string): string | null {
  try {
    const parsed: unknown = JSON.parse(payload);
    const id = (parsed as { contractId?: unknown } | null)?.contractId;
    return typeof id === "string" && id !== "" ? id : null;
  } catch {
    return null;
  }
}

async function contractsById(db: Database, shop: string, ids: readonly (string | null)[]): Promise<Map<string, AlertContract>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.contract.findMany({ where: { shop, id: { in: wanted } }, select: CONTRACT_FIELDS });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        draftName: row.sourceDraftName,
        orderName: row.mainOrderName,
        customerName: row.customerName,
        currency: row.currency,
        status: row.status as ContractStatus,
      },
    ]),
  );
}
