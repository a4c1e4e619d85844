import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput, type OrderInput } from "../../../app/domain/schedule/order-input";
import { scheduleToJson, type ScheduleJson } from "../../../app/domain/schedule/schedule-json";

/** An order for table tests: 1200.00 EUR, ordered 2027-01-15, payment due 2027-01-31, no tax. */
export function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    total: "1200.00",
    currency: "EUR",
    timeZone: "Europe/Berlin",
    orderDate: "2027-01-15",
    paymentDueDate: "2027-01-31",
    now: new Date("2027-01-15T10:00:00Z"),
    ...overrides,
  };
}

/** Compiles a config and builds its schedule for an order, as the plan preview command does. */
export function preview(config: unknown, order: Partial<OrderInput> = {}): ScheduleJson {
  return scheduleToJson(buildSchedule(compilePlanConfig(config), orderSnapshotFromInput(sampleOrder(order))));
}

export const amountsOf = (schedule: ScheduleJson) => schedule.installments.map((i) => i.amount);
export const datesOf = (schedule: ScheduleJson) => schedule.installments.map((i) => i.dueDate);
export const titlesOf = (schedule: ScheduleJson) => schedule.installments.map((i) => i.title);
