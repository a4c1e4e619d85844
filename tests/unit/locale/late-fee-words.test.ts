import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { lateFeeStageTitle } from "../../../app/locale/late-fee-words";

const FACTS = {
  position: 2,
  count: 3,
  stageTitle: "Balance",
  from: "2027-03-02" as CalendarDate,
  through: "2027-03-11" as CalendarDate,
};

describe("what a late-fee stage is called", () => {
  it.each([
    ["en", "fixedFee", "Late fee on payment 2 of 3 (Balance)"],
    ["en-GB", "interest", "Interest on payment 2 of 3 (Balance), 2 March 2027 to 11 March 2027"],
    ["de", "fixedFee", "Mahngebühr für Zahlung 2 von 3 (Balance)"],
    ["de-AT", "interest", "Verzugszinsen für Zahlung 2 von 3 (Balance), 2. März 2027 bis 11. März 2027"],
    ["fr", "fixedFee", "Frais de retard sur le paiement 2 sur 3 (Balance)"],
    ["fr", "interest", "Intérêts de retard sur le paiement 2 sur 3 (Balance), du 2 mars 2027 au 11 mars 2027"],
    ["es", "fixedFee", "Late fee on payment 2 of 3 (Balance)"],
  ] as const)("%s, %s: %s", (locale, kind, title) => {
    expect(lateFeeStageTitle(locale, { kind, ...FACTS })).toBe(title);
  });
});
