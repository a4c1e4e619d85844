import { Heading } from "@react-email/components";
import type { ScheduleChange } from "../../domain/documents/buyer-email";
import { dueText, type EmailContext } from "../email-context";
import { DataTable } from "./data-table";
import { sectionHeading } from "./styles";

type ChangeSide = ScheduleChange["before"];

/** Each changed stage before and after: amount and due date, "New" or "Removed" where a side is missing. */
export function ChangesTable({ context, changes }: { readonly context: EmailContext; readonly changes: readonly ScheduleChange[] }) {
  const { changes: words } = context.messages;
  const sideText = (side: ChangeSide, missing: string) => (side ? words.amountDue(context.money(side.amountMinor), dueText(context, side)) : missing);
  return (
    <>
      <Heading as="h2" style={sectionHeading}>
        {words.heading}
      </Heading>
      <DataTable
        context={context}
        columns={[{ header: words.payment }, { header: words.before }, { header: words.after }]}
        rows={changes.map((change) => ({
          key: change.position,
          cells: [`${change.position}. ${change.title}`, sideText(change.before, words.added), sideText(change.after, words.removed)],
        }))}
      />
    </>
  );
}
