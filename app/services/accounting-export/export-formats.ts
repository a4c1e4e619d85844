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
