import { describe, expect, it } from "vitest";

import {
  compareAlerts,
  digestDayAt,
  stageAlertKind,
  staffAlerts,
  type AlertContract,
  type AlertStageFacts,
  type StaffAlert,
  type StaffAlertFacts,
} from "../../../app/domain/alerts/staff-alerts";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const day = (text: string) => text as CalendarDate;
const TODAY = day("2027-03-10");

const contract = (id: string, changes: Partial<AlertContract> = {}): AlertContract => ({
  id,
  draftName: `#D${id}`,
  orderName: null,
  customerName: "Acme Ltd",
  currency: "EUR",
  status: "active",
  ...changes,
});

/** An invoiced stage of 600.00 due on the 20th: no alert until something happens to it. */
const stage = (changes: Partial<AlertStageFacts> = {}): AlertStageFacts => ({
  contract: contract("1"),
  position: 2,
  title: "Milestone",
  status: "invoiced",
  amountMinor: 60_000n,
  paidMinor: 0n,
  dueDate: day("2027-03-20"),
  chargeAttempts: 0,
  chargeInFlight: false,
  nextChargeAt: null,
  stoppedBecause: null,
  ...changes,
});

const creditLimit = (customerId: string, limitMinor: bigint, owedMinor: bigint) => ({
  customer: { kind: "customer" as const, id: customerId, name: "Acme Ltd" },
  limit: { minor: limitMinor, currency: "EUR" },
  owed: { minor: owedMinor, currency: "EUR" },
  contracts: 2,
});

const facts = (changes: Partial<StaffAlertFacts> = {}): StaffAlertFacts => ({
  today: TODAY,
  timeZone: "UTC",
  stages: [],
  parkedJobs: [],
  failedEmails: [],
  creditLimits: [],
  ...changes,
});

describe("stageAlertKind", () => {
  it.each<[string, Partial<AlertStageFacts>, ReturnType<typeof stageAlertKind>]>([
    ["an invoiced stage due later", {}, null],
    ["an invoiced stage due today", { dueDate: TODAY }, null],
    ["an invoiced stage due yesterday", { dueDate: day("2027-03-09") }, "stageOverdue"],
    ["an overdue stage", { status: "overdue", dueDate: day("2027-02-01") }, "stageOverdue"],
    ["a scheduled stage due before today (no link went out)", { status: "scheduled", dueDate: day("2027-03-01") }, "stageOverdue"],
    ["a stage waiting for an event (no due date)", { status: "scheduled", dueDate: null }, null],
    ["a paid stage due long ago", { status: "paid", paidMinor: 60_000n, dueDate: day("2027-01-01") }, null],
    ["a stage paid in full whose status is not updated yet", { paidMinor: 60_000n, dueDate: day("2027-01-01") }, null],
    ["a partly paid stage past its due date", { paidMinor: 20_000n, dueDate: day("2027-03-01") }, "stageOverdue"],
    ["a cancelled stage past its due date", { status: "cancelled", dueDate: day("2027-03-01") }, null],
    ["a refunded stage", { status: "refunded", paidMinor: 60_000n, dueDate: day("2027-03-01") }, null],
    ["a declined charge, to be tried again", { status: "failed", chargeAttempts: 1, nextChargeAt: new Date("2027-03-11T09:00:00Z") }, "chargeDeclined"],
    ["a declined charge whose link went out instead", { status: "invoiced", chargeAttempts: 3 }, "chargeDeclined"],
    ["a declined charge that is also overdue", { status: "overdue", chargeAttempts: 3, dueDate: day("2027-03-01") }, "chargeDeclined"],
    ["a charge on its way", { status: "scheduled", chargeAttempts: 1, chargeInFlight: true }, null],
    ["a charge on its way past the due date", { status: "scheduled", chargeAttempts: 1, chargeInFlight: true, dueDate: day("2027-03-09") }, "stageOverdue"],
    ["a stage paid by card after a decline", { status: "paid", paidMinor: 60_000n, chargeAttempts: 2 }, null],
    ["a stage Shopify refused a step of", { stoppedBecause: "Invoice could not be sent" }, "jobParked"],
    ["a paid stage Shopify refused to withdraw the link of", { status: "paid", paidMinor: 60_000n, stoppedBecause: "Order cannot be cancelled" }, "jobParked"],
    ["an overdue stage Shopify refused a step of", { dueDate: day("2027-03-01"), stoppedBecause: "Invoice could not be sent" }, "stageOverdue"],
  ])("%s → %s", (_name, changes, kind) => {
    expect(stageAlertKind(stage(changes), TODAY)).toBe(kind);
  });

  it.each(["pending", "awaitingDeposit", "active"] as const)("counts an overdue stage of a %s contract", (status) => {
    expect(stageAlertKind(stage({ contract: contract("1", { status }), dueDate: day("2027-03-01") }), TODAY)).toBe("stageOverdue");
  });

  it("counts nothing of a cancelled contract: it is owed nothing", () => {
    const cancelled = contract("1", { status: "cancelled" });
    expect(stageAlertKind(stage({ contract: cancelled, dueDate: day("2027-03-01"), chargeAttempts: 2, stoppedBecause: "refused" }), TODAY)).toBeNull();
  });
});

