import type { ExpectStatic } from "vitest";

import { addDays } from "../../../app/domain/dates/calendar-date";
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
