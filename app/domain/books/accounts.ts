import type { AccountKey } from "./journal-types";

/** An account of the merchant's chart of accounts, as their accounting system knows it. */
export interface AccountRef {
  readonly code: string;
  readonly name: string;
}

/** What an account is called until the merchant maps it to their own chart. */
export const DEFAULT_ACCOUNTS: Readonly<Record<AccountKey, AccountRef>> = {
  cashClearing: { code: "1210", name: "Shopify clearing" },
  accountsReceivable: { code: "1200", name: "Accounts receivable" },
  contractLiability: { code: "2400", name: "Customer deposits (deferred revenue)" },
  revenue: { code: "4000", name: "Sales" },
  salesReturns: { code: "4010", name: "Refunds" },
  salesDiscounts: { code: "4020", name: "Early-payment discounts" },
  lateFeeIncome: { code: "4900", name: "Late fees and interest" },
  taxPayable: { code: "2200", name: "Sales tax payable" },
  customerCredit: { code: "2410", name: "Customer credit" },
};

/** What each account holds, in the words the settings page shows beside it. */
export const ACCOUNT_PURPOSES: Readonly<Record<AccountKey, string>> = {
  cashClearing: "Money received and refunded through Shopify or recorded offline, until it reaches the bank",
  accountsReceivable: "Invoiced stages the customer has not paid yet",
  contractLiability: "Invoiced before the goods ship: a liability until revenue is recognised on shipping",
  revenue: "Sales recognised when the goods ship, or kept on a cancellation",
  salesReturns: "Refunds and credits after the goods shipped",
  salesDiscounts: "Early-payment discounts granted after the goods shipped (before, they reduce the deferred revenue)",
  lateFeeIncome: "Late fees and interest charged on overdue stages, earned when charged (no tax)",
  taxPayable: "Tax collected on each stage, one line per tax title",
  customerCredit: "Money a cancelled contract kept as credit for the customer",
};

export interface AccountMappingRow {
  readonly account: AccountKey;
  /** For tax payable only: the tax title this row is for; "" for every tax title without its own row. */
  readonly taxTitle: string;
  readonly code: string;
  readonly name: string;
}

/** Resolves an account (and a tax line's title) to the merchant's account: their row for the title, theirs for the account, else the default. */
export type AccountChart = (account: AccountKey, taxTitle?: string) => AccountRef;

export function accountChartOf(rows: readonly AccountMappingRow[]): AccountChart {
  const byKey = new Map(rows.map((row) => [`${row.account}\u0000${row.taxTitle}`, { code: row.code, name: row.name }]));
  return (account, taxTitle) =>
    (taxTitle !== undefined ? byKey.get(`${account}\u0000${taxTitle}`) : undefined) ?? byKey.get(`${account}\u0000`) ?? DEFAULT_ACCOUNTS[account];
}
