import { describe, expect, it } from "vitest";

import {
  offlinePaymentSettles,
  refusalOf,
  type OfflinePaymentStage,
  type StageActionSubject,
  type StaffStageAction,
} from "../../../app/domain/contract/staff-stage-actions";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const invoiced: StageActionSubject = {
  contractStatus: "active",
  mode: "stageOrder",
  position: 2,
  atCheckout: false,
  status: "invoiced",
  attempts: 0,
  chargeKey: null,
  owedMinor: 50_000n,
  amountMinor: 50_000n,
  lateFee: false,
};

describe("what staff may do to a stage", () => {
  const cases: [string, StaffStageAction, Partial<StageActionSubject>, RegExp | null][] = [
    ["record an invoiced stage's offline payment", "recordPayment", {}, null],
    ["resend an invoiced stage's link", "resendLink", {}, null],
    ["not retry a charge that did not fail", "retryCharge", {}, /is invoiced, not a failed charge/],
    ["retry a declined charge", "retryCharge", { status: "failed", attempts: 1 }, null],
    ["not retry after the last allowed decline", "retryCharge", { status: "failed", attempts: 3 }, /declined 3 times/],
    ["not resend a link not sent yet", "resendLink", { status: "scheduled" }, /no payment link yet/],
    ["waive an unpaid late fee", "waiveFee", { lateFee: true, position: 1002, amountMinor: 2_500n, owedMinor: 2_500n }, null],
    ["waive an overdue late fee", "waiveFee", { lateFee: true, status: "overdue", amountMinor: 2_500n, owedMinor: 2_500n }, null],
    ["not waive a payment of the plan", "waiveFee", {}, /only a late fee can be waived/],
    ["not waive a late fee partly paid", "waiveFee", { lateFee: true, amountMinor: 2_500n, owedMinor: 1_000n }, /part of the late fee is paid/],
    ["not waive a late fee already paid", "waiveFee", { lateFee: true, status: "paid", amountMinor: 2_500n, owedMinor: 0n }, /is paid/],
    ["record an overdue stage's payment", "recordPayment", { status: "overdue" }, null],
    ["nothing on a paid stage", "recordPayment", { status: "paid" }, /stage 2 is paid/],
    ["no second payment on a stage the ledger already covers", "recordPayment", { status: "overdue", owedMinor: 0n }, /stage 2 is already paid/],
    ["no link resent for a stage the ledger already covers", "resendLink", { owedMinor: 0n }, /stage 2 is already paid/],
    ["nothing on a cancelled contract", "resendLink", { contractStatus: "cancelled" }, /the contract is cancelled/],
    ["nothing on a completed contract", "retryCharge", { contractStatus: "completed", status: "failed" }, /the contract is completed/],
    ["no offline payment while a card charge is on its way", "recordPayment", { chargeKey: "c:2:1" }, /card charge of stage 2 is in progress/],
    ["no resend while a card charge is on its way", "resendLink", { chargeKey: "c:2:1" }, /card charge of stage 2 is in progress/],
    [
      "no offline payment of a native deposit",
      "recordPayment",
      { mode: "native", position: 1, atCheckout: true },
      /native deposit is paid at the draft order's checkout/,
    ],
    ["an offline payment of a native later stage", "recordPayment", { mode: "native", position: 2 }, null],
    ["an offline payment of a native net-terms stage 1 (nothing was due at checkout)", "recordPayment", { mode: "native", position: 1 }, null],
  ];
  it.each(cases)("%s", (_name, action, changes, refusal) => {
    const answer = refusalOf(action, { ...invoiced, ...changes });
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toMatch(refusal);
  });
});

/** 500.00, invoiced 2027-03-01 with 2% off through 2027-03-11: 490.00 settles it by then. */
const offered: OfflinePaymentStage = {
  amountMinor: 50_000n,
  paidMinor: 0n,
  paymentTerms: {
    earlyPayment: { percent: "2", until: "2027-03-11" as CalendarDate, discount: 1_000n, payable: 49_000n, taxReduction: [] },
  },
};

describe("whether an offline payment settles its stage", () => {
  const cases: [string, Partial<OfflinePaymentStage>, bigint, string, boolean][] = [
    ["the whole amount", {}, 50_000n, "2027-03-20", true],
    ["the discounted amount on the offer's last day", {}, 49_000n, "2027-03-11", true],
    ["the discounted amount and a little more, in time", {}, 49_500n, "2027-03-05", true],
    ["the discounted amount a day late", {}, 49_000n, "2027-03-12", false],
    ["less than the discounted amount, in time", {}, 48_999n, "2027-03-05", false],
    ["the discounted amount on a stage without an offer", { paymentTerms: {} }, 49_000n, "2027-03-05", false],
    // A part payment closed the offer (earlyPaymentOfferOpen): only the rest of the full amount settles.
    ["the discounted rest after a part payment", { paidMinor: 10_000n }, 39_000n, "2027-03-05", false],
    ["the rest after a part payment", { paidMinor: 10_000n }, 40_000n, "2027-03-05", true],
  ];
  it.each(cases)("%s", (_name, changes, amount, receivedOn, settles) => {
    expect(offlinePaymentSettles({ ...offered, ...changes }, { amount, receivedOn: receivedOn as CalendarDate })).toBe(settles);
  });
});
