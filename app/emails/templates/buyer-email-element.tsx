import type { ReactElement } from "react";
import type { BuyerEmail } from "../../domain/documents/buyer-email";
import { stageAt, type EmailContext } from "../email-context";
import { ChargeDeclinedEmail } from "./charge-declined";
import { ChargeUpcomingEmail } from "./charge-upcoming";
import { ContractCancelledEmail } from "./contract-cancelled";
import { OverdueEmail } from "./overdue";
import { PaymentReceivedEmail } from "./payment-received";
import { RefundIssuedEmail } from "./refund-issued";
import { ReminderEmail } from "./reminder";
import { ScheduleChangedEmail } from "./schedule-changed";
import { StageInvoiceEmail } from "./stage-invoice";

/** The template of an email's kind, given its context and its filled-in subject and intro. */
export function buyerEmailElement(email: BuyerEmail, context: EmailContext, text: { readonly subject: string; readonly intro: string }): ReactElement {
  const common = { context, ...text };
  switch (email.kind) {
    case "stageInvoice":
      return <StageInvoiceEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "reminder":
      return <ReminderEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "overdue":
      return <OverdueEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "paymentReceived":
    case "chargeReceipt":
      return <PaymentReceivedEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "chargeUpcoming":
      return <ChargeUpcomingEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "chargeDeclined":
      return <ChargeDeclinedEmail {...common} email={email} stage={stageAt(context, email.stagePosition)} />;
    case "scheduleChanged":
      return <ScheduleChangedEmail {...common} email={email} />;
    case "contractCancelled":
      return <ContractCancelledEmail {...common} email={email} />;
    case "refundIssued":
      return <RefundIssuedEmail {...common} email={email} />;
  }
}
