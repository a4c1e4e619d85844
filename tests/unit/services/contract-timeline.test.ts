import { describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { formatMoney, formatShortDate } from "../../../app/locale/format";
import type { AuditActor, AuditEntry } from "../../../app/models/audit-log.server";
import { contractTimeline, reminderWords, type TimelineWords } from "../../../app/services/contract-timeline";

const words = (locale = "en-US"): TimelineWords => ({
  money: (minor) => formatMoney(minor, "USD", locale),
  date: (date) => formatShortDate(date, locale),
  stagePosition: (stageId) => ({ "stage-a": 1, "stage-b": 2 })[stageId] ?? null,
});

let sequence = 0;
function entry(action: string, details: Record<string, unknown>, actor: AuditActor = "job:contract:sync"): AuditEntry {
  sequence += 1;
  return {
    id: `e${String(sequence).padStart(3, "0")}`,
    shop: "a.myshopify.com",
    contractId: "c1",
    planId: null,
    actor,
    action,
    details,
    createdAt: new Date(Date.UTC(2026, 11, 3, 16, sequence)),
  };
}

const texts = (entries: AuditEntry[], locale?: string) => contractTimeline(entries, words(locale)).map((line) => line.text);

describe("the contract timeline", () => {
  it("says what happened in staff's words: no offsets, enum names, ids or ISO dates", () => {
    const lines = texts([
      entry("contract.created", { draftOrderId: "gid://shopify/DraftOrder/1", mode: "stageOrder", totalMinor: "2277938", stages: 3 }, "staff:42"),
      entry("stage.linkEmailed", { position: 1, draftOrderId: "gid://shopify/DraftOrder/9" }),
      entry("ledger.recorded", { kind: "payment", amountMinor: "683081", stageId: "stage-a", shopifyRef: "gid://shopify/OrderTransaction/5" }),
      entry("stage.updated", { position: 1, changes: { status: { from: "invoiced", to: "paid" } } }),
      entry("contract.updated", { changes: { mainOrderId: { from: null, to: "gid://shopify/Order/7" }, mainOrderName: { from: null, to: "#1002" } } }),
      entry("contract.updated", { changes: { status: { from: "awaitingDeposit", to: "active" } } }),
      entry("contract.milestoneMarked", { milestone: "Ready to ship", date: "2026-12-03" }, "staff:42"),
      entry("stage.dated", { position: 2, event: 'milestone "Ready to ship"', dueDate: "2026-12-03" }),
      entry("stage.invoiceNumbered", { stageId: "stage-b", invoiceNumber: "TR-000002" }, "system"),
      entry("stage.linkEmailed", { position: 2, reminder: "after:1, after:7" }, "job:reminders"),
      entry("ledger.recorded", { kind: "manualPayment", amountMinor: "277282", stageId: "stage-b", method: "Wire transfer", reference: "WIRE-1" }, "staff:42"),
      entry("stage.updated", { position: 2, changes: { parkedReason: { from: null, to: "Shopify refused DraftOrderComplete: This order has been paid" } } }),
      entry("contract.cancelled", { reason: "the main order gid://shopify/Order/7 was cancelled in Shopify", settlement: null }),
    ]);
    expect(lines).toEqual([
      "Plan attached: 3 stages, each paid through its own order",
      "Payment link for stage 1 emailed to the buyer",
      "Payment of $6,830.81 for stage 1 received through Shopify",
      "Stage 1 paid",
      "Order #1002 created in Shopify from the draft order",
      "Contract active: the deposit is in, later stages are collected as they fall due",
      "Milestone “Ready to ship” marked",
      "Stage 2 now due Dec 3, 2026, after “Ready to ship” was marked",
      "Invoice TR-000002 issued for stage 2",
      "Reminder for stage 2 sent 1 and 7 days after the due date (one email for all of them)",
      "Offline payment of $2,772.82 for stage 2 (Wire transfer, ref. WIRE-1) recorded",
      "Tranche stopped collecting stage 2: Shopify refused the last step for it, saying “This order has been paid”.",
      "Contract cancelled: its order was cancelled in Shopify",
    ]);
    for (const line of lines) expect(line).not.toMatch(/gid:|USD|after:\d|\d{4}-\d{2}-\d{2}|awaitingDeposit|manualPayment/);
  });

  it("writes money and days the shop's way", () => {
    expect(texts([entry("contract.refundIssued", { amountMinor: "1200000", reason: "Damaged" }, "staff:1")], "de-DE")).toEqual([
      "Refund of 12.000,00\u00a0$ issued: Damaged",
    ]);
    expect(texts([entry("stage.dated", { position: 3, event: "order fulfilled", dueDate: "2027-01-31" as CalendarDate })], "de-DE")).toEqual([
      "Stage 3 now due 31.01.2027, after the order was fulfilled",
    ]);
  });

  it("is oldest first, says who acted, and leaves bookkeeping rows out", () => {
    const [late, early] = [
      entry("contract.milestoneMarked", { milestone: "Built" }, "staff:1"),
      entry("stage.linkEmailed", { position: 1 }, "webhook:orders/paid"),
    ];
    late.createdAt = new Date(Date.UTC(2027, 0, 2));
    early.createdAt = new Date(Date.UTC(2027, 0, 1));
    const timeline = contractTimeline([late, entry("stage.updated", { position: 1, changes: { nextAttemptAt: { to: "x" } } }), early], words());
    expect(timeline.map((line) => [line.by, line.at])).toEqual([
      ["Shopify", "2027-01-01T00:00:00.000Z"],
      ["Staff", "2027-01-02T00:00:00.000Z"],
    ]);
  });
});

describe("a reminder's offsets in words", () => {
  it.each([
    ["after:1", "1 day after the due date"],
    ["after:7", "7 days after the due date"],
    ["before:3", "3 days before the due date"],
    ["after:0", "on the due date"],
    ["after:1, after:7", "1 and 7 days after the due date (one email for all of them)"],
    ["before:3, after:1", "3 days before and 1 day after the due date (one email for all of them)"],
  ])("%s", (offsets, expected) => {
    expect(reminderWords(offsets)).toBe(expected);
  });
});
