import { describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { formatMoney, formatShortDate } from "../../../app/locale/format";
import type { AuditEntry } from "../../../app/models/audit-log.server";
import { contractTimeline, type TimelineWords } from "../../../app/services/contract-timeline";

const words = (locale: string, currency: string): TimelineWords => ({
  money: (minor) => formatMoney(minor, currency, locale),
  date: (date: CalendarDate) => formatShortDate(date, locale),
  stagePosition: () => null,
});

/** The audit entry attachPlan writes beside a contract let through over the limit (bigints stored as strings). */
const overridden = (subjectName: string | null): AuditEntry => ({
  id: "e1",
  shop: "a.myshopify.com",
  contractId: "c1",
  planId: null,
  actor: "staff:42",
  action: "contract.creditLimitOverridden",
  details: {
    subject: { kind: "company", companyId: "gid://shopify/Company/9001" },
    subjectName,
    currency: "USD",
    limitMinor: "1000000",
    owedMinor: "800000",
    owedContracts: 3,
    addsMinor: "300000",
    overMinor: "100000",
    refusal: "Credit limit reached: …",
    reason: "Paid by wire yesterday; the bank confirms",
  },
  createdAt: new Date("2026-12-03T16:00:00Z"),
});

describe("a credit-limit override on the contract timeline", () => {
  it("says staff attached over whose limit, with the figures and the reason they gave", () => {
    expect(contractTimeline([overridden("Acme Corp")], words("en-US", "USD"))).toEqual([
      {
        id: "e1",
        at: "2026-12-03T16:00:00.000Z",
        by: "Staff",
        kind: "staff",
        text: "Attached over Acme Corp’s credit limit of $10,000.00 ($8,000.00 owed before this order, $1,000.00 over): Paid by wire yesterday; the bank confirms",
      },
    ]);
  });

  it("writes money the shop's way, and says “the” limit once the customer's name was redacted", () => {
    const [line] = contractTimeline([overridden(null)], words("de-DE", "EUR"));
    expect(line?.text).toMatch(/^Attached over the credit limit of 10\.000,00\s€ \(8\.000,00\s€ owed before this order, 1\.000,00\s€ over\): Paid by wire/);
  });
});
