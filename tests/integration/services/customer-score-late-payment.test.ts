import { describe, expect, it } from "vitest";

import { calendarDateAt } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { customerExposure } from "../../../app/models/customer-exposure.server";
import { customerHistoryPage, customerStanding } from "../../../app/models/customer-history.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { CreditLimitError } from "../../../app/services/attach/attach-terms.server";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { saveCustomerTermsAction } from "../../../app/services/customer-terms/save-customer-terms.server";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import { useEmulatorServices } from "../../support/emulator-services";

/**
 * A customer's reliability score as collection moves their contract along in the emulated Shopify: the deposit paid at
 * checkout on its day keeps them reliable; the stage before shipping left unpaid past its due date drops the score;
 * paid late, it recovers in part and the history says by how many days. While they are late, staff cap what they may
 * owe: a new order that would take them over the limit is refused with the figures.
 */

const STAFF = "staff:score-test" as const;
const DAY_MS = 86_400_000;
const { shop, database, emulator, deps, customer, createQuote, sync } = useEmulatorServices({ offlineSessions: true, syncHolder: "score-test" });

describe("a customer who pays a stage late", () => {
  it("loses score while the stage is overdue, is refused a new order over their limit, and keeps a late mark once paid", async () => {
    const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
    const plan = await createPlan(database.prisma, shop.domain, { name: "Deposit, before shipping, net 30", config: preset.config, actor: STAFF });
    const customerId = customer(1).id;
    const quoteFor = (buyer: string) => createQuote({ customerId: buyer });
    const attached = await attachPlan(deps(), shop.domain, { draftOrderId: await quoteFor(customerId), planId: plan.id, actor: STAFF });
    // The shop's day, in the zone the contract's dates are in.
    const today = () => calendarDateAt(emulator.store.clock.now(), attached.timeZone);
    const standing = () => customerStanding(database.prisma, shop.domain, customerId, today());
    expect(attached.customerId).toBe(customerId);
    expect(await standing()).toMatchObject({ kind: "noHistory" });

    expect((await payEmailedLink(emulator.url, attached.stages[0]!.payUrl!, { card: "approve" })).ok).toBe(true);
    await sync(attached.id);
    expect(await standing()).toMatchObject({ kind: "scored", score: 100, band: "reliable", parts: { onTime: 1, counted: 1 } });

    // Ready to ship: the stage before shipping falls due; three days later it is overdue and unpaid.
    await markMilestone(deps(), shop.domain, { contractId: attached.id, milestone: "Ready to ship", actor: STAFF });
    await sync(attached.id);
    emulator.store.clock.advance(3 * DAY_MS);
    const overdue = await sync(attached.id);
    expect(overdue.stages[1]!.status).toBe("overdue");
    const whileOverdue = await standing();
    expect(whileOverdue).toMatchObject({ kind: "scored", parts: { onTime: 1, overdue: 1, counted: 2 } });
    if (whileOverdue.kind !== "scored") return;
    expect(whileOverdue.score).toBeLessThan(100);
    expect(whileOverdue.parts.overdueNow).toEqual([{ currency: overdue.currency, amountMinor: overdue.stages[1]!.amountMinor }]);
    const daysOverdue = whileOverdue.parts.worstDaysLate;
    expect(daysOverdue).toBeGreaterThanOrEqual(1);

    // Staff cap the late payer at what they owe now: the next quote would take them over it, and is refused.
    const subject = { kind: "customer", customerId } as const;
    const [owed] = await customerExposure(database.prisma, shop.domain, subject, today());
    const limit = formatMinorUnits(owed!.unpaidMinor, currencyFor(owed!.currency));
    const terms = new FormData();
    terms.set("creditLimit", limit);
    terms.set("creditLimitCurrency", owed!.currency);
    expect((await saveCustomerTermsAction(deps(), shop.domain, subject, terms, STAFF)).ok).toBe(true);
    const nextQuote = await quoteFor(customerId);
    const refused = await attachPlan(deps(), shop.domain, { draftOrderId: nextQuote, planId: plan.id, actor: STAFF }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CreditLimitError);
    expect((refused as Error).message).toMatch(/^Credit limit reached: .+ owes .+ on 1 contract; this order adds .+; the limit is .+ \(.+ over\)\.$/);
    expect(await database.prisma.contract.count({ where: { sourceDraftOrderId: nextQuote } })).toBe(0);

    // The buyer pays the overdue stage from its link: late by the same days, better than unpaid, short of on time.
    expect((await payEmailedLink(emulator.url, overdue.stages[1]!.payUrl!, { card: "approve" })).ok).toBe(true);
    const paid = await sync(attached.id);
    expect(paid.stages[1]!.status).toBe("paid");
    const afterPaying = await standing();
    expect(afterPaying).toMatchObject({ kind: "scored", parts: { onTime: 1, late: 1, overdue: 0, worstDaysLate: daysOverdue, overdueNow: [] } });
    if (afterPaying.kind !== "scored") return;
    expect(afterPaying.score).toBeGreaterThan(whileOverdue.score);
    expect(afterPaying.score).toBeLessThan(100);

    const history = await customerHistoryPage(database.prisma, shop.domain, customerId, today(), null);
    const late = history.stages.find((stage) => stage.stageId === paid.stages[1]!.id);
    expect(late?.outcome).toEqual({ kind: "late", paidOn: today(), daysLate: daysOverdue });
  });
});
