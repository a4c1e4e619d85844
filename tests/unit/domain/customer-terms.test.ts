import { describe, expect, it } from "vitest";

import {
  applyNegotiatedTerms,
  resolveTerms,
  type CustomerTermsFields,
  type NegotiatedTerms,
  type TermsLayer,
} from "../../../app/domain/customers/customer-terms";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import type { OrderSnapshot } from "../../../app/domain/schedule/order-snapshot";
import { scheduleToJson } from "../../../app/domain/schedule/schedule-json";
import { sampleOrder } from "./sample-order";

const NONE: CustomerTermsFields = { defaultPlanId: null, depositPercent: null, netDays: null, paymentDays: null, creditLimit: null };
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
      expected: { defaultPlanId: null, depositPercent: ["20", "customer"], netDays: null, paymentDays: null, creditLimit: [usd(100n), "customer"] },
    },
    {
      name: "the location wins over the company, the company over the customer",
      layers: [
        layer("customer", { depositPercent: "10", netDays: 15, paymentDays: [1], creditLimit: usd(1n), defaultPlanId: "plan-c" }),
        layer("company", { depositPercent: "20", netDays: 30, paymentDays: [5, 20], creditLimit: usd(2n) }),
        layer("companyLocation", { depositPercent: "30" }),
      ],
      expected: {
        defaultPlanId: ["plan-c", "customer"],
        depositPercent: ["30", "companyLocation"],
        netDays: [30, "company"],
        paymentDays: [[5, 20], "company"],
        creditLimit: [usd(2n), "company"],
      },
    },
    {
      name: "in whatever order the layers arrive",
      layers: [layer("companyLocation", { netDays: 60 }), layer("customer", { netDays: 10 }), layer("company", { netDays: 45 })],
      expected: { defaultPlanId: null, depositPercent: null, netDays: [60, "companyLocation"], paymentDays: null, creditLimit: null },
    },
    { name: "no layers", layers: [], expected: { defaultPlanId: null, depositPercent: null, netDays: null, paymentDays: null, creditLimit: null } },
  ])("$name", ({ layers, expected }) => {
    const resolved = resolveTerms(layers);
    const flat = Object.fromEntries(Object.entries(resolved).map(([key, field]) => [key, field === null ? null : [field.value, field.from.kind]]));
    expect(flat).toEqual(expected);
  });
});

const order = orderSnapshotFromInput(sampleOrder({ taxLines: [{ title: "VAT 19%", amount: "191.60" }] }));
type Terms = { depositPercent?: string; netDays?: number; paymentDays?: number[] };
const negotiated = (terms: Terms): NegotiatedTerms => ({
  depositPercent: terms.depositPercent ?? null,
  netDays: terms.netDays ?? null,
  paymentDays: terms.paymentDays ?? null,
});
const built = (config: unknown, terms: Terms, at: OrderSnapshot = order) =>
  buildSchedule(applyNegotiatedTerms(compilePlanConfig(config), negotiated(terms)), at);
const scheduleOf = (config: unknown, terms: Terms) => scheduleToJson(built(config, terms));

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
    { name: "a payment day of 0", config: { preset: "monthly-4" }, terms: { paymentDays: [0, 15] }, words: "from 1 to 31, not 0" },
    { name: "a payment day of 32", config: { preset: "monthly-4" }, terms: { paymentDays: [32] }, words: "from 1 to 31, not 32" },
    { name: "no payment days at all", config: { preset: "monthly-4" }, terms: { paymentDays: [] }, words: "at least one day" },
    { name: "five payment days", config: { preset: "monthly-4" }, terms: { paymentDays: [1, 8, 15, 22, 29] }, words: "at most 4 days" },
    { name: "payment days out of order", config: { preset: "monthly-4" }, terms: { paymentDays: [20, 5] }, words: "ascending" },
    { name: "a payment day twice", config: { preset: "monthly-4" }, terms: { paymentDays: [5, 5] }, words: "each day once" },
  ])("refuses $name, naming the terms", ({ config, terms, words }) => {
    expect(() => scheduleOf(config, terms)).toThrow(PlanError);
    expect(() => scheduleOf(config, terms)).toThrow(words);
  });

  it("names the payment days field when it refuses them", () => {
    expect(() => scheduleOf({ preset: "monthly-4" }, { paymentDays: [40] })).toThrow(expect.objectContaining({ key: "terms.paymentDays" }));
  });
});

