import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { datedStageTerms, termsToShow, termsWhenDated, type StagePaymentTerms } from "../../../app/domain/documents/stage-payment-terms";
import { earlyPaymentOffer } from "../../../app/domain/payment-rules/early-payment-discount";
import { lateFeeNotice } from "../../../app/domain/payment-rules/late-fee";

const date = (text: string) => text as CalendarDate;

const TERMS: StagePaymentTerms = {
  earlyPayment: { percent: "2", until: date("2027-02-24"), discount: 23_00n, payable: 1_127_00n, taxReduction: [] },
  lateFee: { kind: "fixedFee", appliesFrom: date("2027-03-06"), fee: 25_00n },
};

describe("termsToShow", () => {
  it.each<[string, { owedMinor: bigint; paidMinor: bigint }, string, (keyof StagePaymentTerms)[]]>([
    ["unpaid, before the offer ends", { owedMinor: 1_150_00n, paidMinor: 0n }, "2027-02-10", ["earlyPayment", "lateFee"]],
    ["unpaid, on the offer's last day", { owedMinor: 1_150_00n, paidMinor: 0n }, "2027-02-24", ["earlyPayment", "lateFee"]],
    ["unpaid, the day after the offer ends", { owedMinor: 1_150_00n, paidMinor: 0n }, "2027-02-25", ["lateFee"]],
    ["partly paid: the offer's figures no longer hold", { owedMinor: 650_00n, paidMinor: 500_00n }, "2027-02-10", ["lateFee"]],
    ["paid", { owedMinor: 0n, paidMinor: 1_150_00n }, "2027-02-10", []],
    ["nothing owed on a cancelled contract", { owedMinor: 0n, paidMinor: 0n }, "2027-02-10", []],
  ])("%s", (_name, stage, today, shown) => {
    const terms = termsToShow(TERMS, stage, date(today));
    expect(Object.keys(terms).sort()).toEqual([...shown].sort());
    for (const key of shown) expect(terms[key]).toBe(TERMS[key]);
  });

  it("shows nothing for a stage without terms", () => {
    expect(termsToShow({}, { owedMinor: 1_00n, paidMinor: 0n }, date("2027-01-01"))).toEqual({});
  });
});

describe("termsWhenDated", () => {
  const stage = { amount: 1_150_00n, taxLines: [{ title: "VAT", amount: 191_67n }], owed: 1_150_00n };
  const dates = { issueDate: date("2027-03-01"), dueDate: date("2027-03-31") };

  it("makes the offer and notice buildSchedule makes for a dated stage", () => {
    const dated = termsWhenDated(
      { pending: { earlyPayment: { percent: "2", withinDays: 10 }, lateFee: { kind: "fixed", fee: 25_00n, graceDays: 5 } } },
      stage,
      dates,
    );
    expect(dated).toEqual({
      earlyPayment: { percent: "2", until: date("2027-03-11"), discount: 23_00n, payable: 1_127_00n, taxReduction: [{ title: "VAT", amount: 3_83n }] },
      lateFee: { kind: "fixedFee", appliesFrom: date("2027-04-06"), fee: 25_00n },
    });
    expect(dated.earlyPayment).toEqual(
      earlyPaymentOffer({ percent: "2", withinDays: 10 }, { amount: stage.amount, taxLines: stage.taxLines, issuedOn: dates.issueDate }),
    );
  });

  it("charges interest on what the stage still owes when it is dated", () => {
    const rule = { kind: "interest", percentPerMonth: "1.5", compound: false, graceDays: 0 } as const;
    const dated = termsWhenDated({ pending: { lateFee: rule } }, { ...stage, owed: 600_00n }, dates);
    expect(dated).toEqual({ lateFee: lateFeeNotice(rule, dates.dueDate, 600_00n) });
    expect(dated.lateFee).toMatchObject({ appliesFrom: date("2027-04-01"), onAmount: 600_00n, perMonth: 9_00n });
  });

  it("rounds the discounted amount to the plan's coin, as the schedule does for a dated stage", () => {
    const rules = { earlyPayment: { percent: "2", withinDays: 10 }, cashRounding: { unit: 5n, method: "halfUp" as const } };
    const chf = { amount: 1_150_03n, taxLines: [{ title: "MWST", amount: 86_27n }], owed: 1_150_03n };
    const dated = termsWhenDated({ pending: rules }, chf, dates);
    // 1,150.03 × 98% = 1,127.0294 → 1,127.03 → 1,127.05 (the nearest 0.05).
    expect(dated.earlyPayment).toMatchObject({ payable: 1_127_05n, discount: 22_98n });
    expect(dated).toEqual(datedStageTerms(rules, chf, dates));
  });

  it("leaves terms without pending rules as they are", () => {
    expect(termsWhenDated(TERMS, stage, dates)).toBe(TERMS);
    expect(termsWhenDated({}, stage, dates)).toEqual({});
  });
});
