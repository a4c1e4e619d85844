import { Heading } from "@react-email/components";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { paidWithDiscountWords } from "../../locale/payment-terms-words";
import { dueText, numberingOf, type EmailContext } from "../email-context";
import { DataTable } from "./data-table";
import { sectionHeading } from "./styles";

/**
 * Every stage of the contract with its amount, due date and state; the one the email is about marked. A plan's stage
 * is numbered ("2. Balance"), a late fee is not.
 */
export function ScheduleTable({ context, currentPosition }: { readonly context: EmailContext; readonly currentPosition?: number }) {
  const { schedule } = context.messages;
  return (
    <>
      <Heading as="h2" style={sectionHeading}>
        {schedule.heading}
      </Heading>
      <DataTable
        context={context}
        columns={[{ header: schedule.payment }, { header: schedule.amount, align: "right" }, { header: schedule.due }, { header: schedule.status }]}
        rows={context.document.contract.stages.map((stage) => ({
          key: stage.position,
          current: stage.position === currentPosition,
          cells: [scheduleName(context, stage), context.money(stage.amountMinor), dueText(context, stage), stateText(context, stage)],
        }))}
      />
    </>
  );
}

function scheduleName(context: EmailContext, stage: BuyerStage): string {
  const numbering = numberingOf(context, stage);
  return numbering.lateFee ? stage.title : `${numbering.position}. ${stage.title}`;
}

function stateText(context: EmailContext, stage: BuyerStage): string {
  if (stage.state === "paid" && stage.earlyPaymentDiscount) {
    const format = { locale: context.document.locale.locale, money: context.money, date: context.date };
    return paidWithDiscountWords(stage.paidMinor, stage.earlyPaymentDiscount, format);
  }
  return stage.state === "partlyPaid" ? context.messages.partlyPaidState(context.money(stage.owedMinor)) : context.messages.states[stage.state];
}
