import { describe, expect, it } from "vitest";

import type { AlertContract, StaffAlert } from "../../../app/domain/alerts/staff-alerts";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { alertCountWords, alertFormats, alertWords, plainReason } from "../../../app/locale/staff-alert-words";

const day = (text: string) => text as CalendarDate;
const contract: AlertContract = { id: "c1", draftName: "#D12", orderName: null, customerName: "Acme Ltd", currency: "EUR", status: "active" };
const stage = { position: 3, title: "Balance" };
const owed = { minor: 24_000n, currency: "EUR" };
const words = (alert: StaffAlert, locale = "en-US") => alertWords(alert, alertFormats(locale));

describe("alertWords", () => {
  it.each<[string, StaffAlert, { subjectLabel: string | null; text: string; detail: string | null }]>([
    [
      "a declined charge tried again later",
      { kind: "chargeDeclined", contract, stage, owed, attempts: 1, retryOn: day("2027-03-13"), dueDate: day("2027-03-20"), daysOverdue: 0 },
      {
        subjectLabel: "#D12 · Acme Ltd",
        text: "the saved card was declined for stage 3 (Balance): €240.00 owed.",
        detail: "The card is tried again on Mar 13, 2027.",
      },
    ],
    [
      "a declined charge with no tries left, overdue",
      {
        kind: "chargeDeclined",
        contract: { ...contract, orderName: "#1002" },
        stage,
        owed,
        attempts: 3,
        retryOn: null,
        dueDate: day("2027-03-09"),
        daysOverdue: 1,
      },
      {
        subjectLabel: "#1002 · Acme Ltd",
        text: "the saved card was declined 3 times for stage 3 (Balance): €240.00 owed.",
        detail: "No more tries: the buyer pays from the emailed payment link. The stage is 1 day overdue.",
      },
    ],
    [
      "an overdue stage",
      { kind: "stageOverdue", contract: { ...contract, customerName: null }, stage, owed, dueDate: day("2027-03-01"), daysOverdue: 9 },
      { subjectLabel: "#D12", text: "stage 3 (Balance) is 9 days overdue: €240.00 was due on Mar 1, 2027.", detail: null },
    ],
    [
      "a stage Shopify refused a step of",
      { kind: "jobParked", contract, stage, jobKind: null, attempts: null, reason: "Invoice can't be sent", since: null },
      {
        subjectLabel: "#D12 · Acme Ltd",
        text: "Tranche stopped collecting stage 3 (Balance) because Shopify refused a step.",
        detail: "Shopify said: Invoice can't be sent.",
      },
    ],
    [
      "a contract's sync the queue gave up on",
      { kind: "jobParked", contract, stage: null, jobKind: "contract:sync", attempts: 8, reason: "Shopify answered 503", since: day("2027-03-09") },
      {
        subjectLabel: "#D12 · Acme Ltd",
        text: "Tranche stopped bringing this contract up to date with Shopify after 8 tries on Mar 9, 2027.",
        detail: "What went wrong: Shopify answered 503.",
      },
    ],
    [
      "a refund Shopify refused, its reason without our ids and its amount in the shop's money",
      {
        kind: "jobParked",
        contract,
        stage: null,
        jobKind: "contract:sync",
        attempts: 1,
        reason: "Shopify refused a refund of cancelled contract cm4x7k2p90000abcd1234efgh (code INVALID); 12.34 EUR of the chosen refund is not given back",
        since: day("2027-03-09"),
      },
      {
        subjectLabel: "#D12 · Acme Ltd",
        text: "Tranche stopped bringing this contract up to date with Shopify on Mar 9, 2027.",
        detail: "What went wrong: Shopify refused a refund of cancelled contract (code INVALID); €12.34 of the chosen refund is not given back.",
      },
    ],
    [
      "a webhook about no contract",
      { kind: "jobParked", contract: null, stage: null, jobKind: "webhook:orders/paid", attempts: 1, reason: "no order id", since: day("2027-03-08") },
      { subjectLabel: null, text: "Tranche stopped handling Shopify's “orders paid” notification on Mar 8, 2027.", detail: "What went wrong: no order id." },
    ],
    [
      "an email that could not be sent",
      { kind: "emailFailed", contract, emailKind: "overdue", recipient: "ann@example.com", reason: "550 no such user", since: day("2027-03-07") },
      {
        subjectLabel: "#D12 · Acme Ltd",
        text: "the “Overdue notice” email to ann@example.com could not be sent (Mar 7, 2027).",
        detail: "The mail server refused the buyer's address. Check the address, then send it again from the contract page.",
      },
    ],
  ])("%s", (_name, alert, expected) => {
    expect(words(alert)).toMatchObject(expected);
  });

  it.each<[string, StaffAlert, { subjectLabel: string; text: string }]>([
    [
      "a customer over their credit limit",
      {
        kind: "creditLimitReached",
        contract: null,
        customer: { kind: "customer", id: "gid://shopify/Customer/7", name: "Acme Ltd" },
        limit: { minor: 1_000_000n, currency: "EUR" },
        owed: { minor: 1_240_000n, currency: "EUR" },
        contracts: 3,
      },
      { subjectLabel: "Acme Ltd", text: "owes €12,400.00 on 3 contracts, €2,400.00 over the €10,000.00 credit limit." },
    ],
    [
      "a company location with no saved name, exactly at its limit",
      {
        kind: "creditLimitReached",
        contract: null,
        customer: { kind: "companyLocation", id: "gid://shopify/CompanyLocation/3", name: null },
        limit: { minor: 500_000n, currency: "EUR" },
        owed: { minor: 500_000n, currency: "EUR" },
        contracts: 1,
      },
      { subjectLabel: "A company location", text: "owes €5,000.00 on 1 contract: the whole €5,000.00 credit limit." },
    ],
  ])("%s", (_name, alert, expected) => {
    expect(words(alert)).toEqual({
      badge: "Credit limit",
      ...expected,
      detail: "A new order for them is refused unless staff attach it with a reason.",
    });
  });

  it("writes amounts and days in the shop's locale", () => {
    const alert: StaffAlert = {
      kind: "stageOverdue",
      contract,
      stage,
      owed: { minor: 1_234_500n, currency: "EUR" },
      dueDate: day("2027-03-01"),
      daysOverdue: 1,
    };
    expect(words(alert, "de-DE").text).toBe("stage 3 (Balance) is 1 day overdue: 12.345,00\u00a0€ was due on 01.03.2027.");
  });
});

