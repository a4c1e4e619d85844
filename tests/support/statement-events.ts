import { addDays } from "../../app/domain/dates/calendar-date";
import type { BuyerDocument } from "../../app/domain/documents/buyer-document";
import type { StatementEvent } from "../../app/domain/documents/statement";

/**
 * Statement events a buyer document's contract implies, for the statement PDF tests: each invoiced stage invoiced on
 * its due date and paid three days later; what a cancelled or refunded stage no longer owes credited, and a refund
 * paid out, on the document's today (or the invoice date, when later). (The app reads real dates from the ledger.)
 */
export function statementEventsOf(document: BuyerDocument): StatementEvent[] {
  const { contract, locale } = document;
  const base = { contractId: contract.id, currency: contract.currency };
  return contract.stages.flatMap((stage): StatementEvent[] => {
    if (stage.invoiceNumber === null) return [];
    const invoicedOn = stage.dueDate ?? locale.today;
    const events: StatementEvent[] = [
      { ...base, date: invoicedOn, kind: "invoice", reference: stage.invoiceNumber, description: stage.title, amountMinor: stage.amountMinor },
    ];
    if (stage.paidMinor > 0n) {
      const reference = `${contract.orderName ?? contract.id}-${stage.position}`;
      events.push({ ...base, date: addDays(invoicedOn, 3), kind: "payment", reference, description: `Payment: ${stage.title}`, amountMinor: stage.paidMinor });
    }
    // Settled on the document's today, but never before the stage was invoiced.
    const settledOn = locale.today > invoicedOn ? locale.today : invoicedOn;
    const keptPaid = stage.paidMinor - stage.refundedMinor;
    if ((stage.state === "cancelled" || stage.state === "refunded") && stage.amountMinor > keptPaid) {
      const credit = stage.amountMinor - keptPaid;
      events.push({
        ...base,
        date: settledOn,
        kind: "cancellation",
        reference: stage.invoiceNumber,
        description: `Credit note: ${stage.title}`,
        amountMinor: credit,
      });
    }
    if (stage.refundedMinor > 0n) {
      events.push({
        ...base,
        date: settledOn,
        kind: "refund",
        reference: `${stage.invoiceNumber}-R`,
        description: `Refund: ${stage.title}`,
        amountMinor: stage.refundedMinor,
      });
    }
    return events;
  });
}
