import { describe, expect, it } from "vitest";

import { parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import type { WorkingCalendar } from "../../../app/domain/dates/working-calendar";
import { orderSnapshotFromColumn, orderSnapshotToColumn } from "../../../app/models/contract-columns.server";
import { createPlan } from "../../../app/models/plans.server";
import { saveWorkingDays } from "../../../app/models/shop-settings.server";
import { attachPreviewView } from "../../../app/services/attach/attach-flow.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { useEmulatorServices } from "../../support/emulator-services";

/**
 * A shop closed at weekends, with a holiday, that moves due dates to the next working day: attach moves a stage's
 * date off the weekend (preview and contract alike), and a stage dated later by its milestone moves off the holiday
 * with the calendar frozen at attach, even after the shop stopped moving due dates.
 */

const STAFF = "staff:working-calendar-test" as const;
const {
  shop: basic,
  database,
  emulator,
  deps,
  customer,
  createQuote,
  sync,
} = useEmulatorServices({
  allDemoShops: true,
  linkEmailsBy: "shopify",
  syncHolder: "working-calendar-test",
});

describe("a shop that moves due dates to the next working day", () => {
  it("attach moves a Saturday due date to Monday; a stage dated by its milestone moves off a holiday with the calendar frozen at attach", async () => {
    expect(basic.ianaTimezone).toBe("America/Chicago");
    // Wednesday 2027-03-03, 09:00 in Chicago.
    emulator.store.clock.advanceTo(new Date("2027-03-03T15:00:00Z"));
    await saveWorkingDays(database.prisma, basic.domain, { closedWeekdays: [6, 7], holidays: ["2027-03-12"], moveDueDates: "nextWorkingDay" }, STAFF);
    const plan = await createPlan(database.prisma, basic.domain, {
      name: "10 days, then a week after shipping is ready",
      config: {
        name: "10 days, then a week after shipping is ready",
        stages: [
          { kind: "balance", share: { percent: "50" }, due: { after: "10d" } },
          { kind: "balance", share: "remainder", due: { milestone: "Ready to ship" }, netDays: 7 },
        ],
      },
      actor: STAFF,
    });
    const draftOrderId = await createQuote({ customerId: customer(0).id });

    // 2027-03-13 is a Saturday.
    const preview = await attachPreviewView(deps(), basic.domain, { draftOrderId, planId: plan.id });
    expect(preview.stages.map((stage) => stage.dueDate)).toEqual(["2027-03-15", null]);

    const attached = await attachPlan(deps(), basic.domain, { draftOrderId, planId: plan.id, actor: STAFF });
    expect(attached.stages.map((stage) => [stage.issueDate, stage.dueDate])).toEqual([
      ["2027-03-13", "2027-03-15"],
      [null, null],
    ]);
    const frozen = { closedWeekdays: [6, 7], holidays: ["2027-03-12"], move: "nextWorkingDay" };
    expect(attached.orderSnapshot.calendar).toEqual(frozen);

    // The shop stops moving due dates; the contract keeps the calendar it was attached with.
    await saveWorkingDays(database.prisma, basic.domain, { closedWeekdays: [], holidays: [], moveDueDates: "off" }, STAFF);
    // Friday 2027-03-05: marked ready, net 7 is Friday 2027-03-12, a holiday, so Monday 2027-03-15.
    emulator.store.clock.advanceTo(new Date("2027-03-05T15:00:00Z"));
    await markMilestone(deps(), basic.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    const dated = await sync(attached.id);
    expect(dated.stages[1]).toMatchObject({ issueDate: "2027-03-05", dueDate: "2027-03-15" });
    expect(dated.orderSnapshot.calendar).toEqual(frozen);
  });

  it("reads a snapshot stored before the working calendar as one without a calendar, and keeps one written with it", () => {
    const stored = JSON.stringify({
      currency: "USD",
      total: "120000",
      orderDate: "2026-11-02",
      paymentDueDate: "2026-11-02",
      dates: {},
      taxLines: [{ title: "Sales tax", amount: "9000" }],
      events: {},
    });
    const old = orderSnapshotFromColumn(stored);
    expect(old).not.toHaveProperty("calendar");
    expect(old.total).toBe(120000n);
    const calendar: WorkingCalendar = { closedWeekdays: [7], holidays: [parseCalendarDate("2026-12-25", "holiday")], move: "previousWorkingDay" };
    expect(orderSnapshotFromColumn(orderSnapshotToColumn({ ...old, calendar })).calendar).toEqual(calendar);
  });
});
