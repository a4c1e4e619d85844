import { describe, expect, it } from "vitest";

import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { checkoutScheduleAttribute } from "../../../app/services/attach/checkout-schedule";
import { parseScheduleAttribute } from "../../../extensions/buyer-schedule/src/schedule-attribute";

function snapshot(input: { total: string; currency: string; taxLines: { title: string; amount: string }[] }) {
  return orderSnapshotFromInput({ ...input, timeZone: "America/Chicago", dates: {}, now: new Date("2026-11-21T15:00:00Z") });
}

/** The app writes `_tranche_schedule`; the checkout extension reads it. Both sides must agree on every preset. */
describe("the checkout schedule attribute", () => {
  it.each(PRESET_PLANS.map((preset) => [preset.id, preset.config] as const))("for %s is what the checkout extension accepts", (_, config) => {
    const schedule = buildSchedule(
      compilePlanConfig(config),
      snapshot({ total: "10000.00", currency: "USD", taxLines: [{ title: "Texas State Tax", amount: "588.24" }] }),
    );
    const parsed = parseScheduleAttribute(checkoutScheduleAttribute(schedule.installments, schedule.currency, true));
    expect(parsed).toMatchObject({ ok: true, schedule: { currency: "USD", accept: true } });
    if (!parsed.ok) return;
    expect(parsed.schedule.stages.map((stage) => [stage.title, stage.amount])).toEqual(
      schedule.installments.map((installment) => [installment.title, formatMinorUnits(installment.amount, schedule.currency)]),
    );
    // At checkout (the order date) for a plan with a deposit; on its own later date for one with nothing due there.
    expect(parsed.schedule.stages[0]?.timing).toEqual({ kind: "date", date: schedule.installments[0]!.dueDate });
  });

  it("carries each stage's share of every tax line: the deposit's true tax, not the 0.00 of its untaxed checkout line", () => {
    const plan = compilePlanConfig(PRESET_PLANS.find((preset) => preset.id === "deposit-30-50-20-net30")!.config);
    const taxLines = [
      { title: "Texas State Tax", amount: "1339.38" },
      { title: "Austin City Tax", amount: "200.00" },
    ];
    const schedule = buildSchedule(plan, snapshot({ total: "22769.39", currency: "USD", taxLines }));
    const raw = checkoutScheduleAttribute(schedule.installments, schedule.currency, false);
    // The titles once, each stage's shares in their order.
    expect(JSON.parse(raw)).toMatchObject({ v: 2, taxes: ["Texas State Tax", "Austin City Tax"] });
    const parsed = parseScheduleAttribute(raw);
    expect(parsed.ok && parsed.schedule.stages.map((stage) => stage.tax)).toEqual(
      schedule.installments.map((installment) =>
        installment.tax.map((line) => ({ title: line.title, amount: formatMinorUnits(line.amount, schedule.currency) })),
      ),
    );
  });

  it("names the event a stage waits for and the steps after it, for the extension to word in the buyer's language", () => {
    const plan = compilePlanConfig(PRESET_PLANS.find((preset) => preset.id === "deposit-30-50-20-net30")!.config);
    const schedule = buildSchedule(plan, snapshot({ total: "900.00", currency: "EUR", taxLines: [] }));
    const raw = checkoutScheduleAttribute(schedule.installments, schedule.currency, false);
    expect(JSON.parse(raw).stages).toEqual([
      { title: expect.any(String), amount: "270.00", tax: [], dueDate: "2026-11-21" },
      { title: expect.any(String), amount: "450.00", tax: [], dueDate: null, trigger: { event: "milestone", milestone: "Ready to ship" } },
      { title: expect.any(String), amount: "180.00", tax: [], dueDate: null, trigger: { event: "orderFulfilled", after: ["30d"] } },
    ]);
    expect(parseScheduleAttribute(raw).ok).toBe(true);
  });

  it("refuses stages that do not share the order's tax lines", () => {
    const stage = { position: 1, title: "Deposit", amount: 100n, dueDate: null };
    expect(() =>
      checkoutScheduleAttribute(
        [
          { ...stage, tax: [{ title: "VAT", amount: 10n }] },
          { ...stage, position: 2, tax: [] },
        ],
        currencyFor("EUR"),
        false,
      ),
    ).toThrow(/stage 2 does not share the order's tax lines/);
  });
});
