import { describe, expect, it } from "vitest";

import { formatMoney, formatShortDate } from "../../../app/locale/format";
import type { AuditEntry } from "../../../app/models/audit-log.server";
import { contractTimeline, type TimelineWords } from "../../../app/services/contract-timeline";

const words: TimelineWords = {
  money: (minor) => formatMoney(minor, "USD", "en-US"),
  date: (date) => formatShortDate(date, "en-US"),
  stagePosition: () => null,
};

const entry = (action: string, details: Record<string, unknown>, minute: number): AuditEntry => ({
  id: `e${minute}`,
  shop: "a.myshopify.com",
  contractId: "c1",
  planId: null,
  actor: "job:avatax:sync",
  action,
  details,
  createdAt: new Date(Date.UTC(2027, 0, 15, 10, minute)),
});

describe("AvaTax documents on the contract timeline", () => {
  it("says which document of which stage did what, with AvaTax's tax, and why one is not recorded yet", () => {
    const lines = contractTimeline(
      [
        entry("avatax.document.pending", { type: "SalesInvoice", position: 1, error: "AvaTax could not be reached (timeout); the work is retried" }, 1),
        entry("avatax.document.committed", { type: "SalesInvoice", position: 1, taxMinor: "5748" }, 2),
        entry("avatax.document.committed", { type: "ReturnInvoice", position: 1, taxMinor: "-1597" }, 3),
        entry("avatax.document.voided", { type: "SalesInvoice", position: 2, taxMinor: "9580" }, 4),
        entry("avatax.document.saved", { type: "SalesInvoice", position: 3, taxMinor: "3832" }, 5),
      ],
      words,
    ).map((line) => line.text);
    expect(lines).toEqual([
      "AvaTax sales invoice for stage 1 not recorded yet: AvaTax could not be reached (timeout); the work is retried",
      "AvaTax sales invoice for stage 1 committed (tax $57.48)",
      "AvaTax return invoice for stage 1 committed (tax -$15.97)",
      "AvaTax sales invoice for stage 2 voided",
      "AvaTax sales invoice for stage 3 saved uncommitted (tax $38.32)",
    ]);
  });
});
