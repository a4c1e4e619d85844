import { describe, expect, it } from "vitest";

import type { JournalEntry } from "../../../app/domain/books/journal-types";
import { LATE_FEE_PAYABLE_DAYS } from "../../../app/domain/contract/late-fee-stage";
import { addDays, calendarDateAt, startOfDayIn, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import { stageAt, type StoredContract, type StoredStage } from "../../../app/models/contracts.server";
import { isRefundOutsideShopify, listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type PlanConfigInput } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { journalEntriesThrough } from "../../../app/services/books/journal-source.server";
import { refundContract } from "../../../app/services/collection/contract-refunds.server";
import { cancelContract } from "../../../app/services/collection/contract-events.server";
import { recordOfflinePayment, waiveLateFee } from "../../../app/services/collection/contract-actions.server";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import type { Order } from "../../../emulator/state/model";
import { useEmulatorServices, type EmulatorServices } from "../../support/emulator-services";

/**
 * Late fees charged in collection on the emulator: a fixed fee on the day it applies when the stage still owed at the
 * end of grace, interest once the stage is paid; either way a stage of its own (position 1000 + the overdue stage's),
 * with no tax, collected on its own stage draft by an emailed link, never on the saved card, never mirrored to the
 * main order.
 */

const STAFF = "staff:late-fee-test" as const;
const basic = useEmulatorServices({ linkEmailsBy: "shopify", syncHolder: "late-fee-test" });
// Native mode needs Shopify Plus (draft deposits, saved-card charges of a custom amount); the other stage-order runs use
// it too, for its Admin API bucket ten times Basic's (and its part payments, which the main order's mirrors show).
const plus = useEmulatorServices({ plan: "plus", linkEmailsBy: "shopify", syncHolder: "late-fee-native-test" });

/** 30% at checkout, 30% on net 30 and the rest on net 60 from the order date; 25.00 after 5 days' grace. */
const DEPOSIT_THEN_NET_30_60: PlanConfigInput = {
  stages: [
    { kind: "deposit", title: "Deposit", share: { percent: "30" }, due: "checkout" },
    { kind: "installment", title: "Second payment", share: { percent: "30" }, due: { after: "0d", from: "orderDate" }, netDays: 30 },
    { kind: "balance", title: "Balance", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 60 },
  ],
  paymentRules: { lateFee: { fixed: "25.00", graceDays: 5 } },
};

/** 30% at checkout, where the buyer may save a card, the rest on net 30; 25.00 after 5 days' grace. */
const DEPOSIT_THEN_NET_30: PlanConfigInput = {
  stages: [
    { kind: "deposit", title: "Deposit", share: { percent: "30" }, due: "checkout" },
    { kind: "balance", title: "Balance", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 },
  ],
  paymentRules: { lateFee: { fixed: "25.00", graceDays: 5 } },
};

/** Nothing at checkout: 1,000.00 on net 30, the rest on net 60; 1.5% a month from the day after the due date. */
const THOUSAND_WITH_INTEREST: PlanConfigInput = {
  stages: [
    { kind: "installment", title: "First payment", share: { fixed: "1000.00" }, due: { after: "0d", from: "orderDate" }, netDays: 30 },
    { kind: "balance", title: "Balance", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 60 },
  ],
  paymentRules: { lateFee: { percentPerMonth: "1.5", graceDays: 0 } },
};

/**
 * The run on the Basic shop: its dozens of syncs drain the shop's Admin API bucket (100 points a second), which the
 * emulator makes them wait out as Shopify would.
 */
const SLOW_TEST_MS = 120_000;

let plansMade = 0;

async function attach(services: EmulatorServices, config: PlanConfigInput, mode: "stageOrder" | "native"): Promise<StoredContract> {
  const draftOrderId = await services.createQuote({ customerId: services.customer(0).id, quantity: 2 });
  plansMade += 1;
  const plan = await createPlan(services.database.prisma, services.shop.domain, { name: `late fee plan ${plansMade}`, config, actor: STAFF });
  return attachPlan(services.deps(), services.shop.domain, { draftOrderId, planId: plan.id, mode, actor: STAFF });
}

/** Moves the emulator's clock to `hour`:00 on a calendar date in the contract's zone. */
function moveTo(services: EmulatorServices, contract: StoredContract, date: CalendarDate, hour = 10): void {
  services.emulator.store.clock.advanceTo(new Date(startOfDayIn(date, contract.timeZone).getTime() + hour * 3_600_000));
}

function feeStages(contract: StoredContract): StoredStage[] {
  return contract.stages.filter((stage) => stage.kind === "lateFee");
}

function mainOrderOf(services: EmulatorServices, contract: StoredContract): Order {
  const order = services.shopState().orders.find((candidate) => candidate.id === contract.mainOrderId);
  if (!order) throw new Error(`contract ${contract.id} has no main order in the emulator`);
  return order;
}

function minor(services: EmulatorServices, amount: string): bigint {
  return toMinorUnits(amount, currencyFor(services.shop.currencyCode as string), "amount");
}

/** What the app's manual payments (its mirrors of money held elsewhere) put on the main order. */
function mirroredOn(services: EmulatorServices, order: Order): bigint {
  return order.transactions
    .filter((t) => t.manual && t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE"))
    .reduce((sum, t) => sum + minor(services, t.amount), 0n);
}

/** Money the main order received that is still held: successful sales and captures less refunds. */
function receivedOn(services: EmulatorServices, order: Order): bigint {
  const signed = order.transactions
    .filter((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE" || t.kind === "REFUND"))
    .map((t) => (t.kind === "REFUND" ? -minor(services, t.amount) : minor(services, t.amount)));
  return signed.reduce((sum, amount) => sum + amount, 0n);
}

/** A date as a fee's title says it in the buyer's language: "March 31, 2027", "31. März 2027". */
function inWords(date: CalendarDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** The unit prices of a draft order's lines, as the emulator holds them. */
function linePrices(services: EmulatorServices, draftId: string): string[] | undefined {
  return services
    .shopState()
    .draftOrders.find((draft) => draft.id === draftId)
    ?.lineItems.map((line) => line.originalUnitPrice);
}

function invoicesEmailedFor(services: EmulatorServices, draftId: string): number {
  return services.emulator.store.outbox.filter((email) => email.kind === "draft_order_invoice" && email.resourceId === draftId).length;
}

/** The stage-order contract with its deposit paid: the main order exists and the later stages are invoiced. */
async function depositPaid(services: EmulatorServices): Promise<StoredContract> {
  const attached = await attach(services, DEPOSIT_THEN_NET_30_60, "stageOrder");
  await services.payDraftInvoice(stageAt(attached, 1).stageDraftOrderId!);
  const active = await services.sync(attached.id);
  expect(active.status).toBe("active");
  expect(stageAt(active, 2).status).toBe("invoiced");
  return active;
}

describe("a fixed late fee in stage-order mode", () => {
  it(
    "is charged on the day it applies as a stage of its own, collected on its own draft, never mirrored to the main order",
    { timeout: SLOW_TEST_MS },
    async () => {
      const active = await depositPaid(basic);
      const second = stageAt(active, 2);
      const dueDate = second.dueDate as CalendarDate;
      const appliesFrom = addDays(dueDate, 6);
      expect(second.paymentTerms.lateFee).toEqual({ kind: "fixedFee", appliesFrom, fee: 25_00n });
      const mainTotal = minor(basic, mainOrderOf(basic, active).totalPrice);

      // The last day of grace: overdue, no fee yet, and the due sweep wakes the stage on the day the fee applies.
      moveTo(basic, active, addDays(dueDate, 5));
      const inGrace = await basic.sync(active.id);
      expect(stageAt(inGrace, 2).status).toBe("overdue");
      expect(feeStages(inGrace)).toEqual([]);
      expect(stageAt(inGrace, 2).nextActionAt).toEqual(startOfDayIn(appliesFrom, inGrace.timeZone));

      moveTo(basic, active, appliesFrom);
      const charged = await basic.sync(active.id);
      const [fee] = feeStages(charged);
      expect(feeStages(charged)).toHaveLength(1);
      expect(fee).toMatchObject({
        position: 1002,
        kind: "lateFee",
        lateFeeFor: 2,
        title: "Late fee on payment 2 of 3 (Second payment)",
        amountMinor: 25_00n,
        taxShares: [],
        issueDate: appliesFrom,
        dueDate: addDays(appliesFrom, LATE_FEE_PAYABLE_DAYS),
        status: "invoiced",
      });
      expect(fee!.invoiceNumber).not.toBeNull();
      const draft = basic.shopState().draftOrders.find((candidate) => candidate.id === fee!.stageDraftOrderId);
      expect(draft?.lineItems.map((line) => [line.title, line.originalUnitPrice, line.quantity, line.taxable])).toEqual([
        [`Late fee on payment 2 of 3 (Second payment), ${charged.sourceDraftName} (invoice ${fee!.invoiceNumber})`, "25.00", 1, false],
      ]);
      expect(invoicesEmailedFor(basic, fee!.stageDraftOrderId!)).toBe(1);

      // Syncing again, that day or later, never charges the fee twice.
      await basic.sync(active.id);
      moveTo(basic, active, addDays(appliesFrom, 3));
      const later = await basic.sync(active.id);
      expect(feeStages(later).map((stage) => stage.position)).toEqual([1002]);
      expect(await basic.database.prisma.auditLog.count({ where: { contractId: active.id, action: "stage.lateFeeCharged" } })).toBe(1);

      // The overdue stage paid, its fee not yet: the main order's terms move to the plan's next stage, not to the fee.
      await basic.payDraftInvoice(second.stageDraftOrderId!);
      const secondPaid = await basic.sync(active.id);
      expect(secondPaid.stages.map((stage) => [stage.position, stage.status])).toEqual([
        [1, "paid"],
        [2, "paid"],
        [3, "invoiced"],
        [1002, "invoiced"],
      ]);
      const termsDue = (order: Order) => order.paymentTerms?.schedules.map((schedule) => calendarDateAt(new Date(schedule.dueAt!), active.timeZone));
      expect(termsDue(mainOrderOf(basic, secondPaid))).toEqual([stageAt(secondPaid, 3).dueDate]);

      // The fee paid: recorded on the fee stage; the main order neither mirrors it nor owes less.
      const outstandingBefore = mainTotal - mirroredOn(basic, mainOrderOf(basic, later));
      await basic.payDraftInvoice(fee!.stageDraftOrderId!);
      const feePaid = await basic.sync(active.id);
      expect(stageAt(feePaid, 1002)).toMatchObject({ status: "paid", paidMinor: 25_00n });
      const feeEntries = (await listLedgerEntries(basic.database.prisma, basic.shop.domain, active.id)).filter((entry) => entry.stageId === fee!.id);
      expect(feeEntries.map((entry) => [entry.kind, entry.amountMinor])).toEqual([["payment", 25_00n]]);
      expect(mainTotal - mirroredOn(basic, mainOrderOf(basic, feePaid))).toBe(outstandingBefore);
      expect(feePaid.status).toBe("active");

      // The plan's last stage paid too: the main order holds exactly its total, and the contract completes.
      await basic.payDraftInvoice(stageAt(feePaid, 3).stageDraftOrderId!);
      const settled = await basic.sync(active.id);
      expect(settled.stages.map((stage) => [stage.position, stage.status])).toEqual([
        [1, "paid"],
        [2, "paid"],
        [3, "paid"],
        [1002, "paid"],
      ]);
      expect(settled.status).toBe("completed");
      const mainOrder = mainOrderOf(basic, settled);
      expect(mirroredOn(basic, mainOrder)).toBe(mainTotal);
      expect(receivedOn(basic, mainOrder)).toBe(mainTotal);

      // The books read from the database: the fee is late-fee income, with no tax.
      const feeJournal: JournalEntry[] = [];
      for await (const entry of journalEntriesThrough(basic.database.prisma, basic.shop.domain)) {
        if (entry.contractId === active.id && entry.stagePosition === 1002) feeJournal.push(entry);
      }
      expect(feeJournal.map((entry) => [entry.date, entry.kind, ...entry.lines.map((line) => [line.account, line.debitMinor, line.creditMinor])])).toEqual([
        [appliesFrom, "invoice", ["accountsReceivable", 25_00n, 0n], ["lateFeeIncome", 0n, 25_00n]],
        [addDays(appliesFrom, 3), "payment", ["cashClearing", 25_00n, 0n], ["accountsReceivable", 0n, 25_00n]],
      ]);

      // The fee refunded: from its own order, the main order untouched, and the books give back late-fee income.
      await refundContract(basic.deps(), basic.shop.domain, { contractId: active.id, amount: 25_00n, reason: "late fee waived", actor: STAFF });
      const waived = await basic.sync(active.id);
      expect(stageAt(waived, 1002)).toMatchObject({ status: "refunded", refundedMinor: 25_00n });
      const feeOrder = basic.shopState().orders.find((order) => order.id === stageAt(waived, 1002).stageOrderId);
      expect(feeOrder?.transactions.filter((t) => t.kind === "REFUND" && t.status === "SUCCESS").map((t) => t.amount)).toEqual(["25.00"]);
      expect(mainOrderOf(basic, waived).transactions.filter((t) => t.kind === "REFUND")).toEqual([]);
      expect(receivedOn(basic, mainOrderOf(basic, waived))).toBe(mainTotal);
      const refundLines: string[] = [];
      for await (const entry of journalEntriesThrough(basic.database.prisma, basic.shop.domain)) {
        if (entry.contractId === active.id && entry.kind === "refund")
          refundLines.push(...entry.lines.map((line) => `${line.account} ${line.debitMinor} ${line.creditMinor}`));
      }
      expect(refundLines).toEqual(["cashClearing 0 2500", "lateFeeIncome 2500 0"]);
    },
  );

  it("is never charged on a stage paid by the last day of grace", async () => {
    const active = await depositPaid(plus);
    const dueDate = stageAt(active, 2).dueDate as CalendarDate;

    moveTo(plus, active, addDays(dueDate, 5), 22);
    await plus.payDraftInvoice(stageAt(active, 2).stageDraftOrderId!);
    expect(stageAt(await plus.sync(active.id), 2).status).toBe("paid");

    for (const day of [6, 7, 20]) {
      moveTo(plus, active, addDays(dueDate, day));
      const later = await plus.sync(active.id);
      expect(later.status).toBe("active");
      expect(feeStages(later)).toEqual([]);
    }
  });

  it("unpaid when staff cancel the contract: its link is withdrawn and the books credit it back against late-fee income", async () => {
    const active = await depositPaid(plus);
    moveTo(plus, active, addDays(stageAt(active, 2).dueDate as CalendarDate, 6));
    const fee = stageAt(await plus.sync(active.id), 1002);
    expect(fee.status).toBe("invoiced");

    await cancelContract(plus.deps(), plus.shop.domain, { contractId: active.id, settlement: { settlement: "close" }, actor: STAFF });
    const cancelled = await plus.sync(active.id);
    expect(stageAt(cancelled, 1002).status).toBe("cancelled");
    expect(plus.shopState().draftOrders.some((draft) => draft.id === fee.stageDraftOrderId)).toBe(false);
    const feeJournal: string[][] = [];
    for await (const entry of journalEntriesThrough(plus.database.prisma, plus.shop.domain)) {
      if (entry.contractId === active.id && entry.stagePosition === 1002)
        feeJournal.push([entry.kind, ...entry.lines.map((line) => `${line.account} ${line.debitMinor} ${line.creditMinor}`)]);
    }
    expect(feeJournal).toEqual([
      ["invoice", "accountsReceivable 2500 0", "lateFeeIncome 0 2500"],
      ["cancellationCredit", "lateFeeIncome 2500 0", "accountsReceivable 0 2500"],
    ]);
  });
});

describe("a late fee staff waive", () => {
  it("is no longer asked for: its link is withdrawn, the books take it back, and the contract completes without it", async () => {
    const active = await depositPaid(plus);
    const dueDate = stageAt(active, 2).dueDate as CalendarDate;
    moveTo(plus, active, addDays(dueDate, 6));
    const fee = stageAt(await plus.sync(active.id), 1002);
    expect(fee.status).toBe("invoiced");

    moveTo(plus, active, addDays(dueDate, 8));
    await waiveLateFee(plus.deps(), plus.shop.domain, { contractId: active.id, position: 1002, reason: "first time late", actor: STAFF });
    const waived = await plus.sync(active.id);
    expect(stageAt(waived, 1002)).toMatchObject({ status: "cancelled", waivedOn: addDays(dueDate, 8) });
    expect(plus.shopState().draftOrders.some((draft) => draft.id === fee.stageDraftOrderId)).toBe(false);
    // Waived once: a second waiver, or one of a plan's payment, is refused in words.
    await expect(waiveLateFee(plus.deps(), plus.shop.domain, { contractId: active.id, position: 1002, reason: "again", actor: STAFF })).rejects.toThrow(
      "stage 1002 is cancelled",
    );
    await expect(waiveLateFee(plus.deps(), plus.shop.domain, { contractId: active.id, position: 2, reason: "no", actor: STAFF })).rejects.toThrow(
      "only a late fee can be waived",
    );

    // The plan's stages paid: the contract completes though the fee was never paid, and no second fee is charged.
    await plus.payDraftInvoice(stageAt(waived, 2).stageDraftOrderId!);
    moveTo(plus, active, stageAt(waived, 3).dueDate as CalendarDate);
    const third = await plus.sync(active.id);
    await plus.payDraftInvoice(stageAt(third, 3).stageDraftOrderId!);
    const done = await plus.sync(active.id);
    expect(done.status).toBe("completed");
    expect(feeStages(done)).toHaveLength(1);
    const feeJournal: string[][] = [];
    for await (const entry of journalEntriesThrough(plus.database.prisma, plus.shop.domain)) {
      if (entry.contractId === active.id && entry.stagePosition === 1002)
        feeJournal.push([entry.date, entry.kind, ...entry.lines.map((line) => `${line.account} ${line.debitMinor} ${line.creditMinor}`)]);
    }
    expect(feeJournal).toEqual([
      [addDays(dueDate, 6), "invoice", "accountsReceivable 2500 0", "lateFeeIncome 0 2500"],
      [addDays(dueDate, 8), "lateFeeWaived", "lateFeeIncome 2500 0", "accountsReceivable 0 2500"],
    ]);
  });
});

describe("a fixed late fee in native mode", () => {
  it("is asked for by its own stage draft's link, never charged on the saved card nor put on the main order", async () => {
    const attached = await attach(plus, DEPOSIT_THEN_NET_30, "native");
    // The buyer pays the deposit at checkout and saves a card, which then declines every charge of the balance.
    const depositInvoice = plus.emulator.store.outbox
      .filter((email) => email.kind === "draft_order_invoice" && email.resourceId === attached.sourceDraftOrderId)
      .at(-1);
    const paidDeposit = await payEmailedLink(plus.emulator.url, depositInvoice!.url!, { card: "approve", saveCard: true, savedCardOutcome: "decline" });
    expect(paidDeposit.ok).toBe(true);
    const active = await plus.sync(attached.id);
    expect(active.status).toBe("active");
    expect(plus.shopState().mandates).toHaveLength(1);
    const balance = stageAt(active, 2);
    const dueDate = balance.dueDate as CalendarDate;
    const appliesFrom = addDays(dueDate, 6);

    // Three charges on the card, each declined; then the balance is asked for by link.
    let chargeAt = new Date(startOfDayIn(dueDate, active.timeZone).getTime() + 10 * 3_600_000);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      plus.emulator.store.clock.advanceTo(chargeAt);
      await plus.sync(active.id);
      // Shopify's mandate payment job runs as time moves on; its declined transaction reaches the next sync.
      plus.emulator.store.clock.advanceTo(new Date(chargeAt.getTime() + 60_000));
      const declined = stageAt(await plus.sync(active.id), 2);
      expect(declined.attempts).toBe(attempt);
      if (declined.nextAttemptAt) chargeAt = new Date(declined.nextAttemptAt.getTime() + 60_000);
    }
    const mandatePayments = plus.shopState().mandatePayments.length;
    expect(mandatePayments).toBe(3);
    moveTo(plus, active, addDays(dueDate, 5));
    const linked = await plus.sync(active.id);
    expect(stageAt(linked, 2).stageDraftOrderId).not.toBeNull();
    expect(feeStages(linked)).toEqual([]);

    // The card would now be approved: the fee still goes out by link only.
    for (const mandate of plus.shopState().mandates) mandate.outcome = "approve";
    moveTo(plus, active, appliesFrom);
    const charged = await plus.sync(active.id);
    const fee = stageAt(charged, 1002);
    expect(fee).toMatchObject({ kind: "lateFee", lateFeeFor: 2, amountMinor: 25_00n, taxShares: [], status: "invoiced", attempts: 0, chargeKey: null });
    expect(fee.stageDraftOrderId).not.toBeNull();
    expect(linePrices(plus, fee.stageDraftOrderId!)).toEqual(["25.00"]);
    expect(invoicesEmailedFor(plus, fee.stageDraftOrderId!)).toBe(1);
    plus.emulator.store.clock.advanceTo(new Date(startOfDayIn(appliesFrom, active.timeZone).getTime() + 11 * 3_600_000));
    await plus.sync(active.id);
    expect(plus.shopState().mandatePayments).toHaveLength(mandatePayments);

    const mainTotal = minor(plus, mainOrderOf(plus, charged).totalPrice);
    const receivedBefore = receivedOn(plus, mainOrderOf(plus, charged));
    await plus.payDraftInvoice(fee.stageDraftOrderId!);
    const feePaid = await plus.sync(active.id);
    expect(stageAt(feePaid, 1002)).toMatchObject({ status: "paid", paidMinor: 25_00n });
    expect(receivedOn(plus, mainOrderOf(plus, feePaid))).toBe(receivedBefore);

    await plus.payDraftInvoice(stageAt(feePaid, 2).stageDraftOrderId!);
    const settled = await plus.sync(active.id);
    expect(settled.status).toBe("completed");
    const mainOrder = mainOrderOf(plus, settled);
    // The main order received its own total and not a cent of the fee, by checkout, mirror or card.
    expect(receivedOn(plus, mainOrder)).toBe(mainTotal);
    expect(mainOrder.transactions.some((t) => t.status === "SUCCESS" && t.mandateId !== undefined)).toBe(false);
    expect(plus.shopState().mandatePayments).toHaveLength(mandatePayments);
  });
});

describe("a fixed late fee on a stage partly paid offline", () => {
  it("is capped at what the stage owed at the end of grace, and its own offline payment is never mirrored to the main order", async () => {
    const attached = await attach(plus, DEPOSIT_THEN_NET_30, "native");
    await plus.payDraftInvoice(attached.sourceDraftOrderId);
    const active = await plus.sync(attached.id);
    const balance = stageAt(active, 2);
    const dueDate = balance.dueDate as CalendarDate;
    const appliesFrom = addDays(dueDate, 6);
    const mainTotal = minor(plus, mainOrderOf(plus, active).totalPrice);

    // In grace, staff record a wire for all but 10.00 of the balance: the main order mirrors it (Plus takes part payments).
    moveTo(plus, active, addDays(dueDate, 3));
    await plus.sync(active.id);
    const wire = { contractId: active.id, method: "Wire transfer", receivedOn: addDays(dueDate, 3), actor: STAFF };
    await recordOfflinePayment(plus.deps(), plus.shop.domain, { ...wire, position: 2, amount: balance.amountMinor - 10_00n, key: crypto.randomUUID() });
    const partlyPaid = await plus.sync(active.id);
    expect(stageAt(partlyPaid, 2).paidMinor).toBe(balance.amountMinor - 10_00n);
    const receivedBefore = receivedOn(plus, mainOrderOf(plus, partlyPaid));
    expect(receivedBefore).toBe(mainTotal - 10_00n);

    moveTo(plus, active, appliesFrom);
    const charged = await plus.sync(active.id);
    const fee = stageAt(charged, 1002);
    expect(fee).toMatchObject({ kind: "lateFee", amountMinor: 10_00n, status: "invoiced" });
    expect(linePrices(plus, fee.stageDraftOrderId!)).toEqual(["10.00"]);

    // The fee paid by cheque: the fee stage is paid, its link withdrawn, and the main order shows nothing of it.
    await recordOfflinePayment(plus.deps(), plus.shop.domain, {
      ...wire,
      method: "Cheque",
      receivedOn: appliesFrom,
      position: 1002,
      amount: 10_00n,
      key: crypto.randomUUID(),
    });
    const feePaid = await plus.sync(active.id);
    expect(stageAt(feePaid, 1002)).toMatchObject({ status: "paid", paidMinor: 10_00n });
    expect(plus.shopState().draftOrders.some((draft) => draft.id === fee.stageDraftOrderId)).toBe(false);
    expect(receivedOn(plus, mainOrderOf(plus, feePaid))).toBe(receivedBefore);
    expect(feePaid.status).toBe("active");

    await plus.payDraftInvoice(stageAt(feePaid, 2).stageDraftOrderId!);
    const settled = await plus.sync(active.id);
    expect(settled.status).toBe("completed");
    expect(receivedOn(plus, mainOrderOf(plus, settled))).toBe(mainTotal);

    // The fee waived after all: given back the way it came (outside Shopify), never out of the main order's mirrors.
    await refundContract(plus.deps(), plus.shop.domain, { contractId: active.id, amount: 10_00n, reason: "late fee waived", actor: STAFF });
    const waived = await plus.sync(active.id);
    expect(stageAt(waived, 1002)).toMatchObject({ status: "refunded", refundedMinor: 10_00n });
    const refunds = (await listLedgerEntries(plus.database.prisma, plus.shop.domain, active.id)).filter((entry) => entry.kind === "refund");
    expect(refunds.map((entry) => [entry.stageId, entry.amountMinor, isRefundOutsideShopify(entry.shopifyRef)])).toEqual([[fee.id, 10_00n, true]]);
    const mainOrder = mainOrderOf(plus, waived);
    expect(mainOrder.transactions.filter((t) => t.kind === "REFUND")).toEqual([]);
    expect(receivedOn(plus, mainOrder)).toBe(mainTotal);
    expect(waived.status).toBe("completed");
  });
});

describe("interest on a late payment", () => {
  it("is charged when the payment is recorded, counted through the day of the payment that settled the stage", async () => {
    const attached = await attach(plus, THOUSAND_WITH_INTEREST, "stageOrder");
    // The Plus shop's buyer reads German: the fee's title is in her language.
    expect(attached.buyerLocale).toBe("de");
    const invoiced = await plus.sync(attached.id);
    const first = stageAt(invoiced, 1);
    expect(first.amountMinor).toBe(1_000_00n);
    const dueDate = first.dueDate as CalendarDate;
    const appliesFrom = addDays(dueDate, 1);

    // Overdue and accruing: interest is shown, not charged, while the stage still owes.
    moveTo(plus, invoiced, addDays(dueDate, 5));
    const accruing = await plus.sync(attached.id);
    expect(stageAt(accruing, 1).status).toBe("overdue");
    expect(feeStages(accruing)).toEqual([]);

    // Paid on the 11th day after the due date: 1,000.00 owed at the end of each of the 10 days before,
    // 1,000.00 × 1.5% × 10 / 30 = 5.00.
    const paidOn = addDays(dueDate, 11);
    moveTo(plus, invoiced, paidOn);
    await plus.payDraftInvoice(first.stageDraftOrderId!);
    const charged = await plus.sync(attached.id);
    expect(stageAt(charged, 1).status).toBe("paid");
    expect(feeStages(charged)).toEqual([
      expect.objectContaining({
        position: 1001,
        kind: "lateFee",
        lateFeeFor: 1,
        title: `Verzugszinsen für Zahlung 1 von 2 (First payment), ${inWords(appliesFrom, "de")} bis ${inWords(paidOn, "de")}`,
        amountMinor: 5_00n,
        taxShares: [],
        issueDate: paidOn,
        status: "invoiced",
      }),
    ]);
    const fee = stageAt(charged, 1001);
    expect(linePrices(plus, fee.stageDraftOrderId!)).toEqual(["5.00"]);
    expect(invoicesEmailedFor(plus, fee.stageDraftOrderId!)).toBe(1);

    // Charged once, whatever the days after bring.
    moveTo(plus, invoiced, addDays(paidOn, 4));
    expect(feeStages(await plus.sync(attached.id)).map((stage) => [stage.position, stage.amountMinor])).toEqual([[1001, 5_00n]]);
  });
});
