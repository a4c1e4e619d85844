import { describe, expect, it } from "vitest";
import { ThrottlePacer, UNKNOWN_BUCKET_POLL_MS, type ThrottleStatus } from "../../../app/shopify/throttle-pacer";

const standard = (currentlyAvailable: number): ThrottleStatus => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

/** A pacer that saw `status` at t=0 ms, with calls of the given costs in flight. */
function pacer(status: ThrottleStatus | undefined, inFlight: number[] = []): ThrottlePacer {
  const paced = new ThrottlePacer();
  if (status) {
    paced.start(0);
    paced.finish(0, status, 0);
  }
  for (const cost of inFlight) paced.start(cost);
  return paced;
}

describe("ThrottlePacer.delayBefore", () => {
  it.each([
    { case: "a full bucket sends at once", status: standard(2000), inFlight: [], cost: 10, now: 0, delay: 0 },
    { case: "exactly enough sends at once", status: standard(10), inFlight: [], cost: 10, now: 0, delay: 0 },
    { case: "an empty bucket waits cost / restore rate", status: standard(0), inFlight: [], cost: 10, now: 0, delay: 100 },
    { case: "a part-full bucket waits for the shortfall", status: standard(4), inFlight: [], cost: 10, now: 0, delay: 60 },
    { case: "time since the status counts as restored", status: standard(0), inFlight: [], cost: 10, now: 60, delay: 40 },
    { case: "restoring stops at the bucket's size", status: standard(1990), inFlight: [30], cost: 50, now: 60_000, delay: 0 },
    { case: "calls in flight hold their cost", status: standard(100), inFlight: [50, 50], cost: 10, now: 0, delay: 100 },
    { case: "in-flight cost beyond the bucket waits longer", status: standard(0), inFlight: [10, 10], cost: 10, now: 0, delay: 300 },
    {
      case: "Plus restores ten times faster",
      status: { maximumAvailable: 20_000, currentlyAvailable: 0, restoreRate: 1000 },
      inFlight: [],
      cost: 100,
      now: 0,
      delay: 100,
    },
    { case: "a call above the bucket's size waits for a full bucket", status: standard(1000), inFlight: [], cost: 5000, now: 0, delay: 10_000 },
  ])("$case", ({ status, inFlight, cost, now, delay }) => {
    expect(pacer(status, inFlight).delayBefore(cost, now)).toBe(delay);
  });

  it("sends the first call at once and makes the others wait for its status while the bucket is unknown", () => {
    const unknown = new ThrottlePacer();
    expect(unknown.delayBefore(10, 0)).toBe(0);
    unknown.start(10);
    expect(unknown.delayBefore(10, 0)).toBe(UNKNOWN_BUCKET_POLL_MS);
    unknown.finish(10, standard(1990), 5);
    expect(unknown.delayBefore(10, 5)).toBe(0);
  });

  it("a failure without a status releases the reservation and keeps the last status", () => {
    const paced = pacer(standard(10), [10]);
    expect(paced.delayBefore(10, 0)).toBe(100);
    paced.finish(10, undefined, 0);
    expect(paced.inFlight).toEqual({ calls: 0, cost: 0 });
    expect(paced.delayBefore(10, 0)).toBe(0);
  });

  it("a THROTTLED answer's status replaces the model", () => {
    const paced = pacer(standard(2000));
    paced.start(10);
    paced.finish(10, standard(3), 1000);
    expect(paced.estimatedAvailable(1000)).toBe(3);
    expect(paced.delayBefore(10, 1000)).toBe(70);
  });
});
