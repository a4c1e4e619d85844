import { describe, expect, it } from "vitest";

import { applyNegotiatedTerms, resolveTerms, type CustomerTermsFields, type TermsLayer } from "../../../app/domain/customers/customer-terms";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { scheduleToJson } from "../../../app/domain/schedule/schedule-json";
import { sampleOrder } from "./sample-order";

const NONE: CustomerTermsFields = { defaultPlanId: null, depositPercent: null, netDays: null, creditLimit: null };
const layer = (kind: TermsLayer["kind"], fields: Partial<CustomerTermsFields>): TermsLayer => ({
  kind,
  subjectId: `gid://shopify/${kind}/1`,
  subjectName: kind,
  fields: { ...NONE, ...fields },
});

describe("resolving terms most specific first, field by field", () => {
  const usd = (minor: bigint) => ({ minor, currency: "USD" });
  it.each([
    {
      name: "only the customer's",
      layers: [layer("customer", { depositPercent: "20", creditLimit: usd(100n) })],
      expected: { defaultPlanId: null, depositPercent: ["20", "customer"], netDays: null, creditLimit: [usd(100n), "customer"] },
    },
    {
      name: "the location wins over the company, the company over the customer",
      layers: [
        layer("customer", { depositPercent: "10", netDays: 15, creditLimit: usd(1n), defaultPlanId: "plan-c" }),
        layer("company", { depositPercent: "20", netDays: 30, creditLimit: usd(2n) }),
        layer("companyLocation", { depositPercent: "30" }),
      ],
      expected: {
        defaultPlanId: ["plan-c", "customer"],
        depositPercent: ["30", "companyLocation"],
        netDays: [30, "company"],
        creditLimit: [usd(2n), "company"],
      },
    },
    {
      name: "in whatever order the layers arrive",
      layers: [layer("companyLocation", { netDays: 60 }), layer("customer", { netDays: 10 }), layer("company", { netDays: 45 })],
      expected: { defaultPlanId: null, depositPercent: null, netDays: [60, "companyLocation"], creditLimit: null },
    },
    { name: "no layers", layers: [], expected: { defaultPlanId: null, depositPercent: null, netDays: null, creditLimit: null } },
  ])("$name", ({ layers, expected }) => {
    const resolved = resolveTerms(layers);
    const flat = Object.fromEntries(Object.entries(resolved).map(([key, field]) => [key, field === null ? null : [field.value, field.from.kind]]));
    expect(flat).toEqual(expected);
  });
});

const order = orderSnapshotFromInput(sampleOrder({ taxLines: [{ title: "VAT 19%", amount: "191.60" }] }));
const built = (config: unknown, terms: { depositPercent?: string; netDays?: number }) =>
  buildSchedule(applyNegotiatedTerms(compilePlanConfig(config), { depositPercent: terms.depositPercent ?? null, netDays: terms.netDays ?? null }), order);
const scheduleOf = (config: unknown, terms: { depositPercent?: string; netDays?: number }) => scheduleToJson(built(config, terms));

describe("applying negotiated terms to a plan before its schedule is built (1200.00 EUR, ordered 2027-01-15)", () => {
  it.each([
    { name: "no terms: the plan as it is", config: { preset: "deposit-30-50-20-net30" }, terms: {}, amounts: ["360.00", "600.00", "240.00"], net: [0, 0, 30] },
    {
      name: "a 20% deposit on 30/50/20: the last percent stage takes the difference",
      config: { preset: "deposit-30-50-20-net30" },
      terms: { depositPercent: "20" },
      amounts: ["240.00", "600.00", "360.00"],
      net: [0, 0, 30],
    },
    {
      name: "a 45% deposit on 30/50/20: the last stage gives 15 points",
      config: { preset: "deposit-30-50-20-net30" },
      terms: { depositPercent: "45" },
      amounts: ["540.00", "600.00", "60.00"],
      net: [0, 0, 30],
    },
    {
      name: "net 45 on every stage not paid at checkout",
      config: { preset: "deposit-30-50-20-net30" },
      terms: { netDays: 45 },
      amounts: ["360.00", "600.00", "240.00"],
      net: [0, 45, 45],
    },
    {
      name: "a 40% first payment on 4 equal monthly payments: the equal stages share the rest",
      config: { preset: "monthly-4" },
      terms: { depositPercent: "40" },
      amounts: ["480.00", "240.00", "240.00", "240.00"],
      net: [0, 0, 0, 0],
    },
    {
      name: "a 12.5% deposit and net 10 on deposit + balance",
      config: { preset: "deposit-balance-before-shipping" },
      terms: { depositPercent: "12.5", netDays: 10 },
      amounts: ["150.00", "1050.00"],
      net: [0, 10],
    },
  ])("$name", ({ config, terms, amounts, net }) => {
    const schedule = scheduleOf(config, terms);
    expect(schedule.installments.map((installment) => installment.amount)).toEqual(amounts);
    expect(built(config, terms).installments.map((installment) => installment.netDays)).toEqual(net);
    expect(schedule.installments.reduce((sum, installment) => sum + Number(installment.tax[0]!.amount) * 100, 0)).toBe(19160);
  });

  it("moves a dated stage's due date by the negotiated net days", () => {
    expect(scheduleOf({ preset: "monthly-4" }, {}).installments.map((installment) => installment.dueDate)).toEqual([
      "2027-01-15",
      "2027-02-15",
      "2027-03-15",
      "2027-04-15",
    ]);
    expect(scheduleOf({ preset: "monthly-4" }, { netDays: 10 }).installments.map((installment) => installment.dueDate)).toEqual([
      "2027-01-15",
      "2027-02-25",
      "2027-03-25",
      "2027-04-25",
    ]);
  });

  it.each([
    {
      name: "a deposit that leaves nothing for the last stage",
      config: { preset: "deposit-30-50-20-net30" },
      terms: { depositPercent: "50" },
      words: "leaves nothing for stage 3",
    },
    { name: "a deposit of 100%", config: { preset: "deposit-balance-before-shipping" }, terms: { depositPercent: "100" }, words: "below 100%" },
    {
      name: "a deposit that is not a percentage",
      config: { preset: "deposit-balance-before-shipping" },
      terms: { depositPercent: "lots" },
      words: "is not a percentage",
    },
    { name: "net days out of range", config: { preset: "monthly-4" }, terms: { netDays: 4000 }, words: "from 0 to 3650" },
    {
      name: "a deposit on a plan whose first stage is not paid at checkout",
      config: {
        stages: [
          { kind: "installment", share: { percent: "50" }, due: { after: "30d" } },
          { kind: "balance", share: "remainder", due: { after: "60d" } },
        ],
      },
      terms: { depositPercent: "20" },
      words: "has no deposit",
    },
  ])("refuses $name, naming the terms", ({ config, terms, words }) => {
    expect(() => scheduleOf(config, terms)).toThrow(PlanError);
    expect(() => scheduleOf(config, terms)).toThrow(words);
  });
});
