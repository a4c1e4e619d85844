import { RollForward, type BooksPeriod, type RollForwardRow } from "../../domain/books/roll-forward";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { Database } from "../../models/database.server";
import { rollForwardEntriesOf } from "./journal-source.server";

export type { BooksPeriod, RollForwardRow };

/**
 * Deferred (contract liability) versus recognised revenue, one row per period (calendar month or ISO week, the first
 * and last cut to the range) and currency: computed from the same journal the accounting export writes, so the two
 * agree by construction. Reads a page at a time the contracts active within the range and those not yet shipped at its
 * start (rollForwardContracts), not the shop's whole history.
 */
export async function deferredRevenueRollForward(
  db: Database,
  shop: string,
  range: { from: CalendarDate; to: CalendarDate; period: BooksPeriod },
): Promise<RollForwardRow[]> {
  const rollForward = new RollForward(range.from, range.to, range.period);
  for await (const entry of rollForwardEntriesOf(db, shop, range)) rollForward.add(entry);
  return rollForward.rows();
}
