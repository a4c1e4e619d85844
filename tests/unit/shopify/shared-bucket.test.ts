import { describe, expect, it } from "vitest";
import { ANSWER_POLL_MS, reservationRetryMs } from "../../../app/shopify/shared-bucket";

const standard = { capacity: 2000, restoreRate: 100 };

describe("reservationRetryMs", () => {
  it.each([
    { case: "an empty bucket waits cost / restore rate", refused: { ...standard, free: 0, inFlight: 0 }, cost: 10, wait: 100 },
    { case: "a part-full bucket waits for the shortfall", refused: { ...standard, free: 4, inFlight: 0 }, cost: 10, wait: 60 },
    { case: "a bucket below zero waits to climb back", refused: { ...standard, free: -50, inFlight: 20 }, cost: 10, wait: 600 },
    { case: "a shortfall of a fraction of a point waits a whole millisecond", refused: { ...standard, free: 9.99, inFlight: 0 }, cost: 10, wait: 1 },
    { case: "Plus restores ten times faster", refused: { capacity: 20_000, restoreRate: 1000, free: 0, inFlight: 0 }, cost: 100, wait: 100 },
    { case: "a call above the bucket's size waits for a full one", refused: { ...standard, free: 1000, inFlight: 0 }, cost: 5000, wait: 10_000 },
    { case: "room that only answers can free is looked at again soon", refused: { ...standard, free: 5, inFlight: 1995 }, cost: 10, wait: ANSWER_POLL_MS },
    {
      case: "a call above the bucket's size waits for the calls in flight",
      refused: { ...standard, free: 1990, inFlight: 10 },
      cost: 5000,
      wait: ANSWER_POLL_MS,
    },
    { case: "the unknown bucket restores at its guessed rate", refused: { capacity: 50, restoreRate: 50, free: 5, inFlight: 20 }, cost: 10, wait: 100 },
  ])("$case", ({ refused, cost, wait }) => {
    expect(reservationRetryMs(refused, cost)).toBe(wait);
  });
});
