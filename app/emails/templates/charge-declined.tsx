import { Text } from "@react-email/components";
import { PaymentRequest } from "../components/payment-request";
import { StageEmailFrame } from "../components/stage-email-frame";
import { paragraph } from "../components/styles";
import type { StageTemplateProps } from "./template-props";

/** The saved card was declined: whether it is tried again, and the link to pay instead. */
export function ChargeDeclinedEmail({ context, email, subject, intro, stage }: StageTemplateProps<"chargeDeclined">) {
  const { messages } = context;
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <Text style={paragraph}>{email.retryOn ? messages.retryOn(context.date(email.retryOn)) : messages.noRetry}</Text>
      <PaymentRequest context={context} stage={stage} />
    </StageEmailFrame>
  );
}
