import { describe, expect, it } from "vitest";
import { moneyHeld, moneyReceived } from "../../../app/domain/contract/stage-money";

describe("a stage's money", () => {
  it.each([
    ["paid in full, no discount", { paidMinor: 1_000n, discountMinor: 0n, refundedMinor: 0n }, 1_000n, 1_000n],
    ["980 paid in time, 20 let off", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 0n }, 980n, 980n],
    ["the same, 500 refunded", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 500n }, 980n, 480n],
    ["all its money refunded: the discount is nothing to give back", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 980n }, 980n, 0n],
  ])("%s", (_name, stage, received, held) => {
    expect(moneyReceived(stage)).toBe(received);
    expect(moneyHeld(stage)).toBe(held);
  });
});
