import { describe, expect, it } from "vitest";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { summarizePlan } from "../../../app/domain/plan/plan-summary";

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
      config: { stages: [1, 2, 3, 4, 5].map((n) => ({ share: "equal", due: { on: `2027-0${n}-01` } })) },
      summary: "equal share on 2027-01-01 · equal share on 2027-02-01 · equal share on 2027-03-01 · equal share on 2027-04-01 · 1 more",
    },
  ])("$summary", ({ config, summary }) => {
    expect(summarizePlan(compilePlanConfig(config))).toBe(summary);
  });
});
