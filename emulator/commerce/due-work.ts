import type { EmulatorStore } from "../state/emulator-store";
import type { ShopState } from "../state/model";
import { chargeMandate } from "./charge-mandate";

/**
 * Shopify's background work, run whenever emulator time may have passed something: mandate payment jobs whose
 * `runAt` has come, and `payment_schedules/due` for schedules whose `dueAt` the clock has passed (once each).
 * Idempotent: running it twice at the same instant does nothing the second time.
 */
export function runDueWork(store: EmulatorStore): void {
  const now = store.clock.now().getTime();
  for (const shop of store.shops.values()) {
    runDueJobs(store, shop, now);
    notifyDueSchedules(store, shop, now);
  }
}

function runDueJobs(store: EmulatorStore, shop: ShopState, now: number): void {
  const due = shop.jobs.filter((job) => !job.done && Date.parse(job.runAt) <= now).sort((a, b) => Date.parse(a.runAt) - Date.parse(b.runAt));
  for (const job of due) if (job.kind === "mandatePayment") chargeMandate(store, shop, job);
}

function notifyDueSchedules(store: EmulatorStore, shop: ShopState, now: number): void {
  for (const order of shop.orders) {
    if (order.cancelledAt) continue;
    for (const schedule of order.paymentTerms?.schedules ?? []) {
      if (schedule.completedAt || schedule.dueNotifiedAt || !schedule.dueAt || Date.parse(schedule.dueAt) > now) continue;
      schedule.dueNotifiedAt = new Date(now).toISOString();
      store.emitWebhook(shop.settings.domain, "payment_schedules/due", { type: "paymentSchedule", orderId: order.id, paymentScheduleId: schedule.id });
    }
  }
}
