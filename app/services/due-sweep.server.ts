import type { PrismaClient } from "@prisma/client";

import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { addDays, calendarDateAt, isBefore, type CalendarDate } from "../domain/dates/calendar-date";
import { requestContractSync } from "./contract-sync-requests.server";
import type { ServiceDeps } from "./service-deps.server";

const OPEN_STATUSES = ["awaitingDeposit", "active"];

export interface DueSweepOptions {
  /**
   * Also sync every open contract once per this period, whether or not a date says so: the safety net for a
   * webhook Shopify never delivered. Off when absent.
   */
  readonly reconcileEveryMs?: number;
}

/**
 * Asks for a sync of every open contract with something due: a stage whose issue or due date has come in the
 * contract's time zone, or a declined charge whose retry time has come. Each cause asks once (the dedupe key
 * names the stage, its attempt and the day), so running the sweep every few seconds costs nothing more.
 */
export async function requestDueSyncs(db: PrismaClient, shop: string | null, now: Date, reason: string, options: DueSweepOptions = {}): Promise<number> {
  // The latest calendar date anywhere on Earth: no contract's "today" is after it.
  const latestToday = addDays(calendarDateAt(now, "UTC"), 1);
  const contracts = await db.contract.findMany({
    where: {
      ...(shop === null ? {} : { shop }),
      status: { in: OPEN_STATUSES },
      ...(options.reconcileEveryMs
        ? {}
        : {
            stages: {
              some: {
                status: { in: [...UNPAID_STAGE_STATUSES] },
                OR: [{ issueDate: { lte: latestToday } }, { dueDate: { lte: latestToday } }, { nextAttemptAt: { lte: now } }],
              },
            },
          }),
    },
    select: { id: true, shop: true, timeZone: true, stages: true },
  });
  let requested = 0;
  for (const contract of contracts) {
    const today = calendarDateAt(now, contract.timeZone);
    const due = contract.stages.filter(
      (stage) =>
        UNPAID_STAGE_STATUSES.includes(stage.status as (typeof UNPAID_STAGE_STATUSES)[number]) &&
        (reached(stage.issueDate, today) || reached(stage.dueDate, today) || (stage.nextAttemptAt !== null && stage.nextAttemptAt <= now)),
    );
    for (const stage of due) {
      await requestContractSync(db, contract.shop, contract.id, reason, `due:${stage.id}:${stage.status}:${stage.attempts}:${today}`, now);
      requested += 1;
    }
    if (options.reconcileEveryMs) {
      await requestContractSync(db, contract.shop, contract.id, `${reason} (reconcile)`, `reconcile:${Math.floor(now.getTime() / options.reconcileEveryMs)}`, now);
      requested += 1;
    }
  }
  return requested;
}

/** The worker's periodic sweep over every shop. */
export function enqueueDueContractSyncs(deps: ServiceDeps, options: DueSweepOptions = {}): Promise<number> {
  return requestDueSyncs(deps.db, null, deps.now(), "due sweep", options);
}

function reached(date: string | null, today: CalendarDate): boolean {
  return date !== null && !isBefore(today, date as CalendarDate);
}
