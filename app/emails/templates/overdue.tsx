import { Heading, Text } from "@react-email/components";
import { PaymentRequest } from "../components/payment-request";
import { StageEmailFrame } from "../components/stage-email-frame";
import { paragraph, sectionHeading } from "../components/styles";
import { dueText, stageName } from "../email-context";
import type { StageTemplateProps } from "./template-props";

/** A stage is past due: every overdue stage with what is owed on it, then the pay link and every stage's state. */
export function OverdueEmail({ context, subject, intro, stage }: StageTemplateProps<"overdue">) {
  const { messages } = context;
  const overdueStages = context.document.contract.stages.filter((candidate) => candidate.state === "overdue" || candidate.position === stage.position);
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <Heading as="h2" style={sectionHeading}>
        {messages.overdueHeading}
      </Heading>
      {overdueStages.map((overdue) => (
        <Text key={overdue.position} style={paragraph}>
          {messages.overdueLine(stageName(context, overdue), context.money(overdue.owedMinor), dueText(context, overdue))}
        </Text>
      ))}
      <PaymentRequest context={context} stage={stage} />
    </StageEmailFrame>
  );
}
