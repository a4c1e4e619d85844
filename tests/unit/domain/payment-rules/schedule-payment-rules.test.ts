import { describe, expect, it } from "vitest";
import { compilePlanConfig } from "../../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../../app/domain/schedule/order-input";
import { amountsOf, preview, sampleOrder } from "../sample-order";

/** The plan's `paymentRules` as the schedule carries them: the amounts rounded to a coin, each stage's offer and fee. */
describe("payment rules in the schedule", () => {
  it("rounds every installment but the last to CHF 0.05; the last holds the rest, so they still sum to the total", () => {
    const schedule = preview({ period: "1m(3)", paymentRules: { cashRounding: "0.05" } }, { total: "100.00", currency: "CHF" });
    expect(amountsOf(schedule)).toEqual(["33.35", "33.35", "33.30"]);
  });

  it("rounds down when the plan says so; a total that is not a multiple of the coin leaves its odd cents on the last", () => {
    const schedule = preview({ period: "1m(4)", paymentRules: { cashRounding: { unit: "0.05", method: "down" } } }, { total: "100.03", currency: "CHF" });
    expect(amountsOf(schedule)).toEqual(["25.00", "25.00", "25.00", "25.03"]);
  });

  it("keeps what Shopify charges at checkout when the first amount is pinned (native mode), and rounds the others", () => {
    const plan = compilePlanConfig({ period: "1m(3)", paymentRules: { cashRounding: "0.05" } });
    const schedule = buildSchedule(plan, orderSnapshotFromInput(sampleOrder({ total: "100.00", currency: "CHF" })), { firstAmount: 3333n });
    expect(schedule.installments.map((installment) => installment.amount)).toEqual([3333n, 3335n, 3332n]);
  });

  it("offers Odoo's 2% within 10 days on a later stage, with the tax reduced in proportion (1150.00 with 150.00 tax: pay 1127.00, 3.00 less tax)", () => {
    const schedule = preview(
      { stages: [{ share: "equal", due: { after: "30d" } }], paymentRules: { earlyPayment: { percent: "2", withinDays: 10 } } },
      { total: "1150.00", taxLines: [{ title: "VAT 15%", amount: "150.00" }] },
    );
    expect(schedule.installments[0]?.earlyPayment).toEqual({
      until: "2027-02-24",
      discount: "23.00",
      payable: "1127.00",
      taxReduction: [{ title: "VAT 15%", amount: "3.00" }],
    });
  });

  it("makes no offer or fee on a deposit paid at checkout, nor on a stage still waiting for its event", () => {
    const schedule = preview({
      preset: "deposit-30-50-20-net30",
      paymentRules: { earlyPayment: { percent: "2", withinDays: 10 }, lateFee: { fixed: "25.00" } },
    });
    expect(schedule.installments.map((installment) => [installment.earlyPayment !== undefined, installment.lateFee !== undefined])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it("tells the buyer a late fee's amount and first day, and interest per month", () => {
    const fee = preview({ stages: [{ share: "equal", due: { after: "30d" } }], paymentRules: { lateFee: { fixed: "25.00", graceDays: 5 } } });
    expect(fee.installments[0]?.lateFee).toEqual({ kind: "fixedFee", appliesFrom: "2027-02-20", fee: "25.00" });
    const interest = preview({ stages: [{ share: "equal", due: { after: "30d" } }], paymentRules: { lateFee: { percentPerMonth: "1.5" } } });
    expect(interest.installments[0]?.lateFee).toEqual({
      kind: "interest",
      appliesFrom: "2027-02-15",
      percentPerMonth: "1.5",
      compound: false,
      perMonth: "18.00",
    });
  });

  it("rounds the discounted amount to the coin too when the plan rounds to one (CHF 233.35 less 2%: 228.70, not 228.68)", () => {
    const schedule = preview(
      { stages: [{ share: "equal", due: { after: "30d" } }], paymentRules: { earlyPayment: { percent: "2", withinDays: 10 }, cashRounding: "0.05" } },
      { total: "233.35", currency: "CHF" },
    );
    expect(schedule.installments[0]?.earlyPayment).toMatchObject({ payable: "228.70", discount: "4.65" });
  });

  it("refuses a cash unit finer than the currency, naming the key", () => {
    expect(() => preview({ period: "1m(3)", paymentRules: { cashRounding: "0.005" } }, { currency: "CHF" })).toThrow("paymentRules.cashRounding");
  });
});
