import type { Messages } from "./en";
import { STAGE_STATE_WORDS } from "../../locale/stage-state-words";

export const de: Messages = {
  templates: {
    stageInvoice: {
      subject: "Zahlung {position} von {count} für Bestellung {order} — {amount}, fällig {dueDate}",
      intro: "Zahlung {position} von {count} für Bestellung {order} ({stage}) steht bereit. Betrag: {amount}, fällig: {dueDate}.",
    },
    reminder: {
      before: {
        subject: "Erinnerung: Zahlung {position} von {count} für Bestellung {order} — {amount}, fällig {dueDate}",
        intro: "Eine freundliche Erinnerung an Zahlung {position} von {count} für Bestellung {order} ({stage}). Betrag: {amount}, fällig: {dueDate}.",
      },
      onDueDate: {
        subject: "Heute fällig: Zahlung {position} von {count} für Bestellung {order} — {amount}",
        intro: "Zahlung {position} von {count} für Bestellung {order} ({stage}) über {amount} ist heute fällig.",
      },
      after: {
        subject: "Noch offen: Zahlung {position} von {count} für Bestellung {order} — {amount} (fällig: {dueDate})",
        intro: "Zahlung {position} von {count} für Bestellung {order} ({stage}) über {amount} ist noch offen (fällig: {dueDate}).",
      },
    },
    overdue: {
      subject: "Überfällig: Zahlung {position} von {count} für Bestellung {order} — {amount} (fällig: {dueDate})",
      intro:
        "Zahlung {position} von {count} für Bestellung {order} ({stage}) ist überfällig (fällig: {dueDate}). Betrag: {amount}. Bitte bezahlen Sie sie so bald wie möglich.",
    },
    paymentReceived: {
      subject: "Zahlung erhalten: {amount} für Zahlung {position} von {count}, Bestellung {order}",
      intro: "Vielen Dank! Wir haben {amount} für Zahlung {position} von {count} ({stage}) zu Bestellung {order} erhalten.",
    },
    chargeUpcoming: {
      subject: "Zahlung {position} von {count} für Bestellung {order}: {amount} werden am {dueDate} abgebucht",
      intro:
        "Am {dueDate} buchen wir {amount} von Ihrer gespeicherten Karte ab, für Zahlung {position} von {count} ({stage}) zu Bestellung {order}. Sie müssen nichts weiter tun.",
    },
    chargeReceipt: {
      subject: "Beleg: {amount} abgebucht für Zahlung {position} von {count}, Bestellung {order}",
      intro: "Wir haben {amount} von Ihrer gespeicherten Karte abgebucht, für Zahlung {position} von {count} ({stage}) zu Bestellung {order}. Vielen Dank!",
    },
    chargeDeclined: {
      subject: "Karte abgelehnt: Zahlung {position} von {count} für Bestellung {order} — {amount}",
      intro: "Ihre gespeicherte Karte wurde abgelehnt, als wir {amount} für Zahlung {position} von {count} ({stage}) zu Bestellung {order} abbuchen wollten.",
    },
    scheduleChanged: {
      subject: "Ihr Zahlungsplan für Bestellung {order} wurde geändert",
      intro: "{shop} hat den Zahlungsplan für Bestellung {order} geändert. Das hat sich geändert:",
    },
    contractCancelled: {
      subject: "Bestellung {order} wurde storniert",
      intro: "Bestellung {order} wurde storniert. Es werden keine weiteren Zahlungen eingezogen.",
    },
    refundIssued: {
      subject: "Erstattung von {amount} für Bestellung {order}",
      intro: "{shop} hat {amount} für Bestellung {order} erstattet.",
    },
  },
  lateFeeTemplates: {
    stageInvoice: {
      subject: "Verzugskosten für Bestellung {order} — {amount}, fällig {dueDate}",
      intro: "{stage}: {amount}, fällig: {dueDate}. Sie kommen zu den Zahlungen für Bestellung {order} hinzu.",
    },
    reminder: {
      before: {
        subject: "Erinnerung: Verzugskosten für Bestellung {order} — {amount}, fällig {dueDate}",
        intro: "Eine freundliche Erinnerung an die Verzugskosten für Bestellung {order} ({stage}). Betrag: {amount}, fällig: {dueDate}.",
      },
      onDueDate: {
        subject: "Heute fällig: Verzugskosten für Bestellung {order} — {amount}",
        intro: "Die Verzugskosten für Bestellung {order} ({stage}) über {amount} sind heute fällig.",
      },
      after: {
        subject: "Noch offen: Verzugskosten für Bestellung {order} — {amount} (fällig: {dueDate})",
        intro: "Die Verzugskosten für Bestellung {order} ({stage}) über {amount} sind noch offen (fällig: {dueDate}).",
      },
    },
    overdue: {
      subject: "Überfällig: Verzugskosten für Bestellung {order} — {amount} (fällig: {dueDate})",
      intro:
        "Die Verzugskosten für Bestellung {order} ({stage}) sind überfällig (fällig: {dueDate}). Betrag: {amount}. Bitte bezahlen Sie sie so bald wie möglich.",
    },
    paymentReceived: {
      subject: "Zahlung erhalten: {amount} für die Verzugskosten, Bestellung {order}",
      intro: "Vielen Dank! Wir haben {amount} für die Verzugskosten zu Bestellung {order} ({stage}) erhalten.",
    },
    chargeUpcoming: {
      subject: "Verzugskosten für Bestellung {order}: {amount} werden am {dueDate} abgebucht",
      intro:
        "Am {dueDate} buchen wir {amount} von Ihrer gespeicherten Karte ab, für die Verzugskosten zu Bestellung {order} ({stage}). Sie müssen nichts weiter tun.",
    },
    chargeReceipt: {
      subject: "Beleg: {amount} abgebucht für die Verzugskosten, Bestellung {order}",
      intro: "Wir haben {amount} von Ihrer gespeicherten Karte abgebucht, für die Verzugskosten zu Bestellung {order} ({stage}). Vielen Dank!",
    },
    chargeDeclined: {
      subject: "Karte abgelehnt: Verzugskosten für Bestellung {order} — {amount}",
      intro: "Ihre gespeicherte Karte wurde abgelehnt, als wir {amount} für die Verzugskosten zu Bestellung {order} ({stage}) abbuchen wollten.",
    },
  },
  greeting: (name: string | null) => (name ? `Guten Tag ${name},` : "Guten Tag,"),
  orderLabel: (order: string) => `Bestellung ${order}`,
  paymentOf: (position: number, count: number) => `Zahlung ${position} von ${count}`,
  paymentNamed: (payment: string, title: string) => `${payment} (${title})`,
  stageHeading: (payment: string, title: string) => `${payment}: ${title}`,
  payButton: (position: number, count: number, amount: string) => `Zahlung ${position} von ${count} bezahlen — ${amount}`,
  payHint: "Sie können sie mit der Schaltfläche unten bezahlen.",
  lateFeePayButton: (amount: string) => `Verzugskosten bezahlen — ${amount}`,
  lateFeePayHint: "Sie können sie mit der Schaltfläche unten bezahlen.",
  whenEvent: (event: string) => `bei „${event}“`,
  notScheduled: "noch nicht geplant",
  headings: {
    scheduleChanged: "Ihr Zahlungsplan wurde geändert",
    contractCancelled: "Ihre Bestellung wurde storniert",
    refundIssued: "Erstattung veranlasst",
  },
  labels: {
    amount: "Betrag",
    includesTax: (title: string) => `Enthaltene ${title}`,
    alreadyPaid: "Bereits bezahlt",
    refunded: "Erstattet",
    stillToPay: "Noch zu zahlen",
    due: "Fällig",
    invoice: "Rechnung",
    received: "Eingegangen",
    charged: "Abgebucht",
    willBeCharged: "Wird abgebucht",
    total: "Bestellsumme",
    paid: "Bezahlt",
    paidNet: "Bezahlt, nach Erstattungen",
    outstanding: "Insgesamt noch zu zahlen",
  },
  amountOn: (amount: string, date: string) => `${amount} am ${date}`,
  invoiceLink: (invoiceNumber: string) => `${invoiceNumber} (PDF)`,
  states: STAGE_STATE_WORDS.de,
  partlyPaidState: (owed: string) => `Teilweise bezahlt, noch ${owed}`,
  schedule: {
    heading: "Zahlungsplan",
    payment: "Zahlung",
    amount: "Betrag",
    due: "Fällig",
    status: "Status",
  },
  overdueHeading: "Was überfällig ist",
  overdueLine: (stage: string, owed: string, due: string) => `${stage}: ${owed} (fällig: ${due})`,
  next: (stage: string, amount: string, due: string) => `Als Nächstes: ${stage}, ${amount} (fällig: ${due}).`,
  paidInFull: "Alles ist bezahlt. Vielen Dank!",
  retryOn: (date: string) => `Wir versuchen es am ${date} erneut mit Ihrer Karte.`,
  noRetry: "Wir versuchen es nicht erneut mit Ihrer Karte.",
  changes: {
    heading: "Was sich geändert hat",
    payment: "Zahlung",
    before: "Vorher",
    after: "Nachher",
    amountDue: (amount: string, due: string) => `${amount} (fällig: ${due})`,
    added: "Neu",
    removed: "Entfällt",
  },
  settlement: {
    refund: (amount: string) => `Wir erstatten Ihnen ${amount}.`,
    credit: (amount: string, shop: string) => `Die von Ihnen gezahlten ${amount} bleiben als Guthaben bei ${shop}.`,
    kept: (amount: string) => `Die von Ihnen gezahlten ${amount} werden wie vereinbart einbehalten.`,
  },
  portalLink: "Ihre Zahlungen und Rechnungen online ansehen",
};
