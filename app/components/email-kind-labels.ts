import type { BuyerEmailKind } from "../domain/documents/buyer-email";

/** Each kind of buyer email as staff read it, on the settings page and a contract's list of emails. */
export const EMAIL_KIND_LABELS: Readonly<Record<BuyerEmailKind, string>> = {
  stageInvoice: "Stage invoice (the payment link)",
  reminder: "Reminder",
  overdue: "Overdue notice",
  paymentReceived: "Payment received",
  chargeUpcoming: "Upcoming card charge",
  chargeReceipt: "Card charge receipt",
  chargeDeclined: "Card declined",
  scheduleChanged: "Schedule changed",
  contractCancelled: "Contract cancelled",
  refundIssued: "Refund issued",
};
