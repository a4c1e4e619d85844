import { describe, expect, it } from "vitest";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { summarizePlan } from "../../../app/domain/plan/plan-summary";
import { formatShortDate } from "../../../app/locale/format";

describe("summarizePlan", () => {
  it.each([
    {
      config: { preset: "deposit-30-50-20-net30" },
      summary: '30% at checkout · 50% when "Ready to ship" is reached · 20% when the order is fulfilled, net 30',
    },
    { config: { preset: "monthly-4" }, summary: "equal share at checkout · 3 × equal share every month" },
    { config: { preset: "retainer-monthly" }, summary: "25% at checkout · 6 × equal share every month" },
    {
      config: { period: "2w(3)", amount: "100" },
      summary: "100 on the payment due date · equal share 2 weeks after the payment due date · equal share 4 weeks after the payment due date",
    },
    {
      config: {
        stages: [
          { share: { fixed: "500" }, due: { on: "2027-03-15" } },
          { share: "remainder", due: { field: "delivery_date", after: "7d" } },
        ],
      },
      summary: "500 on 2027-03-15 · the rest 7 days after delivery_date",
    },
    { config: { period: "Service Quarter" }, summary: "One installment per service quarter, by service days" },
    {
      config: {
        stages: [
          { share: { percent: "20" }, due: "checkout" },
          { share: "equal", count: 4, due: { spread: { until: "2027-06-30" } } },
        ],
        paymentRules: { earlyPayment: { percent: "2", withinDays: 10 }, lateFee: { fixed: "25.00", graceDays: 5 }, cashRounding: "0.05" },
      },
      summary:
        "20% at checkout · 4 × equal share spread evenly from the order date to 2027-06-30 · 2% off if paid within 10 days · late fee 25 after 5 days · rounded to 0.05",
    },
    {
      config: { stages: [{ share: "equal", due: { after: ["30d", "next day 5/20"] } }], paymentRules: { lateFee: { percentPerMonth: "1.5" } } },
      summary: "equal share 30 days + on the next 5th or 20th after the order date · 1.5% a month late",
    },
    {
      config: { stages: [1, 2, 3, 4, 5].map((n) => ({ share: "equal", due: { on: `2027-0${n}-01` } })) },
      summary: "equal share on 2027-01-01 · equal share on 2027-02-01 · equal share on 2027-03-01 · equal share on 2027-04-01 · 1 more",
    },
  ])("$summary", ({ config, summary }) => {
    expect(summarizePlan(compilePlanConfig(config))).toBe(summary);
  });
});

describe("summarizePlan in a shop's formats", () => {
  it("writes fixed dates and amounts as the shop's list shows them", () => {
    const plan = compilePlanConfig({
      stages: [
        { share: { fixed: "1250.5" }, due: { on: "2027-03-15" } },
        { share: "remainder", due: { after: "30d" } },
      ],
    });
    const german = {
      date: (date: string) => formatShortDate(date, "de-DE"),
      amount: (amount: string) => new Intl.NumberFormat("de-DE").format(amount as `${number}`),
    };
    expect(summarizePlan(plan, german)).toBe("1.250,5 on 15.03.2027 · the rest 30 days after the order date");
  });
});
