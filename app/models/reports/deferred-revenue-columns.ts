import type { RollForwardRow } from "../../services/books/deferred-revenue.server";

/** The roll-forward's figures in the order the page's table and the CSV show them, each with its heading. */
export const DEFERRED_REVENUE_COLUMNS = [
  { key: "openingMinor", label: "Opening deferred revenue" },
  { key: "invoicedBeforeShippingMinor", label: "Invoiced before shipping" },
  { key: "recognisedOnShippingMinor", label: "Recognised on shipping" },
  { key: "recognisedOnCancellationMinor", label: "Recognised on cancellation" },
  { key: "refundsAndCreditsMinor", label: "Refunds and credits" },
  { key: "movedToCustomerCreditMinor", label: "Moved to customer credit" },
  { key: "closingMinor", label: "Closing deferred revenue" },
  { key: "revenueRecognisedMinor", label: "Revenue recognised" },
] as const satisfies readonly { key: keyof RollForwardRow; label: string }[];
