import type { MessageLocale } from "../domain/documents/buyer-document";

/** A statement's column and balance words, the same on the portal's page and in the statement PDF. */
export const STATEMENT_WORDS = {
  en: {
    date: "Date",
    reference: "Reference",
    description: "Description",
    debit: "Debit",
    credit: "Credit",
    balance: "Balance",
    openingBalance: "Opening balance",
    closingBalance: "Closing balance",
    noActivity: "No activity in this period.",
  },
  de: {
    date: "Datum",
    reference: "Referenz",
    description: "Beschreibung",
    debit: "Soll",
    credit: "Haben",
    balance: "Saldo",
    openingBalance: "Anfangssaldo",
    closingBalance: "Endsaldo",
    noActivity: "Keine Buchungen in diesem Zeitraum.",
  },
  fr: {
    date: "Date",
    reference: "Référence",
    description: "Libellé",
    debit: "Débit",
    credit: "Crédit",
    balance: "Solde",
    openingBalance: "Solde d’ouverture",
    closingBalance: "Solde de clôture",
    noActivity: "Aucune opération sur la période.",
  },
} satisfies Record<MessageLocale, Record<string, string>>;
