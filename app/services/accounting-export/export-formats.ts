/** The accounting export's formats, as the exports page offers them and the download route takes them. */
export const EXPORT_FORMATS = ["journal", "quickbooks-journal", "quickbooks-invoices", "xero-journals", "xero-invoices"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, { readonly title: string; readonly description: string }>> = {
  journal: {
    title: "Journal (CSV)",
    description: "Every journal line with its account code and name, debit and credit: for any accounting system or a spreadsheet.",
  },
  "quickbooks-journal": {
    title: "QuickBooks Online: journal entries",
    description: "Settings → Import data → Journal entries. Accounts by name; turn account numbers off while importing.",
  },
  "quickbooks-invoices": {
    title: "QuickBooks Online: invoices",
    description: "Settings → Import data → Invoices. One invoice per stage; tax on lines of its own.",
  },
  "xero-journals": {
    title: "Xero: manual journals",
    description: "Manual journals → Import. At most 300 lines a file: a longer export comes as a zip of files.",
  },
  "xero-invoices": { title: "Xero: sales invoices", description: "Sales → Invoices → Import. At most 500 invoices a file: more come as a zip of files." },
};

/**
 * The formats whose files have no currency column (QuickBooks' journal and invoice imports, Xero's manual journal):
 * an amount in them is read in the books' home currency, so one file must hold one currency.
 */
export const SINGLE_CURRENCY_FORMATS: readonly ExportFormat[] = ["quickbooks-journal", "quickbooks-invoices", "xero-journals"];

/** Why an export of several currencies into a single-currency format is refused, and what to do instead. */
export function mixedCurrencyWords(format: ExportFormat, currencies: readonly string[]): string {
  return (
    `${EXPORT_FORMAT_LABELS[format].title} has no currency column, and this range has entries in ${listed(currencies)}: ` +
    "choose one currency (the one your books are kept in) and export each currency on its own."
  );
}

/**
 * What the exports page says before downloading a single-currency format for every currency of a shop whose contracts
 * are in several (`shopCurrencies`); undefined when the choice is fine.
 */
export function currencyChoiceProblem(format: ExportFormat, currency: string, shopCurrencies: readonly string[]): string | undefined {
  if (currency !== "" || shopCurrencies.length < 2 || !SINGLE_CURRENCY_FORMATS.includes(format)) return undefined;
  return `${EXPORT_FORMAT_LABELS[format].title} has no currency column: choose one of ${shopCurrencies.join(", ")} and export each currency on its own`;
}

/** "EUR, JPY and USD". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
