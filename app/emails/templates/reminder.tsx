import { PaymentRequest } from "../components/payment-request";
import { StageEmailFrame } from "../components/stage-email-frame";
import type { StageTemplateProps } from "./template-props";

/** The invoice's facts again; its subject and intro (chosen by `when`) say whether it is due soon, today or past. */
export function ReminderEmail({ context, subject, intro, stage }: StageTemplateProps<"reminder">) {
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <PaymentRequest context={context} stage={stage} />
    </StageEmailFrame>
  );
}
