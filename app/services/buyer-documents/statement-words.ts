import type { StatementWords } from "../../domain/documents/contract-statement-events";
import type { MessageLocale } from "../../domain/documents/buyer-document";
import { documentMessagesFor } from "../../documents/document-messages";
import { messageLocaleOf } from "../../locale/format";

type OwnWords = Omit<StatementWords, "paymentOf">;

const WORDS: Readonly<Record<MessageLocale, OwnWords>> = {
  en: {
    received: (method) => (method ? `Payment received (${method})` : "Payment received"),
    refund: "Refund",
    creditNote: "Credit note",
    earlyPaymentDiscount: "Early-payment discount",
  },
  de: {
    received: (method) => (method ? `Zahlungseingang (${method})` : "Zahlungseingang"),
    refund: "Erstattung",
    creditNote: "Gutschrift",
    earlyPaymentDiscount: "Skonto",
  },
  fr: {
    received: (method) => (method ? `Paiement reçu (${method})` : "Paiement reçu"),
    refund: "Remboursement",
    creditNote: "Avoir",
    earlyPaymentDiscount: "Escompte pour paiement anticipé",
  },
};

/** The statement lines' words in the buyer's language; "Payment 2 of 3" is the documents' own wording. */
export function statementWordsFor(locale: string): StatementWords {
  return { ...WORDS[messageLocaleOf(locale)], paymentOf: documentMessagesFor(locale).paymentOf };
}
