import { describe, expect, it } from "vitest";

import { stageProblemWords } from "../../../app/locale/stage-problem-words";

describe("a parked stage's reason in staff's words", () => {
  it.each([
    ["Shopify refused DraftOrderComplete: This order has been paid", "Shopify refused the last step for it, saying “This order has been paid”."],
    [
      "Shopify refused OrderInvoiceSend: OrderInvoiceSend: gid://shopify/Order/12 is closed",
      "Shopify refused the last step for it, saying “the order is closed”.",
    ],
    ["DraftOrderCreate: Customer email is invalid", "Customer email is invalid."],
    ["gid://shopify/DraftOrder/7 is gone", "the draft order is gone."],
  ])("%s", (reason, words) => {
    expect(stageProblemWords(reason)).toBe(words);
  });
});
