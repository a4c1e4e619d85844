import { describe, expect, it } from "vitest";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { PlanError } from "../../../app/domain/plan-error";
import { amountsOf, datesOf, preview, titlesOf } from "./sample-order";

// Every example of DESIGN.md §4, against 1200.00 EUR ordered 2027-01-15 with payment due 2027-01-31.
describe("period", () => {
  it("1m(4): four monthly installments, the first on the payment due date, clamped at month ends", () => {
    const schedule = preview({ period: "1m(4)" });
    expect(datesOf(schedule)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(amountsOf(schedule)).toEqual(["300.00", "300.00", "300.00", "300.00"]);
  });

  it("1m(6),3m(2): six monthly, then two quarterly, all counted from the due date", () => {
    expect(datesOf(preview({ period: "1m(6),3m(2)" }))).toEqual([
      "2027-01-31",
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
      "2027-05-31",
      "2027-06-30",
      "2027-07-31",
      "2027-10-31",
    ]);
  });

  it("30d,90d,0d: on the due date, 30 days after the first, 90 days after the second", () => {
    expect(datesOf(preview({ period: "30d,90d,0d" }))).toEqual(["2027-01-31", "2027-03-02", "2027-05-31"]);
  });

  it("2w(3) and 30d(3): weeks and days", () => {
    expect(datesOf(preview({ period: "2w(3)" }))).toEqual(["2027-01-31", "2027-02-14", "2027-02-28"]);
    expect(datesOf(preview({ period: "30d(3)" }))).toEqual(["2027-01-31", "2027-03-02", "2027-04-01"]);
  });

  it("2m(4),120d: five installments, a unit change anchors on the installment where it happens", () => {
    expect(datesOf(preview({ period: "2m(4),120d" }))).toEqual(["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31", "2027-09-30"]);
    expect(datesOf(preview({ period: "1m,30d,1m" }))).toEqual(["2027-01-31", "2027-02-28", "2027-03-30"]);
  });

  it("fix: the installment's date comes from its date reference and steps out of the period chain", () => {
    const schedule = preview({ period: "fix,1m(3)", dateReference: "Delivery_Date" }, { dates: { Delivery_Date: "2027-01-20" } });
    expect(datesOf(schedule)).toEqual(["2027-01-20", "2027-01-31", "2027-02-28", "2027-03-31"]);
    const middle = preview({ period: "1m,fix,1m(2)", dateReference: ",Delivery_Date" }, { dates: { Delivery_Date: "2027-06-01" } });
    expect(datesOf(middle)).toEqual(["2027-01-31", "2027-06-01", "2027-02-28", "2027-03-31"]);
  });

  it("Service Month: one installment per service month, shares by service days", () => {
    const schedule = preview({ period: "Service Month" }, { dates: { servicePeriodStart: "2027-02-15", servicePeriodEnd: "2027-05-14" } });
    expect(datesOf(schedule)).toEqual(["2027-02-15", "2027-03-01", "2027-04-01", "2027-05-01"]);
    expect(amountsOf(schedule)).toEqual(["188.76", "417.98", "404.50", "188.76"]);
  });

  it("Service Quarter: calendar quarters between named start and end dates", () => {
    const schedule = preview({ period: "Service Quarter", dateReference: "Start,End" }, { dates: { Start: "2027-02-15", End: "2027-12-31" } });
    expect(datesOf(schedule)).toEqual(["2027-02-15", "2027-04-01", "2027-07-01", "2027-10-01"]);
    expect(amountsOf(schedule)).toEqual(["168.75", "341.25", "345.00", "345.00"]);
  });
});

describe("dateReference", () => {
  it("FIELD entries date installments 1, 2, …; the rest follow the due-date rule as if unreferenced", () => {
    const schedule = preview({ period: "1m(4)", dateReference: "D1,D2" }, { dates: { D1: "2027-02-10", D2: "2027-03-05" } });
    expect(datesOf(schedule)).toEqual(["2027-02-10", "2027-03-05", "2027-03-31", "2027-04-30"]);
  });

  it("FIELD(M) dates M installments with one field", () => {
    const schedule = preview({ period: "1m(3)", dateReference: "Kickoff(2)" }, { dates: { Kickoff: "2027-02-01" } });
    expect(datesOf(schedule)).toEqual(["2027-02-01", "2027-02-01", "2027-03-31"]);
  });

  it("a missing field is an error naming the reference and the dates the order has", () => {
    expect(() => preview({ period: "1m(2)", dateReference: "Nope" }, { dates: { Delivery: "2027-02-01" } })).toThrow(
      'dateReference (column 1): the order has no date "Nope" (it has: Delivery)',
    );
  });

  it("a referenced date before the order date is an error, not moved", () => {
    expect(() => preview({ period: "1m(2)", dateReference: "Old" }, { dates: { Old: "2027-01-01" } })).toThrow(
      "dateReference (column 1): installment 1 would fall on 2027-01-01, before the order date 2027-01-15",
    );
  });
});

describe("rate", () => {
  it("20,30,50: percentages of the grand total", () => {
    const schedule = preview({ period: "1m(3)", rate: "20,30,50" });
    expect(amountsOf(schedule)).toEqual(["240.00", "360.00", "600.00"]);
    expect(schedule.installments.map((i) => i.rate)).toEqual(["20", "30", "50"]);
  });

  it("20(5): five installments of 20%", () => {
    expect(amountsOf(preview({ period: "1m(5)", rate: "20(5)" }))).toEqual(["240.00", "240.00", "240.00", "240.00", "240.00"]);
  });

  it("fewer rates than installments: the rest is split equally over the others", () => {
    expect(amountsOf(preview({ period: "1m(4)", rate: "40" }))).toEqual(["480.00", "240.00", "240.00", "240.00"]);
    expect(amountsOf(preview({ period: "1m(3)", rate: "33.33" }, { total: "1000.01" }))).toEqual(["333.30", "333.36", "333.35"]);
  });

  it("accepts JSON numbers as JustOn values", () => {
    expect(amountsOf(preview({ period: "1m(2)", rate: 25 }))).toEqual(["300.00", "900.00"]);
  });
});

describe("amount", () => {
  it("100(4): when the total is larger, the last installment holds the rest", () => {
    expect(amountsOf(preview({ period: "1m(4)", amount: "100(4)" }))).toEqual(["100.00", "100.00", "100.00", "900.00"]);
  });

  it("100(4) over six installments: the two without an amount share the rest", () => {
    expect(amountsOf(preview({ period: "1m(6)", amount: "100(4)" }))).toEqual(["100.00", "100.00", "100.00", "100.00", "400.00", "400.00"]);
  });

  it("250.33: the rest is split equally, odd cents to the earliest", () => {
    expect(amountsOf(preview({ period: "1m(4)", amount: "250.33" }))).toEqual(["250.33", "316.56", "316.56", "316.55"]);
  });

  it("200,50,50,50 (JustOn's own example): the last holds the rest", () => {
    expect(amountsOf(preview({ period: "1m(4)", amount: "200,50,50,50" }))).toEqual(["200.00", "50.00", "50.00", "900.00"]);
  });

  it("fixed amounts above the total are an error", () => {
    expect(() => preview({ period: "1m(4)", amount: "350(4)" })).toThrow(
      "amount (column 1): the amounts add up to 1400.00, more than the total 1200.00 (the last installment holds the rest, which must be at least its amount)",
    );
    expect(() => preview({ period: "1m(4)", amount: "500(4)" })).toThrow(
      "amount (column 1): the fixed amounts and rates add up to 1500.00, more than the total 1200.00",
    );
    expect(() => preview({ period: "1m(3)", amount: "700,600" })).toThrow(
      "amount (column 5): the fixed amounts and rates add up to 1300.00, more than the total 1200.00",
    );
  });

  it("an amount with more decimals than the currency is an error", () => {
    expect(() => preview({ period: "1m(2)", amount: "100.5" }, { currency: "JPY", total: "10000" })).toThrow(
      "amount: 100.5 has more decimal places than JPY allows (0)",
    );
  });
});

describe("blank rate and amount", () => {
  it("split equally, odd cents to the earliest", () => {
    expect(amountsOf(preview({ period: "1m(3)", rate: "", amount: "" }, { total: "100.00" }))).toEqual(["33.34", "33.33", "33.33"]);
    expect(amountsOf(preview({ period: "1m(3)" }, { total: "10000", currency: "JPY" }))).toEqual(["3334", "3333", "3333"]);
    expect(amountsOf(preview({ period: "1m(3)" }, { total: "10.000", currency: "KWD" }))).toEqual(["3.334", "3.333", "3.333"]);
  });
});

describe("titles", () => {
  it("fills [PosNo], [InstallmentAmount], [InstallmentRate] and [InstallmentDate]", () => {
    const schedule = preview({
      period: "1m(3)",
      rate: "20,30,50",
      titles: "Payment [PosNo]: [InstallmentAmount] ([InstallmentRate]) due [InstallmentDate]",
    });
    expect(titlesOf(schedule)).toEqual([
      "Payment 1: 240.00 EUR (20%) due 2027-01-31",
      "Payment 2: 360.00 EUR (30%) due 2027-02-28",
      "Payment 3: 600.00 EUR (50%) due 2027-03-31",
    ]);
  });

  it("accepts JustOn's short names and gives non-rate installments their share of the total", () => {
    expect(titlesOf(preview({ period: "1m(3)", titles: "Installment [PosNo] with the rate [Rate]" }))).toEqual([
      "Installment 1 with the rate 33.33%",
      "Installment 2 with the rate 33.33%",
      "Installment 3 with the rate 33.33%",
    ]);
  });

  it("writes each installment's own amount and share when amounts repeat, change and come back", () => {
    const schedule = preview({ period: "1m(5)", amount: "100,300,100,100", titles: "[InstallmentAmount] ([InstallmentRate])" });
    expect(titlesOf(schedule)).toEqual(["100.00 EUR (8.33%)", "300.00 EUR (25%)", "100.00 EUR (8.33%)", "100.00 EUR (8.33%)", "600.00 EUR (50%)"]);
  });

  it("accepts JustOn's titles map: default, positions and last, with languages", () => {
    const schedule = preview({
      period: "1m(5)",
      titles: {
        default: { default: "Installment [PosNo]", de: "Rate [PosNo]" },
        "1": { default: "First Installment", de: "Erste Rate" },
        last: { default: "Last Installment" },
        "4": "Fourth",
      },
    });
    expect(titlesOf(schedule)).toEqual(["First Installment", "Installment 2", "Installment 3", "Fourth", "Last Installment"]);
  });

  it("an unknown placeholder is an error at its column", () => {
    expect(() => compilePlanConfig({ period: "1m(2)", titles: "Pay [PosNo] [Amnt]" })).toThrow(
      new PlanError(
        "titles",
        "unknown placeholder [Amnt]; use one of [PosNo], [PosCount], [InstallmentAmount], [Amount], [InstallmentRate], [Rate], [InstallmentDate], [Date]",
        13,
      ),
    );
  });
});

describe("errors name the key and the column", () => {
  it.each([
    [{ period: "1m(4)", rate: "50", amount: "100" }, "rate: rate and amount cannot be used together; give percentages in rate or amounts in amount"],
    [{ period: "" }, "period: is required, for example 1m(4) for four monthly installments"],
    [{ period: "1m(4),1y" }, 'period (column 7): "1y" is not a distance like 30d, 2w or 1m (d = days, w = weeks, m = months)'],
    [{ period: "1m(0)" }, "period (column 3): the repeat count must be from 1 to 10000, not 0"],
    [{ period: "1m(x)" }, 'period (column 3): "(x)" is not a repeat count like (4)'],
    [{ period: "1m,,1m" }, "period (column 4): empty entry between commas"],
    [{ period: "1m(3)", rate: "50,60" }, "rate (column 4): the rates add up to 110%, more than 100%"],
    [{ period: "1m(3)", rate: "20,30,40" }, "rate: the rates add up to 90%; when every stage has a rate they must add up to 100%"],
    [{ period: "1m(3)", rate: "50,50" }, "rate: the rates already add up to 100%, leaving nothing for installments 3 to 3"],
    [{ period: "1m(2)", rate: "50,25,25" }, "rate (column 7): 3 rates for 2 installments"],
    [{ period: "1m(2)", rate: "0,100" }, "rate (column 1): 0% is not a rate above 0 and at most 100"],
    [{ period: "1m(2)", amount: "100,-5" }, "amount (column 5): an amount must be above zero, not -5"],
    [{ period: "1m(2)", amount: "1,2,3" }, "amount (column 5): 3 amounts for 2 installments"],
    [{ period: "1m(2)", dateReference: "A,B,C" }, "dateReference (column 5): 3 date references for 2 installments"],
    [{ period: "fix,1m" }, 'period (column 1): "fix" at installment 1 needs a date from dateReference'],
    [{ period: "Service Month", rate: "50" }, "rate: service-period plans split the total by service days; leave rate and amount blank"],
    [{ period: "1m(2)", rate: ["50"] }, "rate: must be a string"],
    [{ period: "1d(600)" }, "period (column 1): more than 520 installments"],
    [{ perod: "1m(2)" }, 'perod: unknown key; a plan config has "stages", "preset" or the JustOn keys period, dateReference, rate, amount, titles'],
  ])("%j → %s", (config, message) => {
    expect(() => compilePlanConfig(config)).toThrow(message);
    expect(() => compilePlanConfig(config)).toThrow(PlanError);
  });
});