describe("alertCountWords", () => {
  it.each([
    [{ chargeDeclined: 1, stageOverdue: 2, jobParked: 0, emailFailed: 0, creditLimitReached: 0 }, "3 things need you today", "1 declined charge, 2 overdue"],
    [{ chargeDeclined: 0, stageOverdue: 0, jobParked: 1, emailFailed: 0, creditLimitReached: 0 }, "1 thing needs you today", "1 stopped task"],
    [
      { chargeDeclined: 2, stageOverdue: 0, jobParked: 2, emailFailed: 3, creditLimitReached: 1 },
      "8 things need you today",
      "2 declined charges, 2 stopped tasks, 3 unsent emails, 1 at its credit limit",
    ],
    [{ chargeDeclined: 0, stageOverdue: 0, jobParked: 0, emailFailed: 0, creditLimitReached: 0 }, "0 things need you today", ""],
  ])("%j → %s (%s)", (counts, total, byKind) => {
    expect(alertCountWords(counts)).toEqual({ total, byKind });
  });
});

describe("plainReason", () => {
  it("names Shopify's records by their kind, not their ids", () => {
    expect(plainReason("Shopify refused the refund on gid://shopify/Order/1002 (gid://shopify/OrderTransaction/77)")).toBe(
      "Shopify refused the refund on the order (the order transaction).",
    );
  });
});