describe("staffAlerts", () => {
  it("says what is owed and for how long, in the contract's currency", () => {
    const [alert] = staffAlerts(facts({ stages: [stage({ dueDate: day("2027-03-03"), paidMinor: 10_000n })] }));
    expect(alert).toEqual({
      kind: "stageOverdue",
      contract: contract("1"),
      stage: { position: 2, title: "Milestone" },
      owed: { minor: 50_000n, currency: "EUR" },
      dueDate: "2027-03-03",
      daysOverdue: 7,
    });
  });

  it("dates a declined charge's next try in the shop's calendar, and says how late the stage is", () => {
    const declined = stage({ status: "failed", chargeAttempts: 2, nextChargeAt: new Date("2027-03-12T23:30:00Z"), dueDate: day("2027-03-08") });
    expect(staffAlerts(facts({ timeZone: "Europe/Berlin", stages: [declined] }))).toEqual([
      expect.objectContaining({ kind: "chargeDeclined", attempts: 2, retryOn: "2027-03-13", daysOverdue: 2, owed: { minor: 60_000n, currency: "EUR" } }),
    ]);
    expect(staffAlerts(facts({ stages: [stage({ chargeAttempts: 3 })] }))).toEqual([expect.objectContaining({ retryOn: null, daysOverdue: 0 })]);
  });

  it("dates parked jobs and failed emails as the shop's calendar days", () => {
    const alerts = staffAlerts(
      facts({
        timeZone: "America/Los_Angeles",
        parkedJobs: [{ jobKind: "contract:sync", reason: "gave up", attempts: 8, parkedAt: new Date("2027-03-10T03:00:00Z"), contract: null }],
        failedEmails: [
          {
            emailKind: "overdue",
            recipient: "ann@example.com",
            reason: "550 no such user",
            failedAt: new Date("2027-03-09T12:00:00Z"),
            contract: contract("2"),
          },
        ],
      }),
    );
    expect(alerts).toEqual([
      { kind: "jobParked", contract: null, stage: null, jobKind: "contract:sync", attempts: 8, reason: "gave up", since: "2027-03-09" },
      {
        kind: "emailFailed",
        contract: contract("2"),
        emailKind: "overdue",
        recipient: "ann@example.com",
        reason: "550 no such user",
        since: "2027-03-09",
      },
    ]);
  });

  it("puts the most urgent first: declined charges, overdue stages by days late, stopped work, unsent emails", () => {
    const alerts = staffAlerts(
      facts({
        stages: [
          stage({ contract: contract("a"), dueDate: day("2027-03-08") }),
          stage({ contract: contract("b"), stoppedBecause: "refused" }),
          stage({ contract: contract("c"), dueDate: day("2027-02-01") }),
          stage({ contract: contract("d"), chargeAttempts: 1, status: "failed", dueDate: day("2027-03-25") }),
          stage({ contract: contract("e"), chargeAttempts: 3, dueDate: day("2027-03-05") }),
          stage({ contract: contract("f"), dueDate: day("2027-03-08"), position: 1 }),
        ],
        parkedJobs: [
          { jobKind: "contract:sync", reason: "older", attempts: 8, parkedAt: new Date("2027-03-01T10:00:00Z"), contract: contract("g") },
          { jobKind: "webhook:orders/paid", reason: "newer", attempts: 1, parkedAt: new Date("2027-03-09T10:00:00Z"), contract: null },
        ],
        failedEmails: [
          { emailKind: "reminder", recipient: null, reason: null, failedAt: new Date("2027-03-02T10:00:00Z"), contract: contract("h") },
          { emailKind: "overdue", recipient: null, reason: null, failedAt: new Date("2027-03-07T10:00:00Z"), contract: contract("i") },
        ],
        creditLimits: [creditLimit("gid://shopify/Customer/2", 100_000n, 100_000n), creditLimit("gid://shopify/Customer/1", 90_000n, 120_000n)],
      }),
    );
    const summary = (alert: StaffAlert) => `${alert.kind} ${alert.kind === "creditLimitReached" ? alert.customer.id : (alert.contract?.id ?? "-")}`;
    expect(alerts.map(summary)).toEqual([
      "chargeDeclined e",
      "chargeDeclined d",
      "stageOverdue c",
      "stageOverdue a",
      "stageOverdue f",
      "jobParked b",
      "jobParked -",
      "jobParked g",
      "emailFailed i",
      "emailFailed h",
      "creditLimitReached gid://shopify/Customer/1",
      "creditLimitReached gid://shopify/Customer/2",
    ]);
    // The order is a total one: sorting again, from any start, gives the same list.
    expect([...alerts].reverse().sort(compareAlerts)).toEqual(alerts);
  });

  it("a credit limit is an alert once what is owed in its currency reaches it, not before", () => {
    const alerts = staffAlerts(
      facts({
        creditLimits: [
          creditLimit("gid://shopify/Customer/1", 100_000n, 99_999n),
          creditLimit("gid://shopify/Customer/2", 100_000n, 100_000n),
          creditLimit("gid://shopify/Customer/3", 100_000n, 250_000n),
          { ...creditLimit("gid://shopify/Customer/4", 100_000n, 250_000n), owed: { minor: 250_000n, currency: "USD" } },
        ],
      }),
    );
    expect(alerts.map((alert) => (alert.kind === "creditLimitReached" ? alert.customer.id : alert.kind))).toEqual([
      "gid://shopify/Customer/2",
      "gid://shopify/Customer/3",
    ]);
    expect(alerts[1]).toEqual({
      kind: "creditLimitReached",
      contract: null,
      customer: { kind: "customer", id: "gid://shopify/Customer/3", name: "Acme Ltd" },
      limit: { minor: 100_000n, currency: "EUR" },
      owed: { minor: 250_000n, currency: "EUR" },
      contracts: 2,
    });
  });

  it("is empty when nothing needs anyone", () => {
    expect(staffAlerts(facts({ stages: [stage(), stage({ status: "paid", paidMinor: 60_000n })] }))).toEqual([]);
  });
});

describe("digestDayAt (the digest goes out from 08:00 in the shop's zone)", () => {
  it.each([
    ["2027-03-10T07:59:59Z", "UTC", null],
    ["2027-03-10T08:00:00Z", "UTC", "2027-03-10"],
    ["2027-03-10T23:59:00Z", "UTC", "2027-03-10"],
    // 07:30 in Berlin (UTC+1) is not yet; 08:30 is.
    ["2027-03-10T06:30:00Z", "Europe/Berlin", null],
    ["2027-03-10T07:30:00Z", "Europe/Berlin", "2027-03-10"],
    // 20:00 UTC on the 10th is 09:00 on the 11th in Auckland (UTC+13).
    ["2027-03-10T20:00:00Z", "Pacific/Auckland", "2027-03-11"],
    // 01:00 UTC on the 11th is still the 10th, 17:00 (or 18:00), in Los Angeles.
    ["2027-03-11T01:00:00Z", "America/Los_Angeles", "2027-03-10"],
    ["2027-03-11T15:00:00Z", "America/Los_Angeles", null],
  ])("at %s in %s: %s", (now, timeZone, expected) => {
    expect(digestDayAt(new Date(now), timeZone)).toBe(expected);
  });
});
