import { describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { checkoutScheduleAttribute } from "../../../app/services/attach/checkout-schedule";
import { parseScheduleAttribute } from "../../../extensions/buyer-schedule/src/schedule-attribute";

/** The app writes `_tranche_schedule`; the checkout extension reads it. Both sides must agree on every preset. */
describe("the checkout schedule attribute", () => {
  it.each(PRESET_PLANS.map((preset) => [preset.id, preset.config] as const))("for %s is what the checkout extension accepts", (_, config) => {
    const snapshot = orderSnapshotFromInput({
      total: "10000.00",
      currency: "USD",
      timeZone: "America/Chicago",
      dates: {},
      taxLines: [{ title: "Texas State Tax", amount: "588.24" }],
      now: new Date("2026-11-21T15:00:00Z"),
    });
    const schedule = buildSchedule(compilePlanConfig(config), snapshot);
    const parsed = parseScheduleAttribute(checkoutScheduleAttribute(schedule.installments, schedule.currency, true));
    expect(parsed).toMatchObject({ ok: true, schedule: { v: 1, currency: "USD", accept: true } });
    if (!parsed.ok) return;
    expect(parsed.schedule.stages.map((stage) => stage.position)).toEqual(schedule.installments.map((installment) => installment.position));
    expect(parsed.schedule.stages[0]).toMatchObject({ when: "at checkout", dueDate: "2026-11-21" });
  });

  it("names the event a stage waits for", () => {
    const snapshot = orderSnapshotFromInput({
      total: "900.00",
      currency: "EUR",
      timeZone: "UTC",
      dates: {},
      taxLines: [],
      now: new Date("2026-11-21T10:00:00Z"),
    });
    const plan = compilePlanConfig(PRESET_PLANS.find((preset) => preset.id === "deposit-30-50-20-net30")!.config);
    const schedule = buildSchedule(plan, snapshot);
    const parsed = parseScheduleAttribute(checkoutScheduleAttribute(schedule.installments, schedule.currency, false));
    expect(parsed.ok && parsed.schedule.stages.map((stage) => [stage.amount, stage.when])).toEqual([
      ["270.00", "at checkout"],
      ["450.00", "when “Ready to ship” is marked"],
      ["180.00", "30 days after the order is fulfilled"],
    ]);
  });
});
