import { describe, expect, it } from "vitest";

import { currencyChoiceProblem, mixedCurrencyWords } from "../../../app/services/accounting-export/export-formats";

describe("choosing a currency for an accounting export", () => {
  it("asks for one currency for a format without a currency column when the shop has several", () => {
    expect(currencyChoiceProblem("xero-journals", "", ["JPY", "USD"])).toBe(
      "Xero: manual journals has no currency column: choose one of JPY, USD and export each currency on its own",
    );
    expect(currencyChoiceProblem("quickbooks-invoices", "", ["EUR", "USD"])).toMatch(/^QuickBooks Online: invoices has no currency column/);
  });

  it("lets every currency through when the file says each line's currency, or the shop has one, or one is chosen", () => {
    expect(currencyChoiceProblem("journal", "", ["JPY", "USD"])).toBeUndefined();
    expect(currencyChoiceProblem("xero-invoices", "", ["JPY", "USD"])).toBeUndefined();
    expect(currencyChoiceProblem("quickbooks-journal", "", ["USD"])).toBeUndefined();
    expect(currencyChoiceProblem("quickbooks-journal", "JPY", ["JPY", "USD"])).toBeUndefined();
  });

  it("names the currencies the server found and the way out", () => {
    expect(mixedCurrencyWords("quickbooks-journal", ["EUR", "JPY", "USD"])).toBe(
      "QuickBooks Online: journal entries has no currency column, and this range has entries in EUR, JPY and USD: " +
        "choose one currency (the one your books are kept in) and export each currency on its own.",
    );
  });
});
