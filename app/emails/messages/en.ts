import { STAGE_STATE_WORDS } from "../../locale/stage-state-words";
/**
 * English, the reference: `Messages` is this object's type, so German and French must have every key. Subjects and
 * intros are templates with {placeholders} (app/emails/template-text.ts), the same form staff write theirs in.
 */
export const en = {
  templates: {
    stageInvoice: {
      subject: "Payment {position} of {count} for order {order} — {amount} due {dueDate}",
      intro: "Payment {position} of {count} for order {order} ({stage}) is ready: {amount}, due {dueDate}.",
    },
    reminder: {
      before: {
        subject: "Reminder: payment {position} of {count} for order {order} — {amount} due {dueDate}",
        intro: "A friendly reminder that payment {position} of {count} for order {order} ({stage}), {amount}, is due {dueDate}.",
      },
      onDueDate: {
        subject: "Due today: payment {position} of {count} for order {order} — {amount}",
        intro: "Payment {position} of {count} for order {order} ({stage}), {amount}, is due today.",
      },
      after: {
        subject: "Still open: payment {position} of {count} for order {order} — {amount} was due {dueDate}",
        intro: "Payment {position} of {count} for order {order} ({stage}), {amount}, was due {dueDate} and is still open.",
      },
    },
    overdue: {
      subject: "Overdue: payment {position} of {count} for order {order} — {amount} was due {dueDate}",
      intro: "Payment {position} of {count} for order {order} ({stage}) is overdue: {amount} was due {dueDate}. Please pay it as soon as you can.",
    },
    paymentReceived: {
      subject: "Payment received: {amount} for payment {position} of {count}, order {order}",
      intro: "Thank you! We received {amount} for payment {position} of {count} ({stage}) on order {order}.",
    },
    chargeUpcoming: {
      subject: "Payment {position} of {count} for order {order}: {amount} will be charged on {dueDate}",
      intro:
        "Your saved card will be charged {amount} on {dueDate} for payment {position} of {count} ({stage}) on order {order}. You do not need to do anything.",
    },
    chargeReceipt: {
      subject: "Receipt: {amount} charged for payment {position} of {count}, order {order}",
      intro: "We charged {amount} to your saved card for payment {position} of {count} ({stage}) on order {order}. Thank you!",
    },
    chargeDeclined: {
      subject: "Card declined: payment {position} of {count} for order {order} — {amount}",
      intro: "Your saved card was declined when we tried to charge {amount} for payment {position} of {count} ({stage}) on order {order}.",
    },
    scheduleChanged: {
      subject: "Your payment schedule for order {order} has changed",
      intro: "{shop} changed the payment schedule for order {order}. Here is what changed.",
    },
    contractCancelled: {
      subject: "Order {order} has been cancelled",
      intro: "Order {order} has been cancelled. No further payments will be collected.",
    },
    refundIssued: {
      subject: "Refund of {amount} for order {order}",
      intro: "{shop} refunded {amount} for order {order}.",
    },
  },
  /**
   * An email about a late fee: it is no payment of the plan, so these speak of the fee, named by its title ({stage},
   * "Late fee on payment 2 of 3 (Balance)"), never "payment {position} of {count}". Staff cannot override them.
   */
  lateFeeTemplates: {
    stageInvoice: {
      subject: "Late fee for order {order} — {amount} due {dueDate}",
      intro: "{stage}: {amount}, due {dueDate}. It is owed on top of the payments for order {order}.",
    },
    reminder: {
      before: {
        subject: "Reminder: late fee for order {order} — {amount} due {dueDate}",
        intro: "A friendly reminder that the late fee on order {order} ({stage}), {amount}, is due {dueDate}.",
      },
      onDueDate: {
        subject: "Due today: late fee for order {order} — {amount}",
        intro: "The late fee on order {order} ({stage}), {amount}, is due today.",
      },
      after: {
        subject: "Still open: late fee for order {order} — {amount} was due {dueDate}",
        intro: "The late fee on order {order} ({stage}), {amount}, was due {dueDate} and is still open.",
      },
    },
    overdue: {
      subject: "Overdue: late fee for order {order} — {amount} was due {dueDate}",
      intro: "The late fee on order {order} ({stage}) is overdue: {amount} was due {dueDate}. Please pay it as soon as you can.",
    },
    paymentReceived: {
      subject: "Payment received: {amount} for the late fee on order {order}",
      intro: "Thank you! We received {amount} for the late fee on order {order} ({stage}).",
    },
    chargeUpcoming: {
      subject: "Late fee for order {order}: {amount} will be charged on {dueDate}",
      intro: "Your saved card will be charged {amount} on {dueDate} for the late fee on order {order} ({stage}). You do not need to do anything.",
    },
    chargeReceipt: {
      subject: "Receipt: {amount} charged for the late fee on order {order}",
      intro: "We charged {amount} to your saved card for the late fee on order {order} ({stage}). Thank you!",
    },
    chargeDeclined: {
      subject: "Card declined: late fee for order {order} — {amount}",
      intro: "Your saved card was declined when we tried to charge {amount} for the late fee on order {order} ({stage}).",
    },
  },
  greeting: (name: string | null) => (name ? `Hello ${name},` : "Hello,"),
  orderLabel: (order: string) => `Order ${order}`,
  paymentOf: (position: number, count: number) => `Payment ${position} of ${count}`,
  /** A plan's stage in a sentence: "Payment 2 of 3 (Balance)". */
  paymentNamed: (payment: string, title: string) => `${payment} (${title})`,
  stageHeading: (payment: string, title: string) => `${payment}: ${title}`,
  payButton: (position: number, count: number, amount: string) => `Pay payment ${position} of ${count} — ${amount}`,
  payHint: "You can pay it with the button below.",
  lateFeePayButton: (amount: string) => `Pay the late fee — ${amount}`,
  lateFeePayHint: "You can pay it with the button below.",
  whenEvent: (event: string) => `when ${event}`,
  notScheduled: "not scheduled yet",
  headings: {
    scheduleChanged: "Your payment schedule has changed",
    contractCancelled: "Your order has been cancelled",
    refundIssued: "Refund issued",
  },
  labels: {
    amount: "Amount",
    includesTax: (title: string) => `Includes ${title}`,
    alreadyPaid: "Already paid",
    refunded: "Refunded",
    stillToPay: "Still to pay",
    due: "Due",
    invoice: "Invoice",
    received: "Received",
    charged: "Charged",
    willBeCharged: "Will be charged",
    total: "Order total",
    paid: "Paid",
    paidNet: "Paid, after refunds",
    outstanding: "Still to pay in total",
  },
  amountOn: (amount: string, date: string) => `${amount} on ${date}`,
  invoiceLink: (invoiceNumber: string) => `${invoiceNumber} (PDF)`,
  states: STAGE_STATE_WORDS.en,
  partlyPaidState: (owed: string) => `Partly paid, ${owed} to pay`,
  schedule: {
    heading: "Payment schedule",
    payment: "Payment",
    amount: "Amount",
    due: "Due",
    status: "Status",
  },
  overdueHeading: "What is overdue",
  overdueLine: (stage: string, owed: string, due: string) => `${stage}: ${owed}, due ${due}`,
  next: (stage: string, amount: string, due: string) => `Next: ${stage}, ${amount}, due ${due}.`,
  paidInFull: "Everything is paid. Thank you!",
  retryOn: (date: string) => `We will try your card again on ${date}.`,
  noRetry: "We will not try your card again.",
  changes: {
    heading: "What changed",
    payment: "Payment",
    before: "Before",
    after: "After",
    amountDue: (amount: string, due: string) => `${amount}, due ${due}`,
    added: "New",
    removed: "Removed",
  },
  settlement: {
    refund: (amount: string) => `We are refunding ${amount} to you.`,
    credit: (amount: string, shop: string) => `The ${amount} you paid is kept as credit with ${shop}.`,
    kept: (amount: string) => `The ${amount} you paid is kept, as agreed.`,
  },
  portalLink: "See your payments and invoices online",
};

export type Messages = typeof en;
