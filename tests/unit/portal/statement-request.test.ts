import { describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { preferredLanguage } from "../../../app/locale/accept-language";
import { parseStatementRequest } from "../../../app/services/buyer-portal/statement-request";

const options = {
  currencies: ["EUR", "USD"],
  defaults: { from: "2026-10-01" as CalendarDate, to: "2026-12-03" as CalendarDate, currency: "EUR" },
};
const parse = (query: string) => parseStatementRequest(new URLSearchParams(query), options);

describe("parseStatementRequest", () => {
  it("takes the defaults for what is left out or left blank, and reads a currency in any case", () => {
    expect(parse("")).toEqual({ ok: true, request: options.defaults });
    expect(parse("from=&to=2026-11-30&currency=usd")).toEqual({ ok: true, request: { from: "2026-10-01", to: "2026-11-30", currency: "USD" } });
  });

  it("accepts a period of exactly five years, one day more is too long", () => {
    expect(parse("from=2021-02-28&to=2026-02-28").ok).toBe(true);
    expect(parse("from=2021-02-28&to=2026-03-01")).toEqual({ ok: false, issues: [{ field: "to", problem: "longerThanFiveYears" }] });
  });

  it.each([
    ["from=2026-02-29", [{ field: "from", problem: "notADate" }]],
    [
      "from=26-1-1&to=soon",
      [
        { field: "from", problem: "notADate" },
        { field: "to", problem: "notADate" },
      ],
    ],
    ["from=2026-11-02&to=2026-11-01", [{ field: "to", problem: "endsBeforeStart" }]],
    ["currency=GBP", [{ field: "currency", problem: "notABuyerCurrency" }]],
    [
      "from=2026-13-01&currency=XXX",
      [
        { field: "from", problem: "notADate" },
        { field: "currency", problem: "notABuyerCurrency" },
      ],
    ],
  ])("%s is refused, naming each field and its problem", (query, issues) => {
    expect(parse(query)).toEqual({ ok: false, issues });
  });
});

describe("preferredLanguage", () => {
  it.each([
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr-CH"],
    ["en;q=0.5, de-AT;q=0.9", "de-AT"],
    ["*, de;q=0.1", "de"],
    ["xx-!!, en-GB;q=0", null],
    ["", null],
    [null, null],
  ])("%s → %s", (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});