describe("a customer's payment days move every due date not paid at checkout (ordered 2027-01-15)", () => {
  const onDate = (date: string, netDays = 0) => ({
    stages: [
      { kind: "deposit", share: { percent: "30" }, due: "checkout" },
      { kind: "balance", share: "remainder", due: { on: date }, netDays },
    ],
  });
  const datesFor = (config: unknown, terms: Terms, at?: OrderSnapshot) =>
    built(config, terms, at).installments.map((installment) => [installment.issueDate, installment.dueDate]);

  it.each([
    { name: "due on the 7th, days 5 and 20: the 20th", due: "2027-03-07", net: 0, days: [5, 20], expected: ["2027-03-07", "2027-03-20"] },
    { name: "due on the 21st, days 5 and 20: the 5th of next month", due: "2027-03-21", net: 0, days: [5, 20], expected: ["2027-03-21", "2027-04-05"] },
    { name: "due on a payment day: that day", due: "2027-03-20", net: 0, days: [5, 20], expected: ["2027-03-20", "2027-03-20"] },
    { name: "day 31 in April (30 days): April 30", due: "2027-04-16", net: 0, days: [15, 31], expected: ["2027-04-16", "2027-04-30"] },
    { name: "day 30 in February: February 28", due: "2027-02-16", net: 0, days: [30], expected: ["2027-02-16", "2027-02-28"] },
    {
      name: "after the net days: issued on the 7th, net 10 is the 17th, so the 20th",
      due: "2027-03-07",
      net: 10,
      days: [5, 20],
      expected: ["2027-03-07", "2027-03-20"],
    },
    {
      name: "after the net days: net 14 from the 7th is the 21st, so the 5th",
      due: "2027-03-07",
      net: 14,
      days: [5, 20],
      expected: ["2027-03-07", "2027-04-05"],
    },
    { name: "one payment day, passed this month: next month's", due: "2027-12-26", net: 0, days: [25], expected: ["2027-12-26", "2028-01-25"] },
  ])("$name", ({ due, net, days, expected }) => {
    expect(datesFor(onDate(due, net), { paymentDays: days })).toEqual([["2027-01-15", "2027-01-15"], expected]);
  });

  it("moves after the negotiated net days, not before them", () => {
    // Plan due 2027-03-07; net 14 (negotiated) gives 2027-03-21, whose next payment day is 2027-04-05. Payment days
    // first would give 2027-03-20 + 14 = 2027-04-03, a day the customer does not pay on.
    expect(datesFor(onDate("2027-03-07"), { netDays: 14, paymentDays: [5, 20] })[1]).toEqual(["2027-03-07", "2027-04-05"]);
  });

  it("leaves the deposit paid at checkout on the order date, though the 15th is no payment day", () => {
    const schedule = built({ preset: "deposit-30-50-20-net30" }, { paymentDays: [5, 20] });
    expect(schedule.installments.map((installment) => installment.dueDate)).toEqual(["2027-01-15", null, null]);
    expect(schedule.installments.map((installment) => installment.trigger?.steps.at(-1))).toEqual([
      undefined,
      { nextDays: [5, 20], dueOnly: true },
      { nextDays: [5, 20], dueOnly: true },
    ]);
  });

  it("moves every installment of a monthly plan to the next payment day", () => {
    expect(scheduleOf({ preset: "monthly-4" }, { paymentDays: [1, 20] }).installments.map((installment) => installment.dueDate)).toEqual([
      "2027-01-15",
      "2027-02-20",
      "2027-03-20",
      "2027-04-20",
    ]);
  });

  it.each([
    ["nextWorkingDay", "2027-03-22"],
    ["previousWorkingDay", "2027-03-19"],
  ] as const)("then the shop's working calendar (%s) moves a payment day on a weekend, as it does a plan's own next-day step", (move, expected) => {
    const weekdays = orderSnapshotFromInput(sampleOrder({ calendar: { closedWeekdays: [6, 7], holidays: [], move } }));
    // 2027-03-20, the next payment day after 2027-03-07, is a Saturday.
    const moved = datesFor(onDate("2027-03-07"), { paymentDays: [5, 20] }, weekdays)[1];
    expect(moved?.[1]).toBe(expected);
    const planStep = {
      stages: [
        { kind: "deposit", share: { percent: "30" }, due: "checkout" },
        { kind: "balance", share: "remainder", due: { after: ["51d", "next day 5/20"] } },
      ],
    };
    expect(datesFor(planStep, {}, weekdays)[1]?.[1]).toBe(expected);
  });
});
