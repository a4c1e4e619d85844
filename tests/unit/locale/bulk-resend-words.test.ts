import { describe, expect, it } from "vitest";

import { describeBulkResend } from "../../../app/locale/bulk-resend-words";

const outcome = (name: string, sent: number[], failed: number[] = []) => ({
  contractId: `id-${name}`,
  name,
  sent,
  failed: failed.map((position) => ({ position, error: "Shopify answered 503" })),
});

describe("describeBulkResend", () => {
  it.each([
    [[outcome("#D1", [1])], "success", "Links resent for 1 contract."],
    [
      [outcome("#D1", [1, 2]), outcome("#D2", [3]), outcome("#D3", [2]), outcome("#D4", [])],
      "success",
      "Links resent for 3 contracts; 1 had no open stage to send.",
    ],
    [[outcome("#D1", []), outcome("#D2", [])], "warning", "No links resent: the 2 contracts have no open stage to send."],
    [[outcome("#D1", [], [1]), outcome("#D2", [], [2])], "critical", "Sending failed for #D1 and #D2: open each to try again."],
    [
      [outcome("#D1", [1], [2]), outcome("#D2", [])],
      "warning",
      "Links resent for 1 contract; 1 had no open stage to send; sending failed for #D1: open it to try again.",
    ],
    [
      Array.from({ length: 7 }, (_, index) => outcome(`#D${index + 1}`, [], [1])),
      "critical",
      "Sending failed for #D1, #D2, #D3, #D4, #D5 and 2 more: open each to try again.",
    ],
    [[], "warning", "Select the contracts whose payment links to resend."],
  ] as const)("case %#: says what happened to every contract", (outcomes, tone, message) => {
    expect(describeBulkResend(outcomes, "en-US")).toEqual({ tone, message });
  });

  it("counts in the shop's locale", () => {
    const many = Array.from({ length: 1_200 }, (_, index) => outcome(`#D${index}`, [1]));
    expect(describeBulkResend(many, "de-DE").message).toBe("Links resent for 1.200 contracts.");
  });
});
