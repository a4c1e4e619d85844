import type { BuyerStageState, MessageLocale } from "../domain/documents/buyer-document";

/** A stage's state as the buyer reads it, the same in emails, PDFs and the portal. */
export const STAGE_STATE_WORDS: Readonly<Record<MessageLocale, Readonly<Record<BuyerStageState, string>>>> = {
  en: { paid: "Paid", partlyPaid: "Partly paid", due: "Due", overdue: "Overdue", scheduled: "Scheduled", cancelled: "Cancelled", refunded: "Refunded" },
  de: {
    paid: "Bezahlt",
    partlyPaid: "Teilweise bezahlt",
    due: "Fällig",
    overdue: "Überfällig",
    scheduled: "Geplant",
    cancelled: "Storniert",
    refunded: "Erstattet",
  },
  fr: {
    paid: "Payé",
    partlyPaid: "Partiellement payé",
    due: "À payer",
    overdue: "En retard",
    scheduled: "Prévu",
    cancelled: "Annulé",
    refunded: "Remboursé",
  },
};
