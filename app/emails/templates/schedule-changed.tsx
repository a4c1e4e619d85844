import { ChangesTable } from "../components/changes-table";
import { EmailFrame } from "../components/email-frame";
import { ContractSummary } from "../components/contract-summary";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import type { TemplateProps } from "./template-props";

/** Staff changed the schedule: what changed stage by stage, then the schedule as it is now. */
export function ScheduleChangedEmail({ context, email, subject, intro }: TemplateProps<"scheduleChanged">) {
  return (
    <EmailFrame context={context} subject={subject} intro={intro} heading={context.messages.headings.scheduleChanged}>
      <ChangesTable context={context} changes={email.changes} />
      <ScheduleTable context={context} />
      <ContractSummary context={context} />
      <PortalLink context={context} />
    </EmailFrame>
  );
}
