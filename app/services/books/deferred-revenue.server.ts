import type { PrismaClient } from "@prisma/client";

import { RollForward, type BooksPeriod, type RollForwardRow } from "../../domain/books/roll-forward";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import { journalEntriesThrough } from "./journal-source.server";

export type { BooksPeriod, RollForwardRow };

/**
 * Deferred (contract liability) versus recognised revenue, one row per period (calendar month or ISO week, the first
 * and last cut to the range) and currency: computed from the same journal the accounting export writes, so the two
 * agree by construction. Reads the shop's contracts a page at a time.
 */
export async function deferredRevenueRollForward(
  db: PrismaClient,
  shop: string,
  range: { from: CalendarDate; to: CalendarDate; period: BooksPeriod },
): Promise<RollForwardRow[]> {
  const rollForward = new RollForward(range.from, range.to, range.period);
  for await (const entry of journalEntriesThrough(db, shop, range.to)) rollForward.add(entry);
  return rollForward.rows();
}
