import type { ReactNode } from "react";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { numberingOf, type EmailContext } from "../email-context";
import { EmailFrame } from "./email-frame";

/** An email about one stage, headed "Payment 2 of 3: Milestone payment"; a late fee's by its title alone. */
export function StageEmailFrame({
  context,
  subject,
  intro,
  stage,
  children,
}: {
  readonly context: EmailContext;
  readonly subject: string;
  readonly intro: string;
  readonly stage: BuyerStage;
  readonly children: ReactNode;
}) {
  const { messages } = context;
  const numbering = numberingOf(context, stage);
  const heading = numbering.lateFee ? stage.title : messages.stageHeading(messages.paymentOf(numbering.position, numbering.count), stage.title);
  return (
    <EmailFrame context={context} subject={subject} intro={intro} heading={heading}>
      {children}
    </EmailFrame>
  );
}
