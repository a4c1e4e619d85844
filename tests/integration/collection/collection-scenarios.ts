import type { ExpectStatic } from "vitest";

import { addDays, dayOfMonth } from "../../../app/domain/dates/calendar-date";
import { stageAt, type CollectionHarness, type EndState } from "./collection-harness";

/**
 * What staff and the buyer do in each preset's run, shared by the runs of one process topology
 * (monthly-4.test.ts, deposit-30-50-20-net30.test.ts) and the runs on several web and worker processes
 * (multi-instance.test.ts).
 */

/** 30% at checkout, 50% before shipping (held until paid), 20% net 30 after fulfilment; each paid from its link. */
export async function depositBeforeShippingNet30(h: CollectionHarness, expect: ExpectStatic): Promise<EndState> {
  const plan = await h.createPresetPlan();
  await h.attach(await h.createQuote(), plan.id);
  await h.payStage(1);
  await h.settle("deposit paid");
  expect(await h.fulfillmentState()).toEqual([{ status: "ON_HOLD", holds: ["AWAITING_PAYMENT"] }]);

  await h.markMilestone("Ready to ship");
  await h.settle("marked ready to ship");
  await h.payStage(2);
  await h.settle("pre-shipping payment made");
  expect(await h.fulfillmentState()).toEqual([{ status: "OPEN", holds: [] }]);

  expect(await h.fulfillMainOrder()).toEqual([]);
  const fulfilledOn = h.today();
  await h.settle("order fulfilled");
  const balance = stageAt(await h.contract(), 3);
  expect(balance.dueDate).toBe(addDays(fulfilledOn, 30));
  await h.advanceToDate(balance.dueDate!);
  await h.settle("balance due");
  await h.payStage(3);
  await h.settle("balance paid");
  return h.endState({ declines: 0 });
}

/** Four monthly payments charged to the card saved at checkout; the second is declined once and retried. */
export async function monthlyOnSavedCard(h: CollectionHarness, expect: ExpectStatic): Promise<EndState> {
  const plan = await h.createPresetPlan();
  await h.attach(await h.createQuote(), plan.id);
  await h.payStage(1, { saveCard: true });
  await h.settle("first payment made, card saved");

  h.setSavedCardOutcome("decline");
  await h.advanceToDate(stageAt(await h.contract(), 2).dueDate!);
  await h.settle("second payment due, card declines");
  const declined = stageAt(await h.contract(), 2);
  expect(declined.status).toBe("failed");
  expect(declined.nextAttemptAt).not.toBeNull();
  const [decline] = h.transactions("FAILURE");
  expect(h.transactions("FAILURE")).toHaveLength(1);

  h.setSavedCardOutcome("approve");
  await h.advanceTo(new Date(declined.nextAttemptAt!.getTime() + 60_000));
  await h.settle("declined payment retried");
  expect(stageAt(await h.contract(), 2).status).toBe("paid");
  const cardCharges = h.transactions("SUCCESS").filter((transaction) => transaction.mandateId);
  expect(cardCharges).toHaveLength(1);
  expect(cardCharges[0]!.createdAt > decline!.createdAt).toBe(true);

  for (const position of [3, 4]) {
    await h.advanceToDate(stageAt(await h.contract(), position).dueDate!);
    await h.settle(`payment ${position} due`);
    expect(stageAt(await h.contract(), position).status).toBe("paid");
  }
  return h.endState({ declines: 1 });
}

/**
 * How long issuing a stage may take: its link is made and emailed by the worker, which in a chaos run may be killed
 * holding the contract's lock and then wait out the lock and the job's backoff, where a buyer's payment only needs a sync.
 */
const ISSUE_SETTLE_MS = 240_000;

/**
 * Nothing at checkout: the draft is completed into the main order at attach, on payment terms due on stage 1's date,
 * and every stage, the first included, is paid from its emailed link on its date; the terms follow the next unpaid stage.
 */
export async function nothingAtCheckout(h: CollectionHarness, expect: ExpectStatic): Promise<EndState> {
  // Ordered on a 15th, the first of "4 payments on the 15th" would be due at checkout: this run is about the other days.
  if (dayOfMonth(h.today()) === 15) await h.advanceToDate(addDays(h.today(), 1));
  const plan = await h.createPresetPlan();
  const attached = await h.attach(await h.createQuote(), plan.id);
  expect(attached.status).toBe("active");
  expect(attached.firstStageAtCheckout).toBe(false);
  expect(attached.mainOrderId).not.toBeNull();
  expect(h.state().draftOrders.map((draft) => draft.status)).toEqual(["COMPLETED"]);
  const first = stageAt(attached, 1);
  expect(first.dueDate! > h.today()).toBe(true);
  expect(await h.mainOrderTerms()).toEqual({ type: "FIXED", dueDate: first.dueDate });
  await h.settle("attached on payment terms", ISSUE_SETTLE_MS);

  const stages = (await h.contract()).stages;
  for (const stage of stages) {
    if (stage.issueDate! > h.today()) {
      await h.advanceToDate(stage.issueDate!);
      await h.settle(`stage ${stage.position} issued`, ISSUE_SETTLE_MS);
    }
    expect(stageAt(await h.contract(), stage.position).status).toBe("invoiced");
    await h.payStage(stage.position);
    await h.settle(`stage ${stage.position} paid`);
    expect(stageAt(await h.contract(), stage.position).status).toBe("paid");
    const following = stages.find((later) => later.position === stage.position + 1);
    if (following) expect((await h.mainOrderTerms())?.dueDate).toBe(following.dueDate);
  }
  return h.endState({ declines: 0 });
}
