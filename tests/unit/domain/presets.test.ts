import { describe, expect, it } from "vitest";
import { applyNegotiatedTerms } from "../../../app/domain/customers/customer-terms";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { amountsOf, datesOf, preview, sampleOrder, titlesOf } from "./sample-order";

const vat = { taxLines: [{ title: "VAT 19%", amount: "191.60" }] };
const taxOf = (schedule: ReturnType<typeof preview>) => schedule.installments.map((i) => i.tax.map((t) => t.amount));

describe("preset plans (1200.00 EUR incl. 191.60 VAT, ordered 2027-01-15)", () => {
  it("30% deposit / 50% before shipping / 20% net 30", () => {
    const schedule = preview({ preset: "deposit-30-50-20-net30" }, vat);
    expect(amountsOf(schedule)).toEqual(["360.00", "600.00", "240.00"]);
    expect(datesOf(schedule)).toEqual(["2027-01-15", null, null]);
    expect(schedule.installments.map((i) => i.trigger)).toEqual([
      undefined,
      { event: "milestone", milestone: "Ready to ship" },
      { event: "orderFulfilled", after: ["30d"] },
    ]);
    expect(taxOf(schedule)).toEqual([["57.48"], ["95.80"], ["38.32"]]);
    expect(titlesOf(schedule)).toEqual(["Deposit", "Payment before shipping", "Balance (net 30)"]);
  });

  it("4 monthly payments", () => {
    const schedule = preview({ preset: "monthly-4" }, vat);
    expect(amountsOf(schedule)).toEqual(["300.00", "300.00", "300.00", "300.00"]);
    expect(datesOf(schedule)).toEqual(["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15"]);
    expect(taxOf(schedule)).toEqual([["47.90"], ["47.90"], ["47.90"], ["47.90"]]);
    expect(titlesOf(schedule)).toEqual(["Installment 1 of 4", "Installment 2 of 4", "Installment 3 of 4", "Installment 4 of 4"]);
  });

  it("4 monthly payments from January 31st stay on month ends", () => {
    const schedule = preview({ preset: "monthly-4" }, { orderDate: "2027-01-31" });
    expect(datesOf(schedule)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
  });

  it("deposit + balance before shipping", () => {
    const schedule = preview({ preset: "deposit-balance-before-shipping" }, vat);
    expect(amountsOf(schedule)).toEqual(["600.00", "600.00"]);
    expect(datesOf(schedule)).toEqual(["2027-01-15", null]);
    expect(taxOf(schedule)).toEqual([["95.80"], ["95.80"]]);
  });

  it("retainer + monthly", () => {
    const schedule = preview({ preset: "retainer-monthly" }, vat);
    expect(amountsOf(schedule)).toEqual(["300.00", "150.00", "150.00", "150.00", "150.00", "150.00", "150.00"]);
    expect(datesOf(schedule)).toEqual(["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15", "2027-05-15", "2027-06-15", "2027-07-15"]);
    expect(titlesOf(schedule)[1]).toBe("Monthly payment due 2027-02-15");
  });

  it("net 30: the whole total, invoiced on the order date and due 30 days later", () => {
    const schedule = preview({ preset: "net-30" }, vat);
    expect(amountsOf(schedule)).toEqual(["1200.00"]);
    expect(datesOf(schedule)).toEqual(["2027-02-14"]);
    expect(taxOf(schedule)).toEqual([["191.60"]]);
    expect(titlesOf(schedule)).toEqual(["Net terms"]);
  });

  it("net 30: a customer's negotiated net days replace the 30", () => {
    const plan = applyNegotiatedTerms(compilePlanConfig({ preset: "net-30" }), { depositPercent: null, netDays: 45, paymentDays: null });
    const [only] = buildSchedule(plan, orderSnapshotFromInput(sampleOrder())).installments;
    expect([only?.issueDate, only?.dueDate]).toEqual(["2027-01-15", "2027-03-01"]);
  });

  it.each([
    ["2027-01-20", ["2027-02-15", "2027-03-15", "2027-04-15", "2027-05-15"]],
    ["2027-01-31", ["2027-02-15", "2027-03-15", "2027-04-15", "2027-05-15"]],
    ["2027-01-14", ["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15"]],
    // Ordered on a 15th, the first payment falls on the order date: it is paid at checkout.
    ["2027-01-15", ["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15"]],
  ])("4 payments on the 15th, ordered %s", (orderDate, dates) => {
    const schedule = preview({ preset: "four-payments-15th" }, { ...vat, orderDate });
    expect(amountsOf(schedule)).toEqual(["300.00", "300.00", "300.00", "300.00"]);
    expect(datesOf(schedule)).toEqual(dates);
    expect(taxOf(schedule)).toEqual([["47.90"], ["47.90"], ["47.90"], ["47.90"]]);
  });

  it("every preset has a unique id, a name and a description", () => {
    expect(new Set(PRESET_PLANS.map((p) => p.id)).size).toBe(PRESET_PLANS.length);
    for (const preset of PRESET_PLANS) expect(preset.name && preset.description).toBeTruthy();
  });
});
