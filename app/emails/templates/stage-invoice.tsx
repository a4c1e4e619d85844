import { PaymentRequest } from "../components/payment-request";
import { StageEmailFrame } from "../components/stage-email-frame";
import type { StageTemplateProps } from "./template-props";

/** A stage's link is out: which payment of how many, amount, tax, due date, pay link, invoice, the schedule. */
export function StageInvoiceEmail({ context, subject, intro, stage }: StageTemplateProps<"stageInvoice">) {
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <PaymentRequest context={context} stage={stage} />
    </StageEmailFrame>
  );
}
