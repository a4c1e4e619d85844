import { calendarDateAt } from "../../domain/dates/calendar-date";
import { buildStatement, type Statement, type StatementEvent } from "../../domain/documents/statement";
import type { Database } from "../../models/database.server";
import { statementEventsFor } from "../buyer-documents/statement-events.server";
import type { PortalAccess } from "./portal-access.server";
import { parseStatementRequest, type StatementRequest, type StatementRequestResult } from "./statement-request";

/** The statements a portal link can ask for: the currencies of its contracts, the default request, and the events. */
export interface PortalStatements {
  /** The linked contract's currency first, then the others by code. */
  readonly currencies: readonly string[];
  /** From the day the earliest contract began (or its first line, if earlier) to today, in the linked contract's currency. */
  readonly defaults: StatementRequest;
  /** Reads `from`, `to` and `currency` from a query; what is left out takes the default. */
  read(query: URLSearchParams): StatementRequestResult;
  statementFor(request: StatementRequest): Statement;
}

export async function portalStatements(db: Database, access: PortalAccess, now: Date): Promise<PortalStatements> {
  const { contracts, linked } = access;
  const events = await statementEventsFor(
    db,
    access.scope.shop,
    contracts.map((contract) => contract.id),
    { locale: access.locale },
  );
  const currencies = [linked.currency, ...[...new Set(contracts.map((contract) => contract.currency))].filter((code) => code !== linked.currency).sort()];
  const today = calendarDateAt(now, linked.timeZone);
  const starts = [...contracts.map((contract) => calendarDateAt(contract.createdAt, contract.timeZone)), ...events.map((event) => event.date)];
  const earliest = starts.reduce((first, day) => (day < first ? day : first), today);
  const defaults: StatementRequest = { from: earliest, to: today, currency: linked.currency };
  return {
    currencies,
    defaults,
    read: (query) => parseStatementRequest(query, { currencies, defaults }),
    statementFor: (request) => buildStatement(request.currency, inCurrency(events, request.currency), { from: request.from, to: request.to }),
  };
}

function inCurrency(events: readonly StatementEvent[], currency: string): StatementEvent[] {
  return events.filter((event) => event.currency === currency);
}
