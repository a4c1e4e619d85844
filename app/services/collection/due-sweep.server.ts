import type { PrismaClient } from "@prisma/client";

import { nextTimedAction } from "../../domain/contract/stage-due";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { StageStatus } from "../../domain/contract/stage-status";
import type { JobQueue } from "../../lib/jobs/job-queue.server";
import { requestContractSync } from "./contract-sync-requests.server";
import { paymentTermsFromColumn } from "../../models/contract-columns.server";

/** Contracts whose stages the worker collects; a pending one is still being attached, the rest are closed. */
const OPEN_STATUSES = ["awaitingDeposit", "active"];

/** Contracts asked for per sweep; a sweep a few seconds later takes the rest. */
const SWEEP_BATCH = 5_000;

/**
 * Asks for a sync of every open contract with a stage whose next timed action has come (`Stage.nextActionAt`,
 * written after every sync by `refreshStageTimers`). One indexed range read: the work grows with what is due,
 * not with how many contracts are open. A contract already waiting for its sync is not asked twice (the queue
 * keeps one per contract).
 */
export async function requestDueSyncs(db: PrismaClient, jobs: JobQueue, shop: string | null, now: Date, reason: string): Promise<number> {
  // The due stages first, by the index and at most a batch of them; then each one's contract by primary key (the
  // LIMIT keeps the lookup a lookup: joined as a whole, PostgreSQL reads every contract once many stages are due).
  const due = await db.$queryRaw<{ contractId: string; shop: string }[]>`
    SELECT DISTINCT c."id" AS "contractId", c."shop"
    FROM (SELECT "contractId" FROM "Stage" WHERE "nextActionAt" <= ${now} ORDER BY "nextActionAt" LIMIT ${SWEEP_BATCH}) s
    CROSS JOIN LATERAL (SELECT "id", "shop" FROM "Contract" WHERE "id" = s."contractId" AND "status" IN (${OPEN_STATUSES[0]}, ${OPEN_STATUSES[1]}) LIMIT 1) c
    WHERE ${shop}::text IS NULL OR c."shop" = ${shop}`;
  for (const contract of due) await requestContractSync(jobs, contract.shop, contract.contractId, reason);
  return due.length;
}

/**
 * Asks for a sync of every open contract, a page at a time: the safety net for a webhook Shopify never delivered
 * (run nightly). Returns how many were asked for.
 */
export async function requestReconcileSyncs(db: PrismaClient, jobs: JobQueue, reason: string): Promise<number> {
  let requested = 0;
  let after = "";
  for (;;) {
    const page = await db.contract.findMany({
      where: { status: { in: OPEN_STATUSES }, id: { gt: after } },
      select: { id: true, shop: true },
      orderBy: { id: "asc" },
      take: 1_000,
    });
    for (const contract of page) await requestContractSync(jobs, contract.shop, contract.id, reason);
    requested += page.length;
    if (page.length < 1_000) return requested;
    after = page[page.length - 1]!.id;
  }
}

/**
 * Stores each stage's next timed action (app/domain/contract/stage-due.ts) after its contract changed: the
 * moment the due sweep should look at it again. A contract that is not open has none.
 */
export async function refreshStageTimers(db: PrismaClient, shop: string, contractId: string, now: Date): Promise<void> {
  const contract = await db.contract.findFirst({
    where: { id: contractId, shop },
    select: {
      status: true,
      timeZone: true,
      stages: { select: { id: true, status: true, issueDate: true, dueDate: true, nextAttemptAt: true, nextActionAt: true, paymentTerms: true } },
    },
  });
  if (!contract) return;
  const open = OPEN_STATUSES.includes(contract.status);
  for (const stage of contract.stages) {
    const terms = paymentTermsFromColumn(stage.paymentTerms);
    const timed = {
      status: stage.status as StageStatus,
      issueDate: stage.issueDate as CalendarDate | null,
      dueDate: stage.dueDate as CalendarDate | null,
      nextAttemptAt: stage.nextAttemptAt,
      earlyPaymentUntil: terms.earlyPayment?.until ?? null,
      fixedLateFeeFrom: terms.lateFee?.kind === "fixedFee" ? terms.lateFee.appliesFrom : null,
    };
    const next = open ? nextTimedAction(timed, contract.timeZone, now) : null;
    if ((stage.nextActionAt?.getTime() ?? null) !== (next?.getTime() ?? null)) {
      await db.stage.update({ where: { id: stage.id }, data: { nextActionAt: next } });
    }
  }
}
