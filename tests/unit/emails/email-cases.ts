import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { BuyerDocument, BuyerStage } from "../../../app/domain/documents/buyer-document";
import type { BuyerEmail, BuyerEmailKind } from "../../../app/domain/documents/buyer-email";
import { renderBuyerEmail, type RenderedEmail } from "../../../app/emails/render-buyer-email.server";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";

/** One email of one kind about one fixture, with the stage it is about (null for a contract-wide email). */
export interface EmailCase {
  readonly name: string;
  readonly fixture: string;
  readonly document: BuyerDocument;
  readonly email: BuyerEmail;
  readonly stage: BuyerStage | null;
}

/** The kinds that ask for a stage's money and so carry its pay button. */
export const PAYMENT_REQUEST_KINDS: readonly BuyerEmailKind[] = ["stageInvoice", "reminder", "overdue", "chargeDeclined"];

const date = (text: string) => text as CalendarDate;

/** Every kind (each reminder `when`) for every fixture where the email makes sense. */
export const EMAIL_CASES: readonly EmailCase[] = Object.entries(BUYER_DOCUMENTS).flatMap(([fixture, document]) =>
  emailsFor(document).map((email) => ({
    name: `${email.kind}${email.kind === "reminder" ? `:${email.when}` : ""} × ${fixture}`,
    fixture,
    document,
    email,
    stage: "stagePosition" in email ? (document.contract.stages.find((stage) => stage.position === email.stagePosition) ?? null) : null,
  })),
);

function emailsFor(document: BuyerDocument): BuyerEmail[] {
  const { stages, refundedMinor } = document.contract;
  const today = document.locale.today;
  const owing = stages.find((stage) => stage.state === "overdue") ?? stages.find((stage) => stage.owedMinor > 0n);
  const lastPaid = stages.findLast((stage) => stage.paidMinor > 0n);
  const emails: BuyerEmail[] = [];
  if (owing) {
    const stagePosition = owing.position;
    emails.push(
      { kind: "stageInvoice", stagePosition },
      ...(["before", "onDueDate", "after"] as const).map((when) => ({ kind: "reminder" as const, stagePosition, when })),
      { kind: "overdue", stagePosition },
      { kind: "chargeUpcoming", stagePosition, chargeOn: owing.dueDate ?? today },
      { kind: "chargeDeclined", stagePosition, retryOn: owing.dueDate },
    );
  }
  if (lastPaid) {
    const payment = { stagePosition: lastPaid.position, amountMinor: lastPaid.paidMinor, receivedOn: lastPaid.dueDate ?? today };
    emails.push({ kind: "paymentReceived", ...payment }, { kind: "chargeReceipt", ...payment });
    emails.push({ kind: "refundIssued", amountMinor: refundedMinor > 0n ? refundedMinor : lastPaid.paidMinor, refundedOn: today });
  }
  // A schedule change revises the plan's stages only, never a late fee.
  const planStages = stages.filter((stage) => stage.kind !== "lateFee");
  const last = planStages.at(-1)!;
  emails.push({
    kind: "scheduleChanged",
    changes: [
      { position: last.position, title: last.title, before: { amountMinor: last.amountMinor + 1_00n, dueDate: null, waitsFor: "shipping" }, after: last },
      { position: planStages.length + 1, title: "Extra payment", before: { amountMinor: 2_50n, dueDate: date("2027-06-01"), waitsFor: null }, after: null },
    ],
  });
  emails.push(
    refundedMinor > 0n
      ? { kind: "contractCancelled", settlement: "refund", refundMinor: refundedMinor }
      : { kind: "contractCancelled", settlement: "credit", refundMinor: 0n },
  );
  return emails;
}

const rendered = new Map<string, Promise<RenderedEmail>>();

/** Each case is rendered once however many tests read it. */
export function renderCase(emailCase: EmailCase): Promise<RenderedEmail> {
  let email = rendered.get(emailCase.name);
  if (!email) {
    email = renderBuyerEmail({ email: emailCase.email, document: emailCase.document, text: { subject: null, intro: null } });
    rendered.set(emailCase.name, email);
  }
  return email;
}

/** Every href in the HTML, entities decoded. */
export function hrefsOf(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => decodeAttribute(match[1]!));
}

export function decodeAttribute(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
