import type { Messages } from "./en";
import { STAGE_STATE_WORDS } from "../../locale/stage-state-words";

// French typography: a no-break space before « : ; ! ? » and inside guillemets.
const NBSP = "\u00a0";

export const fr: Messages = {
  templates: {
    stageInvoice: {
      subject: `Paiement {position} sur {count} pour la commande {order} — {amount}, échéance${NBSP}: {dueDate}`,
      intro: `Le paiement {position} sur {count} de la commande {order} ({stage}) est prêt. Montant${NBSP}: {amount}, échéance${NBSP}: {dueDate}.`,
    },
    reminder: {
      before: {
        subject: `Rappel${NBSP}: paiement {position} sur {count} pour la commande {order} — {amount}, échéance${NBSP}: {dueDate}`,
        intro: `Petit rappel concernant le paiement {position} sur {count} de la commande {order} ({stage}). Montant${NBSP}: {amount}, échéance${NBSP}: {dueDate}.`,
      },
      onDueDate: {
        subject: `À payer aujourd’hui${NBSP}: paiement {position} sur {count} pour la commande {order} — {amount}`,
        intro: `Le paiement {position} sur {count} de la commande {order} ({stage}), d’un montant de {amount}, est à régler aujourd’hui.`,
      },
      after: {
        subject: `Toujours en attente${NBSP}: paiement {position} sur {count} pour la commande {order} — {amount} (échéance${NBSP}: {dueDate})`,
        intro: `Le paiement {position} sur {count} de la commande {order} ({stage}), d’un montant de {amount}, est toujours en attente (échéance${NBSP}: {dueDate}).`,
      },
    },
    overdue: {
      subject: `En retard${NBSP}: paiement {position} sur {count} pour la commande {order} — {amount} (échéance${NBSP}: {dueDate})`,
      intro: `Le paiement {position} sur {count} de la commande {order} ({stage}) est en retard (échéance${NBSP}: {dueDate}). Montant${NBSP}: {amount}. Merci de le régler dès que possible.`,
    },
    paymentReceived: {
      subject: `Paiement reçu${NBSP}: {amount} pour le paiement {position} sur {count}, commande {order}`,
      intro: `Merci${NBSP}! Nous avons reçu {amount} pour le paiement {position} sur {count} ({stage}) de la commande {order}.`,
    },
    chargeUpcoming: {
      subject: `Paiement {position} sur {count} pour la commande {order}${NBSP}: {amount} seront prélevés le {dueDate}`,
      intro: `Votre carte enregistrée sera débitée de {amount} le {dueDate} pour le paiement {position} sur {count} ({stage}) de la commande {order}. Vous n’avez rien à faire.`,
    },
    chargeReceipt: {
      subject: `Reçu${NBSP}: {amount} débités pour le paiement {position} sur {count}, commande {order}`,
      intro: `Nous avons débité {amount} de votre carte enregistrée pour le paiement {position} sur {count} ({stage}) de la commande {order}. Merci${NBSP}!`,
    },
    chargeDeclined: {
      subject: `Carte refusée${NBSP}: paiement {position} sur {count} pour la commande {order} — {amount}`,
      intro: `Votre carte enregistrée a été refusée lorsque nous avons tenté de débiter {amount} pour le paiement {position} sur {count} ({stage}) de la commande {order}.`,
    },
    scheduleChanged: {
      subject: "Votre échéancier pour la commande {order} a changé",
      intro: `{shop} a modifié l’échéancier de la commande {order}. Voici ce qui a changé.`,
    },
    contractCancelled: {
      subject: "La commande {order} a été annulée",
      intro: "La commande {order} a été annulée. Aucun autre paiement ne sera prélevé.",
    },
    refundIssued: {
      subject: "Remboursement de {amount} pour la commande {order}",
      intro: "{shop} a remboursé {amount} pour la commande {order}.",
    },
  },
  lateFeeTemplates: {
    stageInvoice: {
      subject: `Frais de retard pour la commande {order} — {amount}, échéance${NBSP}: {dueDate}`,
      intro: `{stage}${NBSP}: {amount}, échéance${NBSP}: {dueDate}. Ces frais s’ajoutent aux paiements de la commande {order}.`,
    },
    reminder: {
      before: {
        subject: `Rappel${NBSP}: frais de retard pour la commande {order} — {amount}, échéance${NBSP}: {dueDate}`,
        intro: `Petit rappel concernant les frais de retard de la commande {order} ({stage}). Montant${NBSP}: {amount}, échéance${NBSP}: {dueDate}.`,
      },
      onDueDate: {
        subject: `À payer aujourd’hui${NBSP}: frais de retard pour la commande {order} — {amount}`,
        intro: `Les frais de retard de la commande {order} ({stage}), d’un montant de {amount}, sont à régler aujourd’hui.`,
      },
      after: {
        subject: `Toujours en attente${NBSP}: frais de retard pour la commande {order} — {amount} (échéance${NBSP}: {dueDate})`,
        intro: `Les frais de retard de la commande {order} ({stage}), d’un montant de {amount}, sont toujours en attente (échéance${NBSP}: {dueDate}).`,
      },
    },
    overdue: {
      subject: `Impayés${NBSP}: frais de retard pour la commande {order} — {amount} (échéance${NBSP}: {dueDate})`,
      intro: `Les frais de retard de la commande {order} ({stage}) sont impayés (échéance${NBSP}: {dueDate}). Montant${NBSP}: {amount}. Merci de les régler dès que possible.`,
    },
    paymentReceived: {
      subject: `Paiement reçu${NBSP}: {amount} pour les frais de retard, commande {order}`,
      intro: `Merci${NBSP}! Nous avons reçu {amount} pour les frais de retard de la commande {order} ({stage}).`,
    },
    chargeUpcoming: {
      subject: `Frais de retard pour la commande {order}${NBSP}: {amount} seront prélevés le {dueDate}`,
      intro: `Votre carte enregistrée sera débitée de {amount} le {dueDate} pour les frais de retard de la commande {order} ({stage}). Vous n’avez rien à faire.`,
    },
    chargeReceipt: {
      subject: `Reçu${NBSP}: {amount} débités pour les frais de retard, commande {order}`,
      intro: `Nous avons débité {amount} de votre carte enregistrée pour les frais de retard de la commande {order} ({stage}). Merci${NBSP}!`,
    },
    chargeDeclined: {
      subject: `Carte refusée${NBSP}: frais de retard pour la commande {order} — {amount}`,
      intro: `Votre carte enregistrée a été refusée lorsque nous avons tenté de débiter {amount} pour les frais de retard de la commande {order} ({stage}).`,
    },
  },
  greeting: (name: string | null) => (name ? `Bonjour ${name},` : "Bonjour,"),
  orderLabel: (order: string) => `Commande ${order}`,
  paymentOf: (position: number, count: number) => `Paiement ${position} sur ${count}`,
  paymentNamed: (payment: string, title: string) => `${payment} (${title})`,
  stageHeading: (payment: string, title: string) => `${payment}${NBSP}: ${title}`,
  payButton: (position: number, count: number, amount: string) => `Régler le paiement ${position} sur ${count} — ${amount}`,
  payHint: "Vous pouvez le régler avec le bouton ci-dessous.",
  lateFeePayButton: (amount: string) => `Régler les frais de retard — ${amount}`,
  lateFeePayHint: "Vous pouvez les régler avec le bouton ci-dessous.",
  whenEvent: (event: string) => `lors de «${NBSP}${event}${NBSP}»`,
  notScheduled: "pas encore planifié",
  headings: {
    scheduleChanged: "Votre échéancier a changé",
    contractCancelled: "Votre commande a été annulée",
    refundIssued: "Remboursement effectué",
  },
  labels: {
    amount: "Montant",
    includesTax: (title: string) => `Dont ${title}`,
    alreadyPaid: "Déjà payé",
    refunded: "Remboursé",
    stillToPay: "Reste à payer",
    due: "Échéance",
    invoice: "Facture",
    received: "Reçu",
    charged: "Débité",
    willBeCharged: "Sera débité",
    total: "Total de la commande",
    paid: "Payé",
    paidNet: "Payé, après remboursements",
    outstanding: "Reste à payer au total",
  },
  amountOn: (amount: string, date: string) => `${amount} le ${date}`,
  invoiceLink: (invoiceNumber: string) => `${invoiceNumber} (PDF)`,
  states: STAGE_STATE_WORDS.fr,
  partlyPaidState: (owed: string) => `Partiellement payé, reste ${owed}`,
  schedule: {
    heading: "Échéancier",
    payment: "Paiement",
    amount: "Montant",
    due: "Échéance",
    status: "Statut",
  },
  overdueHeading: "Ce qui est en retard",
  overdueLine: (stage: string, owed: string, due: string) => `${stage}${NBSP}: ${owed} (échéance${NBSP}: ${due})`,
  next: (stage: string, amount: string, due: string) => `Prochain paiement${NBSP}: ${stage}, ${amount} (échéance${NBSP}: ${due}).`,
  paidInFull: `Tout est payé. Merci${NBSP}!`,
  retryOn: (date: string) => `Nous réessaierons de débiter votre carte le ${date}.`,
  noRetry: "Nous ne réessaierons pas de débiter votre carte.",
  changes: {
    heading: "Ce qui a changé",
    payment: "Paiement",
    before: "Avant",
    after: "Après",
    amountDue: (amount: string, due: string) => `${amount} (échéance${NBSP}: ${due})`,
    added: "Nouveau",
    removed: "Supprimé",
  },
  settlement: {
    refund: (amount: string) => `Nous vous remboursons ${amount}.`,
    credit: (amount: string, shop: string) => `Les ${amount} que vous avez payés restent en avoir chez ${shop}.`,
    kept: (amount: string) => `Les ${amount} que vous avez payés sont conservés, comme convenu.`,
  },
  portalLink: "Voir vos paiements et factures en ligne",
};
