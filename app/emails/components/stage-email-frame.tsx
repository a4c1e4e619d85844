import type { ReactNode } from "react";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import type { EmailContext } from "../email-context";
import { EmailFrame } from "./email-frame";

/** An email about one stage, headed "Payment 2 of 3: Milestone payment". */
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
  const heading = messages.stageHeading(messages.paymentOf(stage.position, context.stageCount), stage.title);
  return (
    <EmailFrame context={context} subject={subject} intro={intro} heading={heading}>
      {children}
    </EmailFrame>
  );
}
