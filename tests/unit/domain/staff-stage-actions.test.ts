import { describe, expect, it } from "vitest";

import { refusalOf, type StageActionSubject, type StaffStageAction } from "../../../app/domain/contract/staff-stage-actions";

const invoiced: StageActionSubject = {
  contractStatus: "active",
  mode: "stageOrder",
  position: 2,
  atCheckout: false,
  status: "invoiced",
  attempts: 0,
  chargeKey: null,
  owedMinor: 50_000n,
};

describe("what staff may do to a stage", () => {
  const cases: [string, StaffStageAction, Partial<StageActionSubject>, RegExp | null][] = [
    ["record an invoiced stage's offline payment", "recordPayment", {}, null],
    ["resend an invoiced stage's link", "resendLink", {}, null],
    ["not retry a charge that did not fail", "retryCharge", {}, /is invoiced, not a failed charge/],
    ["retry a declined charge", "retryCharge", { status: "failed", attempts: 1 }, null],
    ["not retry after the last allowed decline", "retryCharge", { status: "failed", attempts: 3 }, /declined 3 times/],
    ["not resend a link not sent yet", "resendLink", { status: "scheduled" }, /no payment link yet/],
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
